/** Longest label the error summary shows before shortening a question's own text. */
const MAX_LENGTH = 60;

/** A text cut at a word boundary with "…", so a long question does not fill the error summary. */
function shorten(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  const cut = text.slice(0, MAX_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–-]+$/, '')} …`;
}

/**
 * How the error summary names a field: the question's short name, and for a part of a question
 * (a statement, a row, a category) "question: part", each shortened when long.
 */
export function summaryLabel(question: string, part?: string): string {
  return part === undefined ? shorten(question) : `${shorten(question)}: ${shorten(part)}`;
}
