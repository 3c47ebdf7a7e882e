import { pnorm, psignrank } from './distributions.js';
import { averageRanks, hasTies } from './ranks.js';
import { notComputable, type NotComputable } from './result.js';

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
export function wilcoxonSignedRank(differences: number[]): SignedRankResult | NotComputable {
  const nonZero = differences.filter((d) => d !== 0);
  const zerosDropped = differences.length - nonZero.length;
  const n = nonZero.length;
  if (n === 0) return notComputable(differences.length === 0 ? 'no pairs' : 'every pair has the same answer twice');
  const { ranks, tieSizes } = averageRanks(nonZero.map(Math.abs));
  const positive = ranks.reduce((sum, rank, i) => (nonZero[i]! > 0 ? sum + rank : sum), 0);
  const total = (n * (n + 1)) / 2;
  const rankBiserial = (positive - (total - positive)) / total;
  if (n < 50 && !hasTies(tieSizes) && zerosDropped === 0) {
    const p = positive > n * (n + 1) / 4 ? 1 - psignrank(positive - 1, n) : psignrank(positive, n);
    return { statistic: positive, n, zerosDropped, method: 'exact', pValue: Math.min(1, 2 * p), rankBiserial };
  }
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSizes.reduce((sum, t) => sum + (t ** 3 - t), 0) / 48);
  if (sigma === 0) return notComputable('all differences are tied');
  const centred = positive - (n * (n + 1)) / 4;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return { statistic: positive, n, zerosDropped, method: 'normal', pValue: Math.min(1, 2 * Math.min(pnorm(z), pnorm(z, false))), rankBiserial };
}
