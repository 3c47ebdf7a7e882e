/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe, so names and answers from outside cannot become formulas when a CSV is opened.
 */
export function spreadsheetSafe(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
}
