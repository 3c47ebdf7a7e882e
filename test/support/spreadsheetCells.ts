/** What a spreadsheet runs as a formula when a cell starts with it (full-width forms included). */
const TRIGGER = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * The cells a spreadsheet that ignores CSV quoting would make of a file split on `separator`
 * (and at every line break), each with the quotes and spaces in front removed that a quoting or
 * trimming import would drop. The strictest reading: every place a cell could begin.
 */
export function cellsSplitOn(text: string, separator: ',' | ';' | '\t'): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).flatMap((line) => line.split(separator)).map((cell) => cell.replace(/^[ "]+/, ''));
}

/** Cells that would start a formula: a trigger at the start of anything but a plain number. */
export function formulaCells(text: string): string[] {
  return (['\t', ';', ','] as const).flatMap((separator) => cellsSplitOn(text, separator).filter((cell) => TRIGGER.test(cell) && !NUMBER.test(cell)).map((cell) => `[${JSON.stringify(separator)}] ${JSON.stringify(cell.slice(0, 60))}`));
}

/** Text answers and names an attacker would try: each has a formula behind a separator or at its start. */
export const FORMULA_PAYLOADS = [
  "ok;=cmd|' /C calc'!A0",
  'ok\t=cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://evil","klik")',
  '+1+1', '-1+2', '@SUM(A1)', '\t=1+1', '\r=1+1', 'a,=1+1', 'linje\n-2+3', 'linje\r\n+2+3',
  'a; "=1+1', 'a, =1+1', '\uFF1D1+1', 'x,\t=y', 'a;;@b', '"=1+1"',
];
