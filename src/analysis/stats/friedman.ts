import type { RepeatedMeasuresTest } from './cochranQ.js';
import { pchisqUpper } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';
import { midRanks, tally } from './tally.js';

/**
 * Friedman's rank test for ordinal answers given by the same people in k ≥ 2 rounds, as R's
 * friedman.test(blocks): each person's answers ranked within the person (mid-ranks for ties), the
 * statistic corrected for ties, χ² with k − 1 df. A person with the same answer in every round is
 * one tie of k; when everybody is such a person the statistic is undefined.
 */
export function friedman(blocks: readonly (readonly number[])[]): RepeatedMeasuresTest | NotComputable {
  const k = blocks[0]?.length ?? 0;
  const n = blocks.length;
  if (n === 0 || k < 2) return notComputable(n === 0 ? 'no one answered every round' : 'fewer than two rounds');
  const rankSums = new Array<number>(k).fill(0);
  let ties = 0;
  for (const block of blocks) {
    const groups = midRanks(tally(block));
    const rankOf = new Map(groups.map((g) => [g.value, g.rank]));
    block.forEach((value, j) => { rankSums[j]! += rankOf.get(value)!; });
    ties += groups.reduce((s, g) => s + g.size ** 3 - g.size, 0);
  }
  const denominator = n * k * (k + 1) - ties / (k - 1);
  if (denominator === 0) return notComputable('every person gave the same answer in every round');
  const statistic = (12 * rankSums.reduce((s, r) => s + (r - (n * (k + 1)) / 2) ** 2, 0)) / denominator;
  return { statistic, df: k - 1, pValue: pchisqUpper(statistic, k - 1), n };
}
