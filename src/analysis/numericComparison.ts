import { pairedTTest, meanWithCI } from './stats/tTests.js';
import { wilcoxonSignedRank } from './stats/wilcoxonSignedRank.js';
import type { ComparisonOptions, TestResult } from './scaleItemComparison.js';

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

function summarise(values: Float64Array): NumberSummary {
  const sorted = values.slice().sort();
  const middle = sorted.length / 2;
  const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const ci = meanWithCI(values);
  if ('reason' in ci) return { n: values.length, mean: values.length ? values[0]! : null, lower: null, upper: null, median };
  return { n: values.length, mean: ci.estimate, lower: ci.lower, upper: ci.upper, median };
}

/** What a number is compared on: every counted answer of each round, or each pair's two answers. */
export type NumberData =
  | { paired: false; baseline: Float64Array; followUp: Float64Array }
  | { paired: true; from: Float64Array; to: Float64Array };

/**
 * A per-respondent number in two rounds (a count, or a belief ratio count ÷ caseload): means
 * with t intervals and medians, and for pairs the mean change with the paired t-test and the
 * Wilcoxon signed-rank test. A missing value (e.g. a caseload of 0 for a ratio) leaves the
 * person out of that figure.
 */
export function compareNumbers(id: string, data: NumberData, options: ComparisonOptions): NumericComparison {
  const before = data.paired ? data.from : data.baseline;
  const after = data.paired ? data.to : data.followUp;
  const hidden = { suppressed: true as const, reason: `færre end ${options.k} svar (fewer than ${options.k} answers)` };
  const result: NumericComparison = {
    id,
    baseline: before.length < options.k ? hidden : summarise(before),
    followUp: after.length < options.k ? hidden : summarise(after),
    pairedN: data.paired ? data.from.length : null,
  };
  if (data.paired && data.from.length >= options.k) {
    const differences = data.to.map((to, i) => to - data.from[i]!);
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
