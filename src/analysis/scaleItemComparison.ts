import type { Scale } from '../questionnaires/types.js';
import type { TransitionCell } from './answerColumns.js';
import { chiSquare2x2 } from './stats/chiSquare2x2.js';
import { mannWhitneyOfTallies } from './stats/mannWhitney.js';
import { mcnemarExact } from './stats/mcnemarExact.js';
import { newcombeIndependent, newcombePaired, wilsonInterval } from './stats/proportionIntervals.js';
import { notComputable, type NotComputable } from './stats/result.js';
import { stuartMaxwell } from './stats/stuartMaxwell.js';
import { addToTally, tallyTotal, type Tally } from './stats/tally.js';
import { wilcoxonSignedRankOfTally } from './stats/wilcoxonSignedRank.js';
import { publishTransitions } from './transitionTable.js';

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
    /** Pairs only: McNemar's discordant pairs, b (top-2 → not) and c (not → top-2), or why they are withheld. */
    discordant?: { b: number; c: number } | { suppressed: true; reason: string };
  };
  ordinal?: TestResult;
  marginalHomogeneity?: TestResult;
  /**
   * Baseline answer × follow-up answer for pairs, "ved ikke" included (see publishTransitions):
   * `transitions` the shown cells, `hiddenTransitions` where the suppressed ones are, any other
   * cell 0; or `transitionsWithheld` when no suppression keeps small cells from being worked out.
   */
  transitions?: { from: number; to: number; count: number }[];
  hiddenTransitions?: { from: number; to: number }[];
  suppressedTransitions?: number;
  transitionsWithheld?: { reason: string };
}

