import { pnorm } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';
import { midRanks, tally, tallyTotal, type Tally } from './tally.js';

export interface MannWhitneyResult {
  /** R's W: sum of the first sample's ranks minus n1(n1+1)/2 (= pairs where x > y, ties half). */
  statistic: number;
  n1: number;
  n2: number;
  method: 'exact' | 'normal';
  pValue: number;
  /** Rank-biserial correlation 2W/(n1 n2) − 1: positive when the first sample (x) tends to be higher. */
  rankBiserial: number;
}

/** P(W ≤ w) for samples of m and n without ties, from the generating function ∏ (1 − q^(n+k)) / (1 − q^k). */
function pwilcox(w: number, m: number, n: number): number {
  if (w < 0) return 0;
  const degree = m * n;
  let coefficients = new Array<number>(degree + 1).fill(0);
  coefficients[0] = 1;
  for (let k = 1; k <= m; k++) {
    const next = coefficients.slice();
    for (let i = degree; i >= n + k; i--) next[i]! -= next[i - n - k]!;
    for (let i = k; i <= degree; i++) next[i]! += next[i - k]!;
    coefficients = next;
  }
  const total = coefficients.reduce((sum, c) => sum + c, 0);
  let below = 0;
  for (let i = 0; i <= Math.min(w, degree); i++) below += coefficients[i]!;
  return below / total;
}

/**
 * Two-sided Mann–Whitney U (Wilcoxon rank-sum) test as R's wilcox.test(x, y) defaults: exact when
 * both samples are under 50 and there are no ties; otherwise normal with tie and continuity correction.
 */
export function mannWhitney(x: ArrayLike<number>, y: ArrayLike<number>): MannWhitneyResult | NotComputable {
  return mannWhitneyOfTallies(tally(x), tally(y));
}

/** The same test from tallies of the two samples (value → count). */
export function mannWhitneyOfTallies(x: Tally, y: Tally): MannWhitneyResult | NotComputable {
  const n1 = tallyTotal(x);
  const n2 = tallyTotal(y);
  if (n1 === 0 || n2 === 0) return notComputable('a group has no answers');
  const pooled = new Map(x);
  for (const [value, count] of y) pooled.set(value, (pooled.get(value) ?? 0) + count);
  const groups = midRanks(pooled);
  const statistic = groups.reduce((sum, group) => sum + (x.get(group.value) ?? 0) * group.rank, 0) - (n1 * (n1 + 1)) / 2;
  const rankBiserial = (2 * statistic) / (n1 * n2) - 1;
  if (n1 < 50 && n2 < 50 && groups.every((group) => group.size === 1)) {
    const p = statistic > (n1 * n2) / 2 ? 1 - pwilcox(statistic - 1, n1, n2) : pwilcox(statistic, n1, n2);
    return { statistic, n1, n2, method: 'exact', pValue: Math.min(1, 2 * p), rankBiserial };
  }
  const n = n1 + n2;
  const sigma = Math.sqrt((n1 * n2 / 12) * (n + 1 - groups.reduce((sum, { size: t }) => sum + (t ** 3 - t), 0) / (n * (n - 1))));
  if (sigma === 0) return notComputable('all answers are the same');
  const centred = statistic - (n1 * n2) / 2;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return { statistic, n1, n2, method: 'normal', pValue: Math.min(1, 2 * Math.min(pnorm(z), pnorm(z, false))), rankBiserial };
}
