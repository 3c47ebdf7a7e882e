import type { Response } from 'express';
import { BinaryOutput } from './binaryOutput.js';
import { writeDta } from './dtaWriter.js';
import { setAttachment } from './fileNames.js';
import type { RecordTable } from './recordRows.js';
import { writeWhenDrained } from './responseDrain.js';
import { withSpooledRows, type SpooledRows } from './rowSpool.js';
import { writeSav } from './savWriter.js';
import type { StatVariable } from './statVariables.js';

type Writer = (output: BinaryOutput, variables: StatVariable[], rows: SpooledRows, options: { now: Date; label: string }) => Promise<void>;

/** Sends the rows as a binary file, waiting whenever the client reads slowly and stopping when it has gone. */
function sender(contentType: string, write: Writer) {
  return async (res: Response, filename: string, table: RecordTable, options: { now: Date; label: string }): Promise<void> => {
    await withSpooledRows(table.batches, table.header.length, async (rows) => {
      res.status(200).type(contentType).set('Cache-Control', 'no-store');
      setAttachment(res, filename);
      const output = new BinaryOutput((chunk) => writeWhenDrained(res, chunk));
      await write(output, table.variables, rows, options);
    });
    res.end();
  };
}

/** The statistics formats of the wide and paired exports, by file extension. */
export const STAT_FORMATS = {
  sav: { send: sender('application/x-spss-sav', writeSav) },
  dta: { send: sender('application/x-stata-dta', writeDta) },
};
