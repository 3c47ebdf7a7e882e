import type { Response } from 'express';
import { spreadsheetCsv, type SpreadsheetCell } from '../shared/spreadsheetSafe.js';
import type { CsvDialect } from './csvDialect.js';
import { setAttachment } from './fileNames.js';
import { writeWhenDrained } from './responseDrain.js';

export const RECORD_DELIMITER = '\r\n';

/**
 * Cells encoded as CSV (text quoted, formulas neutralised) without the line ending, so that an
 * export can encode the cells repeated on many lines once and join the pieces.
 */
export function csvFields(cells: SpreadsheetCell[], dialect: CsvDialect): string {
  return spreadsheetCsv([cells], dialect.delimiter, dialect.decimalComma).slice(0, -RECORD_DELIMITER.length);
}

/**
 * Writes CSV rows to the HTTP response as they come, waiting when the client reads slowly, so a
 * large export never sits in memory. UTF-8 with a BOM (Excel then shows æøå), separators and
 * decimal mark as the dialect says, every text cell quoted and neutralised (shared/spreadsheetSafe.ts).
 */
export class CsvResponseWriter {
  constructor(private readonly res: Response, filename: string, readonly dialect: CsvDialect) {
    res.status(200).type('text/csv; charset=utf-8').set('Cache-Control', 'no-store');
    setAttachment(res, filename);
    res.write('\uFEFF');
  }

  async write(rows: SpreadsheetCell[][]): Promise<void> {
    if (rows.length === 0) return;
    await this.writeEncoded(spreadsheetCsv(rows, this.dialect.delimiter, this.dialect.decimalComma));
  }

  /** Rows already encoded with csvFields (for exports that reuse the encoding of repeated cells). */
  async writeEncoded(chunk: string): Promise<void> {
    if (chunk.length === 0) return;
    await writeWhenDrained(this.res, chunk);
  }

  end(): void {
    this.res.end();
  }
}
