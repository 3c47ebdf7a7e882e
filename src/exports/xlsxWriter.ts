import type { Response } from 'express';
import { PassThrough, pipeline } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SpreadsheetCell } from '../shared/spreadsheetSafe.js';
import { setAttachment } from './fileNames.js';
import { whenDrained } from './responseDrain.js';

/** How a column's numbers are shown; the cell holds the number itself (a share as 0.42, shown as 42,0 %). */
export type XlsxFormat = 'integer' | 'decimal' | 'percent' | 'pValue';

export interface XlsxColumn {
  header: string;
  format?: XlsxFormat;
  width?: number;
}

/** A small table written whole: a sheet of figures, or a codebook. */
export interface XlsxTable {
  name: string;
  columns: XlsxColumn[];
  rows: SpreadsheetCell[][];
}

const NUMBER_FORMATS: Record<XlsxFormat, string> = { integer: '0', decimal: '0.0', percent: '0.0%', pValue: '0.000' };
/** Text Excel cannot store: a lone surrogate or a non-character (control characters exceljs drops itself). */
const UNWRITABLE = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const EXCEL_CELL_LIMIT = 32_767;

/**
 * A cell as the workbook stores it. Text is always a string cell, never a formula: exceljs writes a
 * formula only for a `{ formula }` object, so `=cmd|…` stays the text it was, in Excel and
 * LibreOffice alike, and needs no apostrophe (test/integration/exportsXlsx.test.ts reads the XML back).
 */
function cellValue(cell: SpreadsheetCell): string | number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return cell.replace(UNWRITABLE, '\uFFFD').slice(0, EXCEL_CELL_LIMIT);
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Ark';
}

export class XlsxSheet {
  constructor(private readonly sheet: ExcelJS.Worksheet, private readonly res: Response) {}

  /** Rows as they come; waits while the client has not read what is already sent, so memory stays flat. */
  async addRows(rows: SpreadsheetCell[][]): Promise<void> {
    for (const row of rows) this.sheet.addRow(row.map(cellValue)).commit();
    // Let the zip stream take what the rows produced, then wait for a slow reader.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await whenDrained(this.res);
  }

  commit(): void {
    this.sheet.commit();
  }
}

/**
 * An .xlsx workbook streamed to the HTTP response (exceljs's streaming writer: each row is
 * written out when added, with inline strings, so no sheet is held in memory). Each sheet has its
 * header row in bold and frozen, and number formats per column.
 */
export class XlsxResponseWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(private readonly res: Response, filename: string) {
    res.status(200).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').set('Cache-Control', 'no-store');
    setAttachment(res, filename);
    // Through a stream of our own, joined to the response by pipeline: a client that goes away
    // mid-download ends the zip's output quietly instead of leaving an unhandled stream error.
    const zipped = new PassThrough();
    pipeline(zipped, res, () => undefined);
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zipped, useStyles: true, useSharedStrings: false });
    this.workbook.creator = 'Pejling';
  }

  /** A sheet to stream rows into; sheets appear in the order they are added. */
  sheet(name: string, columns: XlsxColumn[]): XlsxSheet {
    const sheet = this.workbook.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((column) => ({
      header: column.header,
      width: column.width ?? Math.min(60, Math.max(10, column.header.length + 2)),
      style: column.format ? { numFmt: NUMBER_FORMATS[column.format] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    return new XlsxSheet(sheet, this.res);
  }

  /** A small table written and closed at once. */
  async table(table: XlsxTable): Promise<void> {
    const sheet = this.sheet(table.name, table.columns);
    await sheet.addRows(table.rows);
    sheet.commit();
  }

  async end(): Promise<void> {
    await this.workbook.commit();
  }
}
