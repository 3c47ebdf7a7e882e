import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { neutraliseFormulas } from '../shared/spreadsheetSafe.js';
import type { RecordCell } from './statVariables.js';

/** What the binary writers need to know before the first row: counts and the widest text per column. */
export interface SpooledRows {
  count: number;
  /** Per column: the longest text cell in UTF-8 bytes (0 for a column without text). */
  maxBytes: number[];
  /** Per column: the bytes of all text cells and how many are not empty (Stata's long-string section). */
  totalBytes: number[];
  nonEmpty: number[];
  /** The rows again, one at a time, as often as a writer needs them. */
  rows(): AsyncIterable<RecordCell[]>;
}

/**
 * SPSS and Stata files state the number of rows and each text column's width before the data, so
 * the rows are first written to a temporary file (one JSON line each) while those figures are
 * taken, then read back row by row: memory stays at one batch, and the file describes exactly the
 * rows it holds even when answers arrive meanwhile. Text is neutralised as in the CSV, so every
 * cell equals the CSV's. `use` runs with the spooled rows; the file is removed afterwards.
 */
export async function withSpooledRows<T>(batches: AsyncIterable<RecordCell[][]>, width: number, use: (rows: SpooledRows) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pejling-export-'));
  const file = path.join(dir, 'rows.jsonl');
  try {
    const spooled: SpooledRows = { count: 0, maxBytes: new Array<number>(width).fill(0), totalBytes: new Array<number>(width).fill(0), nonEmpty: new Array<number>(width).fill(0), rows: () => readRows(file) };
    const out = fs.createWriteStream(file);
    for await (const batch of batches) {
      let chunk = '';
      for (const row of batch) {
        const cells = row.map((cell, i) => {
          if (typeof cell !== 'string') return cell;
          const safe = neutraliseFormulas(cell);
          const bytes = Buffer.byteLength(safe);
          spooled.maxBytes[i] = Math.max(spooled.maxBytes[i]!, bytes);
          spooled.totalBytes[i]! += bytes;
          if (bytes > 0) spooled.nonEmpty[i]! += 1;
          return safe;
        });
        chunk += `${JSON.stringify(cells)}\n`;
        spooled.count += 1;
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    return await use(spooled);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

async function* readRows(file: string): AsyncGenerator<RecordCell[]> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield JSON.parse(line) as RecordCell[];
}
