import { pt, qt } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';

export interface TTestResult {
  estimate: number;
  /** The standard error of the estimate, from the variances (not estimate ÷ statistic, which is 0/0 at an estimate of 0). */
  standardError: number;
  statistic: number;
  df: number;
  pValue: number;
  lower: number;
  upper: number;
}

/** Plain arrays or the typed columns the comparison reads answers into. */
type Values = ArrayLike<number>;

function mean(values: Values): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

function variance(values: Values): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! - m) ** 2;
  return sum / (values.length - 1);
}

/** Mean with its t-based 95 % confidence interval. */
export function meanWithCI(values: Values): { estimate: number; lower: number; upper: number; n: number } | NotComputable {
  if (values.length === 0) return notComputable('no values');
  if (values.length === 1) return notComputable('one value gives no interval');
  const se = Math.sqrt(variance(values) / values.length);
  const half = qt(0.975, values.length - 1) * se;
  return { estimate: mean(values), lower: mean(values) - half, upper: mean(values) + half, n: values.length };
}

/** One-sample t-test of the paired differences against 0, as R's t.test(d). */
export function pairedTTest(differences: Values): TTestResult | NotComputable {
  const n = differences.length;
  if (n < 2) return notComputable(n === 0 ? 'no pairs' : 'one pair gives no test');
  const se = Math.sqrt(variance(differences) / n);
  if (se === 0) return notComputable('every pair changed by the same amount');
  const estimate = mean(differences);
  const statistic = estimate / se;
  const half = qt(0.975, n - 1) * se;
  return { estimate, standardError: se, statistic, df: n - 1, pValue: 2 * pt(-Math.abs(statistic), n - 1), lower: estimate - half, upper: estimate + half };
}

/** Welch's two-sample t-test of mean(y) − mean(x), as R's t.test(y, x). */
export function welchTTest(x: Values, y: Values): TTestResult | NotComputable {
  if (x.length < 2 || y.length < 2) return notComputable('each group needs at least two values');
  const vx = variance(x) / x.length;
  const vy = variance(y) / y.length;
  const se = Math.sqrt(vx + vy);
  if (se === 0) return notComputable('no variation in either group');
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  const estimate = mean(y) - mean(x);
  const statistic = estimate / se;
  const half = qt(0.975, df) * se;
  return { estimate, standardError: se, statistic, df, pValue: 2 * pt(-Math.abs(statistic), df), lower: estimate - half, upper: estimate + half };
}
