import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../shared/spreadsheetSafe.js';

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

  async write(rows: (string | number | null | undefined)[][]): Promise<void> {
    if (rows.length === 0) return;
    const chunk = stringify(rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : spreadsheetSafe(cell)))), { record_delimiter: '\r\n' });
    if (!this.res.write(chunk)) await new Promise<void>((resolve) => this.res.once('drain', resolve));
  }

  end(): void {
    this.res.end();
  }
}
