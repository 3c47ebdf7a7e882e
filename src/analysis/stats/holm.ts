/**
 * Holm's step-down adjustment, as R's p.adjust(p, "holm"); p-values that could not be computed
 * (null) keep their place and do not count towards the number of tests.
 */
export function holm(pValues: (number | null)[]): (number | null)[] {
  const present = pValues.map((p, index) => ({ p, index })).filter((entry): entry is { p: number; index: number } => entry.p !== null).sort((a, b) => a.p - b.p);
  const m = present.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  present.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}
