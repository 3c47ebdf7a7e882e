/**
 * Turn a JSON.parse error into "invalid JSON at line L, column C: <what>", on one line.
 * Node 20's V8 gives a character position for most errors but not for "Unexpected token",
 * whose message instead quotes a (multi-line) piece of the source; we find the position
 * ourselves and drop the quote.
 */
export function describeJsonError(error: Error, source: string): string {
  const positioned = / (?:in|after) JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(error.message);
  let what = error.message;
  let offset: number | undefined;
  if (positioned) {
    offset = Number(positioned[1]);
    what = what.replace(positioned[0], '');
  } else if (what.startsWith('Unexpected end of JSON input')) {
    offset = source.length;
  } else {
    const token = /^(Unexpected token '[^]*?'), [^]* is not valid JSON$/.exec(what);
    if (token?.[1]) {
      what = token[1];
      offset = firstBadPrefix(source) - 1;
    }
  }
  // One problem, one line: a quoted token may itself be a line break.
  what = what.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  if (offset === undefined || offset < 0) return `invalid JSON: ${what}`;
  const lines = source.slice(0, offset).split('\n');
  return `invalid JSON at line ${lines.length}, column ${(lines.at(-1) ?? '').length + 1}: ${what}`;
}

/**
 * The shortest prefix that is already broken, not merely cut short. A prefix cut short fails
 * at its very end ("Unexpected end", or a position equal to its length); a broken one fails
 * earlier, and every longer prefix fails the same way, so binary search finds the boundary.
 */
function firstBadPrefix(source: string): number {
  const broken = (length: number): boolean => {
    try {
      JSON.parse(source.slice(0, length));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      if (message.startsWith('Unexpected end of JSON input')) return false;
      const at = / (?:in|after) JSON at position (\d+)/.exec(message);
      return at ? Number(at[1]) < length : true;
    }
  };
  let low = 0;
  let high = source.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (broken(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
