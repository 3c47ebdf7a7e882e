import type { Scale } from '../questionnaires/types.js';
import { chiSquare2x2 } from './stats/chiSquare2x2.js';
import { mannWhitney } from './stats/mannWhitney.js';
import { mcnemarExact } from './stats/mcnemarExact.js';
import { newcombeIndependent, newcombePaired, wilsonInterval } from './stats/proportionIntervals.js';
import { notComputable, type NotComputable } from './stats/result.js';
import { stuartMaxwell } from './stats/stuartMaxwell.js';
import { wilcoxonSignedRank } from './stats/wilcoxonSignedRank.js';
import { suppressTableCells } from './suppression.js';

export interface ComparisonOptions {
  excludeDontKnow: boolean;
  /** Anonymity threshold: no figure for fewer respondents. */
  k: number;
}

export interface Distribution {
  n: number;
  categories: { code: number; count: number; share: number }[];
  /** Median category code among substantive answers (ordered scales only). */
  median: number | null;
}

export interface TestResult {
  test: string;
  n: number;
  statistic?: number;
  pValue: number | null;
  reason?: string;
  /** Holm-adjusted over the same test across the items of the comparison; filled in by compareRounds. */
  pHolm?: number | null;
  effectSize?: number;
}

export interface ScaleItemComparison {
  itemId: string;
  baseline: Distribution | { suppressed: true; n: number | null; reason: string };
  followUp: Distribution | { suppressed: true; n: number | null; reason: string };
  pairedN: number | null;
  top2?: {
    baseline: { share: number; lower: number; upper: number } | null;
    followUp: { share: number; lower: number; upper: number } | null;
    changePp: { estimate: number; lower: number; upper: number } | { value: null; reason: string };
    test: TestResult;
  };
  ordinal?: TestResult;
  marginalHomogeneity?: TestResult;
  /** Baseline answer × follow-up answer for pairs, "ved ikke" included; cells under k are absent. */
  transitions?: { from: number; to: number; count: number }[];
  suppressedTransitions?: number;
}

function distribution(codes: number[], scale: Scale): Distribution {
  const substantive = codes.filter((code) => !isDontKnow(scale, code)).sort((a, b) => a - b);
  return {
    n: codes.length,
    categories: scale.options.map((option) => {
      const count = codes.filter((code) => code === option.code).length;
      return { code: option.code, count, share: codes.length ? count / codes.length : 0 };
    }).filter((category) => !(category.count === 0 && codes.length === 0)),
    median: scale.ordered && substantive.length ? substantive[Math.floor((substantive.length - 1) / 2)]! : null,
  };
}

const isDontKnow = (scale: Scale, code: number) => scale.options.some((o) => o.code === code && o.dontKnow);

function testOf(name: string, n: number, result: { pValue: number; statistic?: number } | NotComputable, effectSize?: number): TestResult {
  if ('reason' in result) return { test: name, n, pValue: null, reason: result.reason };
  return { test: name, n, pValue: result.pValue, ...(result.statistic === undefined ? {} : { statistic: result.statistic }), ...(effectSize === undefined ? {} : { effectSize }) };
}

/**
 * One likert statement or ordered choice, baseline vs follow-up: distributions with "ved ikke" as
 * its own category, top-2 share and its change in percentage points with a Newcombe interval,
 * the ordinal test (Wilcoxon on pairs / Mann–Whitney otherwise) and, for pairs, McNemar on top-2,
 * Stuart–Maxwell and the transition table. Ordinal statistics always leave "ved ikke" out.
 */
export type ScaleItemData =
  /** All answers of each round (from the database's GROUP BY counts, expanded). */
  | { paired: false; baseline: number[]; followUp: number[] }
  /** Each pair's baseline and follow-up answer. */
  | { paired: true; pairs: { from: number; to: number }[] };

/** Expand GROUP BY counts (code → count) into the list of answers the tests take. */
export function expandCounts(counts: Map<number, number>): number[] {
  return [...counts].flatMap(([code, count]) => Array.from({ length: count }, () => code));
}

