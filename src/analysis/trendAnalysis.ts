import { answerableItems, type AnswerableItem } from '../questionnaires/answerableItems.js';
import type { LocalisedText, Scale } from '../questionnaires/types.js';
import { ratioColumn, valuesAt, type Slots } from './answerColumns.js';
import type { RoundData } from './compareRounds.js';
import type { ComparisonOptions } from './scaleItemComparison.js';
import { cochranQ, type RepeatedMeasuresTest } from './stats/cochranQ.js';
import { friedman } from './stats/friedman.js';
import { holm } from './stats/holm.js';
import { pairwiseRounds, type RoundPairTest } from './stats/pairwiseRounds.js';
import { wilsonInterval } from './stats/proportionIntervals.js';
import type { NotComputable } from './stats/result.js';
import { meanWithCI } from './stats/tTests.js';
import { trendReading, type TrendReading } from './trendPeople.js';

export interface TrendInput {
  /** The chosen rounds, in the order they are shown (at least two). */
  rounds: RoundData[];
  /** Group names by kind, when the project has intervention and control groups. */
  groups: { intervention: string[]; control: string[] };
  /** Only people who answered every chosen round. */
  paired: boolean;
  options: ComparisonOptions;
}

/** A share (0–1) or a mean in one round with its 95 % interval, or why it is not shown. */
export type TrendPoint =
  | { n: number; estimate: number; lower: number; upper: number }
  | { n: number | null; estimate: null; reason: string; suppressed?: true };

export type LineGroup = 'all' | 'intervention' | 'control';

/** One line of a chart: a point per chosen round. */
export interface TrendLine {
  group: LineGroup;
  points: TrendPoint[];
}

/** A test across all chosen rounds on the people who answered every one, with the pairs of rounds after it. */
export interface AcrossRoundsTest {
  test: "Cochran's Q" | 'Friedman';
  n: number;
  statistic: number | null;
  df: number | null;
  pValue: number | null;
  /** Holm-adjusted over the statements of the trend, per test. */
  pHolm: number | null;
  reason?: string;
  pairs: RoundPairTest[];
}

export interface TrendStatement {
  itemId: string;
  text: LocalisedText;
  stem: LocalisedText;
  /** Answer codes counted as the top-2 share. */
  topBox: number[];
  lines: TrendLine[];
  /** Paired trends only. */
  tests: { top2: AcrossRoundsTest; ordinal: AcrossRoundsTest | null } | null;
}

export interface TrendMeasure {
  id: string;
  kind: 'number' | 'indicator';
  text: LocalisedText;
  lines: TrendLine[];
}

export interface Trend {
  n: { counted: number[]; everyRound: number };
  statements: TrendStatement[];
  measures: TrendMeasure[];
}

type LikertAnswerable = Extract<AnswerableItem, { kind: 'likert' }>;

const sameCodes = (a: Scale, b: Scale) => a.options.map((o) => o.code).join() === b.options.map((o) => o.code).join();

/** The lines of a chart: everyone, and intervention and control when the project has both. */
function lineSlots(reading: TrendReading, groups: TrendInput['groups']): { group: LineGroup; slots: Slots[] }[] {
  const all = { group: 'all' as const, slots: reading.slots };
  if (!groups.intervention.length || !groups.control.length) return [all];
  const only = (names: string[]) => reading.slots.map((slots, round) => slots.filter((_, i) => names.includes(reading.groupOf[round]![i] ?? '')));
  return [all, { group: 'intervention', slots: only(groups.intervention) }, { group: 'control', slots: only(groups.control) }];
}

const tooFew = (k: number): TrendPoint => ({ n: null, estimate: null, suppressed: true, reason: `færre end ${k} svar (fewer than ${k} answers)` });

/** The top-2 share of the answers at each round's slots, with Wilson intervals. */
function sharePoints(columns: Float64Array[], slots: Slots[], isTop: (code: number) => boolean, keep: (code: number) => boolean, k: number): TrendPoint[] {
  return columns.map((column, round) => {
    const answers = valuesAt(column, slots[round]!).filter(keep);
    if (answers.length < k) return tooFew(k);
    const interval = wilsonInterval(answers.filter(isTop).length, answers.length);
    return 'reason' in interval ? { n: answers.length, estimate: null, reason: interval.reason } : { n: answers.length, ...interval };
  });
}

/** The mean of the values at each round's slots, with t intervals. */
function meanPoints(columns: Float64Array[], slots: Slots[], k: number): TrendPoint[] {
  return columns.map((column, round) => {
    const values = valuesAt(column, slots[round]!);
    if (values.length < k) return tooFew(k);
    const ci = meanWithCI(values);
    return 'reason' in ci ? { n: values.length, estimate: null, reason: ci.reason } : { n: values.length, estimate: ci.estimate, lower: ci.lower, upper: ci.upper };
  });
}

/** Each person's answers across the rounds, for people with a kept answer in every round. */
function blocksOf(columns: Float64Array[], slots: Slots[], keep: (code: number) => boolean): number[][] {
  const blocks: number[][] = [];
  for (let i = 0; i < (slots[0]?.length ?? 0); i++) {
    const block = columns.map((column, round) => (slots[round]![i]! < 0 ? Number.NaN : column[slots[round]![i]!]!));
    if (block.every((code) => !Number.isNaN(code) && keep(code))) blocks.push(block);
  }
  return blocks;
}