/** Counts per option of the scale, and the median code among substantive answers. */
function distribution(codes: Tally, scale: Scale): Distribution {
  const n = tallyTotal(codes);
  const substantive = scale.options.filter((o) => !o.dontKnow).map((o) => o.code).sort((a, b) => a - b);
  const substantiveN = substantive.reduce((sum, code) => sum + (codes.get(code) ?? 0), 0);
  // The lower median, as the ((n − 1) / 2)-th of the sorted answers.
  let median: number | null = null;
  for (let i = 0, seen = 0, target = Math.floor((substantiveN - 1) / 2); i < substantive.length && scale.ordered && substantiveN > 0; i++) {
    seen += codes.get(substantive[i]!) ?? 0;
    if (seen > target) {
      median = substantive[i]!;
      break;
    }
  }
  return {
    n,
    categories: n === 0 ? [] : scale.options.map((option) => ({ code: option.code, count: codes.get(option.code) ?? 0, share: (codes.get(option.code) ?? 0) / n })),
    median,
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
  /** Answer code → count in each round. */
  | { paired: false; baseline: Tally; followUp: Tally }
  /** Baseline answer × follow-up answer → number of pairs. */
  | { paired: true; transitions: TransitionCell[] };

/** Keep the codes a predicate accepts. */
function tallyWhere(codes: Tally, keep: (code: number) => boolean): Tally {
  return new Map([...codes].filter(([code]) => keep(code)));
}

/** Marginal tallies of a transition table: baseline codes and follow-up codes. */
function margins(cells: TransitionCell[]): { baseline: Tally; followUp: Tally } {
  const baseline: Tally = new Map();
  const followUp: Tally = new Map();
  for (const cell of cells) {
    addToTally(baseline, cell.from, cell.count);
    addToTally(followUp, cell.to, cell.count);
  }
  return { baseline, followUp };
}

const countWhere = (cells: TransitionCell[], where: (cell: TransitionCell) => boolean) => cells.reduce((sum, cell) => (where(cell) ? sum + cell.count : sum), 0);

export function compareScaleItem(itemId: string, scale: Scale, data: ScaleItemData, options: ComparisonOptions): ScaleItemComparison {
  const keep = (code: number) => !(options.excludeDontKnow && isDontKnow(scale, code));
  const answeredPairs = data.paired ? data.transitions.filter((cell) => keep(cell.from) && keep(cell.to) && cell.count > 0) : [];
  const rounds = data.paired ? margins(answeredPairs) : { baseline: tallyWhere(data.baseline, keep), followUp: tallyWhere(data.followUp, keep) };
  const baselineN = tallyTotal(rounds.baseline);
  const followUpN = tallyTotal(rounds.followUp);

  const hide = () => ({ suppressed: true as const, n: null, reason: `færre end ${options.k} svar (fewer than ${options.k} answers)` });
  const result: ScaleItemComparison = {
    itemId,
    baseline: baselineN < options.k ? hide() : distribution(rounds.baseline, scale),
    followUp: followUpN < options.k ? hide() : distribution(rounds.followUp, scale),
    pairedN: data.paired ? baselineN : null,
  };
  const shown = baselineN >= options.k && followUpN >= options.k;
  let discordant: { b: number; c: number } | undefined;

  if (scale.topBox && shown) {
    const top = (code: number) => scale.topBox!.includes(code);
    const x1 = tallyTotal(tallyWhere(rounds.baseline, top));
    const x2 = tallyTotal(tallyWhere(rounds.followUp, top));
    const interval = (x: number, n: number) => {
      const w = wilsonInterval(x, n);
      return 'reason' in w ? null : { share: w.estimate, lower: w.lower, upper: w.upper };
    };
    if (data.paired) {
      const cell = (f: boolean, t: boolean) => countWhere(answeredPairs, (p) => top(p.from) === f && top(p.to) === t);
      const [a, b, c, d] = [cell(true, true), cell(true, false), cell(false, true), cell(false, false)];
      const change = newcombePaired(a, b, c, d);
      result.top2 = { baseline: interval(x1, baselineN), followUp: interval(x2, followUpN), changePp: scalePp(change), test: testOf('McNemar (exact)', baselineN, mcnemarExact(b, c)) };
      discordant = { b, c };
    } else {
      const change = newcombeIndependent(x1, baselineN, x2, followUpN);
      const chi = chiSquare2x2(x1, baselineN - x1, x2, followUpN - x2);
      result.top2 = { baseline: interval(x1, baselineN), followUp: interval(x2, followUpN), changePp: scalePp(change), test: testOf('chi-square (Yates)', baselineN + followUpN, chi) };
    }
  }

  if (scale.ordered && shown) {
    const substantive = (code: number) => !isDontKnow(scale, code);
    if (data.paired) {
      const cells = answeredPairs.filter((p) => substantive(p.from) && substantive(p.to));
      const differences: Tally = new Map();
      for (const cell of cells) addToTally(differences, cell.to - cell.from, cell.count);
      const n = tallyTotal(differences);
      const w = wilcoxonSignedRankOfTally(differences);
      result.ordinal = testOf('Wilcoxon signed-rank', n, w, 'reason' in w ? undefined : w.rankBiserial);
      const codes = scale.options.filter((o) => !o.dontKnow).map((o) => o.code);
      const table = codes.map((from) => codes.map((to) => countWhere(cells, (p) => p.from === from && p.to === to)));
      result.marginalHomogeneity = testOf('Stuart–Maxwell', n, stuartMaxwell(table));
    } else {
      const x = tallyWhere(rounds.baseline, substantive);
      const y = tallyWhere(rounds.followUp, substantive);
      // Signed so that a positive effect means follow-up answers are higher, as for pairs.
      const m = mannWhitneyOfTallies(y, x);
      result.ordinal = testOf('Mann–Whitney', tallyTotal(x) + tallyTotal(y), m, 'reason' in m ? undefined : m.rankBiserial);
    }
  }

  if (data.paired && shown) {
    const codes = scale.options.map((o) => o.code).filter(keep);
    Object.assign(result, publishTransitions(scale, codes, answeredPairs, options.k));
    if (result.top2 && discordant) result.top2.discordant = discordantShown(discordant, options.k);
  }
  return result;
}

/**
 * McNemar's b and c are cells of the top-2 × top-2 transition table, so they follow the k rule of
 * transition cells. Both go when either is under k: c − b is the change in top-2 counts, which
 * the shares already give, so one would give away the other. Both also go when one of their
 * blocks of the full transition table holds exactly one hidden cell: b (or c) minus the block's
 * visible cells would be that cell.
 */
/**
 * McNemar's b and c follow from the top-2 shares (c − b) and the exact p-value (b + c), so they are
 * published whenever the test is; the transition table's suppression counts them as published
 * (see transitionTable.ts). Shown as numbers only when both reach k, like any cell of the table.
 */
function discordantShown(counts: { b: number; c: number }, k: number): { b: number; c: number } | { suppressed: true; reason: string } {
  if (counts.b < k || counts.c < k) return { suppressed: true, reason: `færre end ${k} par skiftede i en af retningerne (fewer than ${k} pairs changed in one direction)` };
  return counts;
}

function scalePp(change: { estimate: number; lower: number; upper: number } | NotComputable) {
  if ('reason' in change) return notComputable(change.reason);
  return { estimate: change.estimate * 100, lower: change.lower * 100, upper: change.upper * 100 };
}
