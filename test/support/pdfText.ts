import { execFileSync } from 'node:child_process';

/** Whether Debian's poppler-utils (pdftotext) is here; in CI it must be. */
export function havePdfToText(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('pdftotext is required in CI (apt-get install poppler-utils)');
    console.warn('    (no pdftotext: skipping the printed-report tests; apt-get install poppler-utils)');
    return false;
  }
}

/** The text of each page of a PDF, as pdftotext reads it (layout kept, so a line stays a line). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  // pdftotext ends every page with a form feed.
  return text.split('\f').slice(0, -1);
}
