import { pnorm, psignrank } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';
import { addToTally, midRanks, tally, tallyTotal, type Tally } from './tally.js';

export interface SignedRankResult {
  /** R's V: the sum of the ranks of the positive differences. */
  statistic: number;
  /** Non-zero differences used. */
  n: number;
  zerosDropped: number;
  method: 'exact' | 'normal';
  pValue: number;
  /** Matched-pairs rank-biserial correlation (Kerby 2014): (R+ − R−) / (R+ + R−), in [−1, 1]; positive = follow-up higher. */
  rankBiserial: number;
}

/**
 * Two-sided Wilcoxon signed-rank test on paired differences (follow-up − baseline), as R's
 * wilcox.test(d) with its defaults: zeros dropped; exact p when n < 50 and there are neither
 * ties nor zeros; otherwise the normal approximation with tie and continuity correction.
 */
export function wilcoxonSignedRank(differences: ArrayLike<number>): SignedRankResult | NotComputable {
  return wilcoxonSignedRankOfTally(tally(differences));
}

/** The same test from a tally of the differences (difference → number of pairs). */
export function wilcoxonSignedRankOfTally(differences: Tally): SignedRankResult | NotComputable {
  const zerosDropped = differences.get(0) ?? 0;
  const magnitudes: Tally = new Map();
  const positiveAt: Tally = new Map();
  for (const [difference, count] of differences) {
    if (difference === 0) continue;
    addToTally(magnitudes, Math.abs(difference), count);
    if (difference > 0) addToTally(positiveAt, difference, count);
  }
  const n = tallyTotal(magnitudes);
  if (n === 0) return notComputable(zerosDropped === 0 ? 'no pairs' : 'every pair has the same answer twice');
  const groups = midRanks(magnitudes);
  const positive = groups.reduce((sum, group) => sum + (positiveAt.get(group.value) ?? 0) * group.rank, 0);
  const total = (n * (n + 1)) / 2;
  const rankBiserial = (positive - (total - positive)) / total;
  if (n < 50 && groups.every((group) => group.size === 1) && zerosDropped === 0) {
    const p = positive > n * (n + 1) / 4 ? 1 - psignrank(positive - 1, n) : psignrank(positive, n);
    return { statistic: positive, n, zerosDropped, method: 'exact', pValue: Math.min(1, 2 * p), rankBiserial };
  }
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - groups.reduce((sum, { size: t }) => sum + (t ** 3 - t), 0) / 48);
  if (sigma === 0) return notComputable('all differences are tied');
  const centred = positive - (n * (n + 1)) / 4;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return { statistic: positive, n, zerosDropped, method: 'normal', pValue: Math.min(1, 2 * Math.min(pnorm(z), pnorm(z, false))), rankBiserial };
}