export function compareScaleItem(itemId: string, scale: Scale, data: ScaleItemData, options: ComparisonOptions): ScaleItemComparison {
  const keep = (code: number) => !(options.excludeDontKnow && isDontKnow(scale, code));
  const answeredPairs = data.paired ? data.pairs.filter((p) => keep(p.from) && keep(p.to)) : [];
  const baselineCodes = data.paired ? answeredPairs.map((p) => p.from) : data.baseline.filter(keep);
  const followUpCodes = data.paired ? answeredPairs.map((p) => p.to) : data.followUp.filter(keep);

  const hide = () => ({ suppressed: true as const, n: null, reason: `færre end ${options.k} svar (fewer than ${options.k} answers)` });
  const result: ScaleItemComparison = {
    itemId,
    baseline: baselineCodes.length < options.k ? hide() : distribution(baselineCodes, scale),
    followUp: followUpCodes.length < options.k ? hide() : distribution(followUpCodes, scale),
    pairedN: data.paired ? answeredPairs.length : null,
  };
  const shown = baselineCodes.length >= options.k && followUpCodes.length >= options.k;

  if (scale.topBox && shown) {
    const top = (code: number) => scale.topBox!.includes(code);
    const x1 = baselineCodes.filter(top).length;
    const x2 = followUpCodes.filter(top).length;
    const interval = (x: number, n: number) => {
      const w = wilsonInterval(x, n);
      return 'reason' in w ? null : { share: w.estimate, lower: w.lower, upper: w.upper };
    };
    if (data.paired) {
      const cell = (f: boolean, t: boolean) => answeredPairs.filter((p) => top(p.from) === f && top(p.to) === t).length;
      const [a, b, c, d] = [cell(true, true), cell(true, false), cell(false, true), cell(false, false)];
      const change = newcombePaired(a, b, c, d);
      result.top2 = { baseline: interval(x1, baselineCodes.length), followUp: interval(x2, followUpCodes.length), changePp: scalePp(change), test: testOf('McNemar (exact)', answeredPairs.length, mcnemarExact(b, c)) };
    } else {
      const change = newcombeIndependent(x1, baselineCodes.length, x2, followUpCodes.length);
      const chi = chiSquare2x2(x1, baselineCodes.length - x1, x2, followUpCodes.length - x2);
      result.top2 = { baseline: interval(x1, baselineCodes.length), followUp: interval(x2, followUpCodes.length), changePp: scalePp(change), test: testOf('chi-square (Yates)', baselineCodes.length + followUpCodes.length, chi) };
    }
  }

  if (scale.ordered && shown) {
    if (data.paired) {
      const substantive = answeredPairs.filter((p) => !isDontKnow(scale, p.from) && !isDontKnow(scale, p.to));
      const w = wilcoxonSignedRank(substantive.map((p) => p.to - p.from));
      result.ordinal = testOf('Wilcoxon signed-rank', substantive.length, w, 'reason' in w ? undefined : w.rankBiserial);
      const codes = scale.options.filter((o) => !o.dontKnow).map((o) => o.code);
      const table = codes.map((from) => codes.map((to) => substantive.filter((p) => p.from === from && p.to === to).length));
      result.marginalHomogeneity = testOf('Stuart–Maxwell', substantive.length, stuartMaxwell(table));
    } else {
      const x = baselineCodes.filter((code) => !isDontKnow(scale, code));
      const y = followUpCodes.filter((code) => !isDontKnow(scale, code));
      // Signed so that a positive effect means follow-up answers are higher, as for pairs.
      const m = mannWhitney(y, x);
      result.ordinal = testOf('Mann–Whitney', x.length + y.length, m, 'reason' in m ? undefined : m.rankBiserial);
    }
  }

  if (data.paired && shown) {
    const cells = new Map<string, { from: number; to: number; count: number }>();
    for (const p of answeredPairs) {
      const key = `${p.from}>${p.to}`;
      cells.set(key, { from: p.from, to: p.to, count: (cells.get(key)?.count ?? 0) + 1 });
    }
    const { visible, hidden } = suppressTableCells([...cells.values()], options.k);
    result.transitions = visible;
    result.suppressedTransitions = hidden;
  }
  return result;
}

function scalePp(change: { estimate: number; lower: number; upper: number } | NotComputable) {
  if ('reason' in change) return notComputable(change.reason);
  return { estimate: change.estimate * 100, lower: change.lower * 100, upper: change.upper * 100 };
}
