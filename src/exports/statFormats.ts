import type { Response } from 'express';
import { BinaryOutput } from './binaryOutput.js';
import { writeDta } from './dtaWriter.js';
import type { RecordExport } from './recordRows.js';
import { withSpooledRows, type SpooledRows } from './rowSpool.js';
import { writeSav } from './savWriter.js';
import type { StatVariable } from './statVariables.js';

type Writer = (output: BinaryOutput, variables: StatVariable[], rows: SpooledRows, options: { now: Date; label: string }) => Promise<void>;

/** Resolves when the client has read what was written, or has gone away (then it never drains). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** Sends the rows as a binary file, waiting whenever the client reads slowly. */
function sender(contentType: string, write: Writer) {
  return async (res: Response, filename: string, records: RecordExport, options: { now: Date; label: string }): Promise<void> => {
    await withSpooledRows(records.batches, records.header.length, async (rows) => {
      res.status(200).type(contentType).attachment(filename).set('Cache-Control', 'no-store');
      const output = new BinaryOutput(async (chunk) => {
        if (!res.write(chunk) && !res.destroyed) await drained(res);
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
