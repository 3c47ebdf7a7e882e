import { pnorm, qnorm } from './stats/distributions.js';
import { notComputable, type NotComputable } from './stats/result.js';
import { welchTTest } from './stats/tTests.js';

export interface DidEstimate {
  estimate: number;
  standardError: number;
  lower: number;
  upper: number;
  pValue: number;
  method: string;
}

/**
 * (T_follow-up − T_baseline) − (C_follow-up − C_baseline) for shares from four independent
 * cells, SE = √Σ p(1 − p)/n, normal interval and two-sided p.
 */
export function didOfShares(cells: { treatment: { baseline: [number, number]; followUp: [number, number] }; control: { baseline: [number, number]; followUp: [number, number] } }): DidEstimate | NotComputable {
  const all = [cells.treatment.baseline, cells.treatment.followUp, cells.control.baseline, cells.control.followUp];
  if (all.some(([, n]) => n === 0)) return notComputable('a group has no answers in a round');
  const p = all.map(([x, n]) => x / n);
  const estimate = (p[1]! - p[0]!) - (p[3]! - p[2]!);
  const standardError = Math.sqrt(all.reduce((s, [, n], i) => s + (p[i]! * (1 - p[i]!)) / n, 0));
  if (standardError === 0) return notComputable('no variation in any cell');
  const z = qnorm(0.975);
  return { estimate, standardError, lower: estimate - z * standardError, upper: estimate + z * standardError, pValue: 2 * pnorm(-Math.abs(estimate / standardError)), method: 'four independent cells, normal approximation' };
}

/**
 * With pairs: Welch's t-test of the treatment group's change scores against the control group's,
 * SE = √(s²_T/n_T + s²_C/n_C). Without two change scores per group, or without any variation in
 * them, there is no standard error, and the result says why.
 */
export function didOfChangeScores(treatmentChanges: ArrayLike<number>, controlChanges: ArrayLike<number>): DidEstimate | NotComputable {
  const t = welchTTest(controlChanges, treatmentChanges);
  if ('reason' in t) return t;
  return { estimate: t.estimate, standardError: t.standardError, lower: t.lower, upper: t.upper, pValue: t.pValue, method: 'Welch t-test on change scores' };
}
