import { pbinom } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';

/**
 * Exact McNemar test on the discordant pairs of a yes/no item (b: yes → no, c: no → yes):
 * two-sided binomial test of b out of b + c at 0.5, as R's binom.test(b, b + c).
 */
export function mcnemarExact(b: number, c: number): { b: number; c: number; pValue: number } | NotComputable {
  const n = b + c;
  if (n === 0) return notComputable('no pair changed its answer');
  // With p = 0.5 the distribution is symmetric, so R's two-sided rule is twice the smaller tail.
  return { b, c, pValue: Math.min(1, 2 * pbinom(Math.min(b, c), n, 0.5)) };
}
