import { stringify } from 'csv-stringify/sync';

/** A value in a CSV a person downloads: text, a number, or empty. */
export type SpreadsheetCell = string | number | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (the full-width forms too). */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
/**
 * Where a spreadsheet may begin a new cell inside one of our cells: after any separator a CSV
 * dialect uses (Danish Excel splits on `;`, others on `,` or tab) and at every line break.
 */
const SEPARATORS = new Set([',', ';', '\t', '\r', '\n']);
/** Skipped before the trigger: a quote a quote-unaware split leaves in front, or spaces a trimming import removes. */
const PADDING = new Set([' ', '"']);
const ANY_TRIGGER = /[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text with an apostrophe in front of every piece that a spreadsheet could cut out and run as a
 * formula: the text's start and whatever follows a separator or line break inside it. So
 * `ok;=cmd|' /C calc'!A0` becomes `ok;'=cmd|' /C calc'!A0`, harmless however the file is split.
 */
export function neutraliseFormulas(text: string): string {
  if (!ANY_TRIGGER.test(text)) return text;
  let result = '';
  let copied = 0;
  for (let start = 0; start < text.length; start++) {
    if (start > 0 && !SEPARATORS.has(text[start - 1]!)) continue;
    let first = start;
    while (first < text.length && PADDING.has(text[first]!)) first++;
    if (first < text.length && TRIGGERS.has(text[first]!)) {
      result += `${text.slice(copied, start)}'`;
      copied = start;
    }
  }
  return result + text.slice(copied);
}

/** Numbers stay numbers (a negative number is a value, not a formula); text is neutralised. */
function safeCell(value: SpreadsheetCell): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : neutraliseFormulas(value);
}

/** A number as Danish Excel reads it (`1,5`) or as everything else does (`1.5`); never quoted, so it stays a number. */
export function csvNumber(value: number, decimalComma: boolean): string {
  return decimalComma ? String(value).replace('.', ',') : String(value);
}

/**
 * Rows as CSV that no spreadsheet can run as formulas, whether it splits on `,`, `;` or tab:
 * every text cell is quoted and neutralised, numbers are written as they are (with a decimal
 * comma for Danish Excel), empty cells are empty. Every CSV Pejling hands out (exports, links,
 * outbox) is written here.
 */
export function spreadsheetCsv(rows: SpreadsheetCell[][], delimiter: ',' | ';' = ',', decimalComma = false): string {
  return stringify(rows.map((row) => row.map(safeCell)), { delimiter, quoted_string: true, record_delimiter: '\r\n', cast: { number: (value) => csvNumber(value, decimalComma) } });
}
