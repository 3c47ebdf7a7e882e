import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import signrankCdf from '@stdlib/stats-base-dists-signrank-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

// Distribution functions come from stdlib (checked against R in its own test suite); this file
// only names them the way R does, so the statistics read like their R definitions.

export const pnorm = (x: number, lowerTail = true): number => (lowerTail ? normalCdf(x, 0, 1) : normalCdf(-x, 0, 1));
export const qnorm = (p: number): number => normalQuantile(p, 0, 1);
export const pt = (x: number, df: number, lowerTail = true): number => (lowerTail ? tCdf(x, df) : tCdf(-x, df));
export const qt = (p: number, df: number): number => tQuantile(p, df);
export const pchisqUpper = (x: number, df: number): number => 1 - chisquareCdf(x, df);
export const pbinom = (x: number, n: number, p: number): number => binomialCdf(x, n, p);
/** P(V ≤ x) of the signed-rank statistic with n non-zero differences. */
export const psignrank = (x: number, n: number): number => (x < 0 ? 0 : signrankCdf(x, n));
