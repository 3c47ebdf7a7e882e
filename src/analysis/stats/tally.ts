/**
 * How often each value occurs. Rank tests on answer codes see a handful of distinct values among
 * thousands of answers, so they work on tallies: ranks come from the sorted distinct values, and
 * no per-answer array is sorted or allocated.
 */
export type Tally = Map<number, number>;

export function tally(values: ArrayLike<number>): Tally {
  const counts: Tally = new Map();
  for (let i = 0; i < values.length; i++) addToTally(counts, values[i]!);
  return counts;
}

export function tallyTotal(counts: Tally): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

/** Add `count` occurrences of `value`. */
export function addToTally(counts: Tally, value: number, count = 1): void {
  counts.set(value, (counts.get(value) ?? 0) + count);
}

/**
 * Mid-ranks as R's rank(ties.method = "average"), per distinct value in ascending order: the value,
 * its tie group's size and the rank every member of the group gets.
 */
export function midRanks(counts: Tally): { value: number; size: number; rank: number }[] {
  let below = 0;
  return [...counts.entries()].filter(([, size]) => size > 0).sort(([a], [b]) => a - b).map(([value, size]) => {
    const rank = below + (size + 1) / 2;
    below += size;
    return { value, size, rank };
  });
}