function acrossRounds(test: AcrossRoundsTest['test'], blocks: number[][], k: number): AcrossRoundsTest {
  if (blocks.length < k) return { test, n: blocks.length, statistic: null, df: null, pValue: null, pHolm: null, reason: `færre end ${k} svar i alle runder (fewer than ${k} people answered every round)`, pairs: [] };
  const result: RepeatedMeasuresTest | NotComputable = test === 'Friedman' ? friedman(blocks) : cochranQ(blocks);
  const pairs = pairwiseRounds(blocks, test !== 'Friedman');
  if ('reason' in result) return { test, n: blocks.length, statistic: null, df: null, pValue: null, pHolm: null, reason: result.reason, pairs };
  return { test, n: blocks.length, statistic: result.statistic, df: result.df, pValue: result.pValue, pHolm: null, pairs };
}

/** Likert statements asked with the same answer codes in every chosen round and a top-2 box. */
function sharedStatements(rounds: RoundData[]): LikertAnswerable[] {
  const later = rounds.slice(1).map((round) => new Map(answerableItems(round.questionnaire).map((item) => [item.id, item])));
  return answerableItems(rounds[0]!.questionnaire).filter((item): item is LikertAnswerable => item.kind === 'likert' && !!item.scale.topBox
    && later.every((items) => { const other = items.get(item.id); return other?.kind === 'likert' && sameCodes(item.scale, other.scale); }));
}

/**
 * The development over two or more rounds: per likert statement the top-2 share per round (Wilson
 * interval), per number and declared indicator the mean per round (t interval), each as a line
 * for everyone and, with intervention and control groups, one per kind. A figure from fewer than
 * k answers is withheld. With pairs (people who answered every round) Cochran's Q tests the top-2
 * share and Friedman the ordinal answers ("ved ikke" left out) across the rounds, followed by
 * every pair of rounds (McNemar exact, Wilcoxon signed-rank), Holm-adjusted over the pairs; the
 * overall tests are Holm-adjusted over the statements.
 */
export function trendOfRounds(input: TrendInput): Trend {
  const { k, excludeDontKnow } = input.options;
  const reading = trendReading(input.rounds, input.paired);
  const lines = lineSlots(reading, input.groups);

  const statements: TrendStatement[] = sharedStatements(input.rounds).map((item) => {
    const columns = reading.columns.map((round) => round.column(item.id));
    const dontKnow = new Set(item.scale.options.filter((o) => o.dontKnow).map((o) => o.code));
    const isTop = (code: number) => item.scale.topBox!.includes(code);
    const keepForShare = (code: number) => !(excludeDontKnow && dontKnow.has(code));
    const tests = input.paired ? {
      top2: acrossRounds("Cochran's Q", blocksOf(columns, reading.slots, keepForShare).map((block) => block.map((code) => (isTop(code) ? 1 : 0))), k),
      ordinal: item.scale.ordered ? acrossRounds('Friedman', blocksOf(columns, reading.slots, (code) => !dontKnow.has(code)), k) : null,
    } : null;
    return {
      itemId: item.id, text: item.text, stem: item.item.text, topBox: item.scale.topBox!,
      lines: lines.map((line) => ({ group: line.group, points: sharePoints(columns, line.slots, isTop, keepForShare, k) })),
      tests,
    };
  });
  for (const pick of [(s: TrendStatement) => s.tests?.top2, (s: TrendStatement) => s.tests?.ordinal ?? undefined]) {
    const tests = statements.map(pick);
    const adjusted = holm(tests.map((t) => t?.pValue ?? null));
    tests.forEach((t, i) => { if (t) t.pHolm = adjusted[i] ?? null; });
  }

  const measures: TrendMeasure[] = [];
  const later = input.rounds.slice(1).map((round) => new Map(answerableItems(round.questionnaire).map((item) => [item.id, item])));
  for (const item of answerableItems(input.rounds[0]!.questionnaire)) {
    if (item.kind !== 'number' || !later.every((items) => items.get(item.id)?.kind === 'number')) continue;
    const columns = reading.columns.map((round) => round.column(item.id));
    measures.push({ id: item.id, kind: 'number', text: item.text, lines: lines.map((line) => ({ group: line.group, points: meanPoints(columns, line.slots, k) })) });
  }
  for (const indicator of input.rounds[0]!.questionnaire.indicators) {
    const everywhere = input.rounds.every((round) => round.questionnaire.indicators.some((o) => o.id === indicator.id && o.numerator === indicator.numerator && o.denominator === indicator.denominator));
    if (!everywhere) continue;
    const columns = reading.columns.map((round) => ratioColumn(round.column(indicator.numerator), round.column(indicator.denominator)));
    measures.push({ id: indicator.id, kind: 'indicator', text: indicator.label, lines: lines.map((line) => ({ group: line.group, points: meanPoints(columns, line.slots, k) })) });
  }
  return { n: { counted: reading.counted, everyRound: reading.everyRound }, statements, measures };
}
