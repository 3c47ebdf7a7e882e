import { pairedTTest, meanWithCI } from './stats/tTests.js';
import { wilcoxonSignedRank } from './stats/wilcoxonSignedRank.js';
import type { ComparisonOptions, TestResult } from './scaleItemComparison.js';
import type { Pair } from './types.js';

export interface NumberSummary {
  n: number;
  mean: number | null;
  lower: number | null;
  upper: number | null;
  median: number | null;
}

export interface NumericComparison {
  id: string;
  baseline: NumberSummary | { suppressed: true; reason: string };
  followUp: NumberSummary | { suppressed: true; reason: string };
  pairedN: number | null;
  /** Mean of the paired differences (follow-up − baseline) with its CI, t-test and Wilcoxon. */
  change?: { estimate: number | null; lower: number | null; upper: number | null; tTest: TestResult; wilcoxon: TestResult };
}

function summarise(values: number[]): NumberSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const ci = meanWithCI(values);
  if ('reason' in ci) return { n: values.length, mean: values.length ? values[0]! : null, lower: null, upper: null, median };
  return { n: values.length, mean: ci.estimate, lower: ci.lower, upper: ci.upper, median };
}

/**
 * A per-respondent number in two rounds (a count, or a belief ratio count ÷ caseload): means
 * with t intervals and medians, and for pairs the mean change with the paired t-test and the
 * Wilcoxon signed-rank test. Values are per response id; a missing value (e.g. a caseload of 0
 * for a ratio) leaves the person out of that figure.
 */
export function compareNumbers(id: string, baseline: Map<number, number>, followUp: Map<number, number>, pairs: Pair[] | null, options: ComparisonOptions): NumericComparison {
  const paired = (pairs ?? [])
    .map((pair) => ({ from: baseline.get(pair.baseline.responseId), to: followUp.get(pair.followUp.responseId) }))
    .filter((p): p is { from: number; to: number } => p.from !== undefined && p.to !== undefined);
  const before = pairs ? paired.map((p) => p.from) : [...baseline.values()];
  const after = pairs ? paired.map((p) => p.to) : [...followUp.values()];
  const hidden = { suppressed: true as const, reason: `færre end ${options.k} svar (fewer than ${options.k} answers)` };
  const result: NumericComparison = {
    id,
    baseline: before.length < options.k ? hidden : summarise(before),
    followUp: after.length < options.k ? hidden : summarise(after),
    pairedN: pairs ? paired.length : null,
  };
  if (pairs && paired.length >= options.k) {
    const differences = paired.map((p) => p.to - p.from);
    const t = pairedTTest(differences);
    const w = wilcoxonSignedRank(differences);
    result.change = {
      estimate: 'reason' in t ? (differences.length ? differences.reduce((s, d) => s + d, 0) / differences.length : null) : t.estimate,
      lower: 'reason' in t ? null : t.lower,
      upper: 'reason' in t ? null : t.upper,
      tTest: 'reason' in t ? { test: 'paired t-test', n: differences.length, pValue: null, reason: t.reason } : { test: 'paired t-test', n: differences.length, statistic: t.statistic, pValue: t.pValue },
      wilcoxon: 'reason' in w ? { test: 'Wilcoxon signed-rank', n: differences.length, pValue: null, reason: w.reason } : { test: 'Wilcoxon signed-rank', n: w.n, statistic: w.statistic, pValue: w.pValue, effectSize: w.rankBiserial },
    };
  }
  return result;
}

/** Per-respondent ratio count ÷ denominator; a denominator of 0 makes the ratio missing, not zero. */
export function ratios(numerators: Map<number, number>, denominators: Map<number, number>): Map<number, number> {
  const result = new Map<number, number>();
  for (const [responseId, numerator] of numerators) {
    const denominator = denominators.get(responseId);
    if (denominator !== undefined && denominator > 0) result.set(responseId, numerator / denominator);
  }
  return result;
}
