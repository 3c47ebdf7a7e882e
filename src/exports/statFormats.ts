import type { Response } from 'express';
import { BinaryOutput } from './binaryOutput.js';
import { writeDta } from './dtaWriter.js';
import type { RecordExport } from './recordRows.js';
import { withSpooledRows, type SpooledRows } from './rowSpool.js';
import { writeSav } from './savWriter.js';
import type { StatVariable } from './statVariables.js';

type Writer = (output: BinaryOutput, variables: StatVariable[], rows: SpooledRows, options: { now: Date; label: string }) => Promise<void>;

/** Sends the rows as a binary file, waiting whenever the client reads slowly. */
function sender(contentType: string, write: Writer) {
  return async (res: Response, filename: string, records: RecordExport, options: { now: Date; label: string }): Promise<void> => {
    await withSpooledRows(records.batches, records.header.length, async (rows) => {
      res.status(200).type(contentType).attachment(filename).set('Cache-Control', 'no-store');
      const output = new BinaryOutput(async (chunk) => {
        // A client that went away never drains: the rest is then written nowhere, without waiting.
        if (!res.write(chunk) && !res.destroyed) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
      });
      await write(output, records.variables, rows, options);
    });
    res.end();
  };
}

/** The statistics formats of the wide and paired exports, by file extension. */
export const STAT_FORMATS = {
  sav: { send: sender('application/x-spss-sav', writeSav) },
  dta: { send: sender('application/x-stata-dta', writeDta) },
};
