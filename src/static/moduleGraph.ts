import path from 'node:path';

/**
 * ES modules under public/js/ import each other by relative paths ('./chartSetup.js'). A
 * browser resolves those against the importing module's URL, so a module and everything it
 * imports are served under one hash: the hash of the whole import closure, which changes
 * whenever any file in it does.
 */

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The files a module imports by relative path, as paths relative to the same root. */
export function relativeImports(modulePath: string, source: string): string[] {
  const dir = path.posix.dirname(modulePath);
  return [...source.matchAll(RELATIVE_IMPORT)].map((match) => path.posix.normalize(path.posix.join(dir, match[1]!)));
}

/** Each module's import closure (itself included), given every module's direct imports. */
export function importClosures(imports: Map<string, string[]>): Map<string, string[]> {
  const closures = new Map<string, string[]>();
  for (const start of imports.keys()) {
    const seen = new Set<string>([start]);
    const pending = [start];
    while (pending.length > 0) {
      for (const next of imports.get(pending.pop()!) ?? []) {
        if (seen.has(next)) continue;
        if (!imports.has(next)) throw new Error(`${start} imports ${next}, which is not a file under public/`);
        seen.add(next);
        pending.push(next);
      }
    }
    closures.set(start, [...seen].sort());
  }
  return closures;
}
