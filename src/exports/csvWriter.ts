import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../shared/spreadsheetSafe.js';

type Cell = string | number | null | undefined;

export const RECORD_DELIMITER = '\r\n';

const safeCells = (row: Cell[]) => row.map((cell) => (typeof cell === 'number' ? String(cell) : spreadsheetSafe(cell)));

/**
 * Cells encoded as CSV (quoted where needed, formulas neutralised) without the line ending, so
 * that an export can encode the cells repeated on many lines once and join the pieces.
 */
export function csvFields(cells: Cell[]): string {
  return stringify([safeCells(cells)], { record_delimiter: RECORD_DELIMITER }).slice(0, -RECORD_DELIMITER.length);
}

/**
 * Writes CSV rows to the HTTP response as they come, waiting when the client reads slowly, so a
 * large export never sits in memory. UTF-8 with a BOM (Excel then shows æøå), comma-separated,
 * formula-looking cells neutralised.
 */
export class CsvResponseWriter {
  constructor(private readonly res: Response, filename: string) {
    res.status(200).type('text/csv; charset=utf-8').attachment(filename).set('Cache-Control', 'no-store');
    res.write('\uFEFF');
  }

  async write(rows: Cell[][]): Promise<void> {
    if (rows.length === 0) return;
    await this.writeEncoded(stringify(rows.map(safeCells), { record_delimiter: RECORD_DELIMITER }));
  }

  /** Rows already encoded with csvFields (for exports that reuse the encoding of repeated cells). */
  async writeEncoded(chunk: string): Promise<void> {
    if (chunk.length === 0) return;
    if (!this.res.write(chunk)) await new Promise<void>((resolve) => this.res.once('drain', resolve));
  }

  end(): void {
    this.res.end();
  }
}
