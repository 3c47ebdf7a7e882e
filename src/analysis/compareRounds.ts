import { answerableItems, type AnswerableItem } from '../questionnaires/answerableItems.js';
import type { LocalisedText, Questionnaire, Scale } from '../questionnaires/types.js';
import { didOfChangeScores, didOfShares, type DidEstimate } from './differenceInDifferences.js';
import { RoundColumns, codeTally, pairSlots, pairedValuesAt, ratioColumn, transitionCells, valuesAt, type PairSlots, type Slots } from './answerColumns.js';
import { compareNumbers, type NumberData, type NumericComparison } from './numericComparison.js';
import { latestPerPerson, pairRespondents } from './pairRespondents.js';
import { compareScaleItem, type ComparisonOptions, type ScaleItemComparison, type TestResult } from './scaleItemComparison.js';
import { pnorm, qnorm } from './stats/distributions.js';
import { holm } from './stats/holm.js';
import type { NotComputable } from './stats/result.js';
import { compareTimeUse, type ShareColumns, type TimeUseComparison } from './timeUseComparison.js';
import { answerKey, type AnswerValues, type Pair, type ResponseRecord } from './types.js';

export interface RoundData {
  questionnaire: Questionnaire;
  responses: ResponseRecord[];
  /** Every numeric answer of these responses, a column per item and sub-item. */
  values: AnswerValues;
}

export interface CompareInput {
  baseline: RoundData;
  followUp: RoundData;
  /** Group names by kind, when the project compares an intervention with a control group. */
  groups: { intervention: string[]; control: string[] };
  paired: boolean;
  options: ComparisonOptions;
}

type Didable = { itemId: string; top2: DidEstimate | NotComputable };

export interface Comparison {
  n: { baseline: number; followUp: number; paired: number; duplicates: { baseline: number; followUp: number }; codeMatchRate: number | null; ambiguousCodes: { baseline: number; followUp: number } };
  scaleItems: (ScaleItemComparison & { kind: 'likert' | 'choice'; text: LocalisedText; stem?: LocalisedText })[];
  numbers: (NumericComparison & { text: LocalisedText })[];
  indicators: (NumericComparison & { label: LocalisedText; numerator: string; denominator: string })[];
  timeUse: (TimeUseComparison & { text: LocalisedText })[];
  onlyInOneRound: { baseline: string[]; followUp: string[] };
  differenceInDifferences: { items: Didable[]; indicators: { id: string; change: DidEstimate | NotComputable }[] } | null;
}

type ScaleAnswerable = Extract<AnswerableItem, { kind: 'likert' | 'choice' }>;

/** Same id in both rounds, and the same answer codes: only then is an item compared. */
export function comparableScale(a: Scale, b: Scale): boolean {
  return a.options.map((o) => o.code).join() === b.options.map((o) => o.code).join();
}

/** Whether the comparison reads an item's (or time-use category's) values: scale codes, numbers and shares; not matrices. */
export function readsValuesOf(questionnaire: Questionnaire): (key: { itemId: string; subId: string }) => boolean {
  const read = new Set(answerableItems(questionnaire).flatMap((item) => {
    if (item.kind === 'allocation') return item.item.categories.map((category) => answerKey(item.id, category.id));
    return item.kind === 'likert' || item.kind === 'choice' || item.kind === 'number' ? [answerKey(item.id)] : [];
  }));
  return (key) => read.has(answerKey(key.itemId, key.subId));
}

/**
 * The slots an analysis reads in each round: each pair's two responses when paired, otherwise
 * every counted response (the latest per person) of each round.
 */
interface Reading {
  paired: boolean;
  /** Paired: the slots of each pair's two responses, index by index. Otherwise each round's counted responses. */
  slots: { baseline: Slots; followUp: Slots };
}

function numberData(reading: Reading, from: Float64Array, to: Float64Array): NumberData {
  if (reading.paired) return { paired: true, ...pairedValuesAt(from, to, reading.slots) };
  return { paired: false, baseline: valuesAt(from, reading.slots.baseline), followUp: valuesAt(to, reading.slots.followUp) };
}

/** A time-use item's columns in one round, read at the given slots. */
function shareColumns(round: RoundColumns, itemId: string, categories: string[], slots: Slots): ShareColumns {
  return { columns: new Map(categories.map((category) => [category, round.column(itemId, category)])), slots };
}

/** A declared indicator's ratio (numerator ÷ denominator item) per slot of a round. */
const indicatorColumn = (round: RoundColumns, indicator: { numerator: string; denominator: string }) => ratioColumn(round.column(indicator.numerator), round.column(indicator.denominator));

/**
 * Everything a comparison of two rounds reports, from plain rows: pairing, scale items, numbers,
 * declared indicators, time use, Holm-adjusted p-values and, with intervention and control
 * groups, the difference in differences.
 */
export function compareRounds(input: CompareInput): Comparison {
  const { options } = input;
  const base = latestPerPerson(input.baseline.responses);
  const follow = latestPerPerson(input.followUp.responses);
  const baseColumns = new RoundColumns(input.baseline.values);
  const followColumns = new RoundColumns(input.followUp.values);
  const { pairs, codeMatchRate, ambiguousCodes } = pairRespondents(base.responses, follow.responses);
  const reading: Reading = {
    paired: input.paired,
    slots: input.paired ? pairSlots(baseColumns, followColumns, pairs) : { baseline: baseColumns.slotsOf(base.responses), followUp: followColumns.slotsOf(follow.responses) },
  };

  const baseItems = new Map(answerableItems(input.baseline.questionnaire).map((item) => [item.id, item]));
  const followItems = new Map(answerableItems(input.followUp.questionnaire).map((item) => [item.id, item]));
  const onlyInOneRound = {
    baseline: [...baseItems.keys()].filter((id) => !followItems.has(id)),
    followUp: [...followItems.keys()].filter((id) => !baseItems.has(id)),
  };

  const scaleItems: Comparison['scaleItems'] = [];
  for (const [id, item] of baseItems) {
    const other = followItems.get(id);
    if (!other || (item.kind !== 'likert' && item.kind !== 'choice') || other.kind !== item.kind || !comparableScale(item.scale, (other as ScaleAnswerable).scale)) continue;
    const [from, to] = [baseColumns.column(id), followColumns.column(id)];
    const data = input.paired
      ? { paired: true as const, transitions: transitionCells(from, to, reading.slots) }
      : { paired: false as const, baseline: codeTally(from, reading.slots.baseline), followUp: codeTally(to, reading.slots.followUp) };
    scaleItems.push({ ...compareScaleItem(id, item.scale, data, options), kind: item.kind, text: item.text, ...(item.kind === 'likert' ? { stem: item.item.text } : {}) });
  }
  // Many items are tested at once: Holm within each family of tests.
  for (const pick of [(s: ScaleItemComparison) => s.top2?.test, (s: ScaleItemComparison) => s.ordinal, (s: ScaleItemComparison) => s.marginalHomogeneity]) adjustWithHolm(scaleItems.map(pick));

  const numbers: Comparison['numbers'] = [];
  const timeUse: Comparison['timeUse'] = [];
  for (const [id, item] of baseItems) {
    const other = followItems.get(id);
    if (!other) continue;
    if (item.kind === 'number' && other.kind === 'number') {
      numbers.push({ ...compareNumbers(id, numberData(reading, baseColumns.column(id), followColumns.column(id)), options), text: item.text });
    }
    if (item.kind === 'allocation' && other.kind === 'allocation') {
      const shares = (round: RoundColumns, categories: { id: string }[], slots: Slots) => shareColumns(round, id, categories.map((c) => c.id), slots);
      timeUse.push({
        ...compareTimeUse(id, item.item.total, shares(baseColumns, item.item.categories, reading.slots.baseline), shares(followColumns, other.item.categories, reading.slots.followUp), options),
        text: item.text,
      });
    }
  }

  const indicators: Comparison['indicators'] = [];
  for (const indicator of sharedIndicators(input)) {
    const data = numberData(reading, indicatorColumn(baseColumns, indicator), indicatorColumn(followColumns, indicator));
    indicators.push({ ...compareNumbers(indicator.id, data, options), label: indicator.label, numerator: indicator.numerator, denominator: indicator.denominator });
  }

  // The paired changes of numbers, and of belief indicators, are two more families.
  for (const family of [numbers, indicators]) for (const pick of [(n: NumericComparison) => n.change?.tTest, (n: NumericComparison) => n.change?.wilcoxon]) adjustWithHolm(family.map(pick));

  return {
    n: { baseline: base.responses.length, followUp: follow.responses.length, paired: pairs.length, duplicates: { baseline: base.duplicates, followUp: follow.duplicates }, codeMatchRate, ambiguousCodes },
    scaleItems, numbers, indicators, timeUse, onlyInOneRound,
    differenceInDifferences: input.groups.intervention.length && input.groups.control.length
      ? differenceInDifferences(input, scaleItems, pairs, base.responses, follow.responses, baseColumns, followColumns, baseItems)
      : null,
  };
}

/** Holm over one family of tests, written into each test beside its raw p-value. */
function adjustWithHolm(tests: (TestResult | undefined)[]): void {
  const adjusted = holm(tests.map((t) => t?.pValue ?? null));
  tests.forEach((t, i) => { if (t) t.pHolm = adjusted[i] ?? null; });
}

/** Indicators both rounds declare with the same numerator and denominator. */
function sharedIndicators(input: CompareInput) {
  return input.baseline.questionnaire.indicators.filter((indicator) => input.followUp.questionnaire.indicators.some((other) => other.id === indicator.id && other.numerator === indicator.numerator && other.denominator === indicator.denominator));
}

function differenceInDifferences(
  input: CompareInput, scaleItems: ScaleItemComparison[], pairs: Pair[], baseResponses: ResponseRecord[], followResponses: ResponseRecord[],
  baseColumns: RoundColumns, followColumns: RoundColumns, baseItems: Map<string, AnswerableItem>,
): NonNullable<Comparison['differenceInDifferences']> {
  const { intervention, control } = input.groups;
  const k = input.options.k;
  const inGroup = (r: ResponseRecord, names: string[]) => names.includes(r.attributes.group ?? '');
  const tooFew = { value: null, reason: `færre end ${k} svar i en gruppe (fewer than ${k} answers in a group)` } as const;
  // Paired: each group's pairs. Unpaired: each group's counted responses in each round (four independent cells).
  const groupPairSlots = (names: string[]) => pairSlots(baseColumns, followColumns, pairs.filter((p) => inGroup(p.baseline, names)));
  const pairsIn = input.paired ? { intervention: groupPairSlots(intervention), control: groupPairSlots(control) } : null;
  const rowsIn = (round: RoundColumns, responses: ResponseRecord[], names: string[]) => round.slotsOf(responses.filter((r) => inGroup(r, names)));
  const cellsIn = input.paired ? null : {
    intervention: { baseline: rowsIn(baseColumns, baseResponses, intervention), followUp: rowsIn(followColumns, followResponses, intervention) },
    control: { baseline: rowsIn(baseColumns, baseResponses, control), followUp: rowsIn(followColumns, followResponses, control) },
  };

  const items: Didable[] = [];
  for (const compared of scaleItems) {
    const scale = (baseItems.get(compared.itemId) as ScaleAnswerable).scale;
    if (!scale.topBox) continue;
    const top = (code: number) => (scale.topBox!.includes(code) ? 1 : 0);
    const keep = (code: number) => !(input.options.excludeDontKnow && scale.options.some((o) => o.code === code && o.dontKnow));
    const [from, to] = [baseColumns.column(compared.itemId), followColumns.column(compared.itemId)];
    if (input.paired) {
      // Each pair's change in "top-2 or not": −1, 0 or 1.
      const changes = (slots: PairSlots) => transitionCells(from, to, slots)
        .filter((cell) => keep(cell.from) && keep(cell.to))
        .flatMap((cell) => new Array<number>(cell.count).fill(top(cell.to) - top(cell.from)));
      const t = changes(pairsIn!.intervention);
      const c = changes(pairsIn!.control);
      items.push({ itemId: compared.itemId, top2: t.length < k || c.length < k ? tooFew : didOfChangeScores(t, c) });
    } else {
      const cell = (column: Float64Array, slots: Slots): [number, number] => {
        const kept = [...codeTally(column, slots)].filter(([code]) => keep(code));
        return [kept.reduce((s, [code, count]) => s + top(code) * count, 0), kept.reduce((s, [, count]) => s + count, 0)];
      };
      const cells = {
        treatment: { baseline: cell(from, cellsIn!.intervention.baseline), followUp: cell(to, cellsIn!.intervention.followUp) },
        control: { baseline: cell(from, cellsIn!.control.baseline), followUp: cell(to, cellsIn!.control.followUp) },
      };
      const small = [cells.treatment.baseline, cells.treatment.followUp, cells.control.baseline, cells.control.followUp].some(([, n]) => n < k);
      items.push({ itemId: compared.itemId, top2: small ? tooFew : didOfShares(cells) });
    }
  }
  const indicators = input.baseline.questionnaire.indicators.map((indicator) => {
    const b = indicatorColumn(baseColumns, indicator);
    const f = indicatorColumn(followColumns, indicator);
    if (input.paired) {
      const changes = (slots: PairSlots) => {
        const values = pairedValuesAt(b, f, slots);
        return values.to.map((after, i) => after - values.from[i]!);
      };
      const t = changes(pairsIn!.intervention);
      const c = changes(pairsIn!.control);
      return { id: indicator.id, change: t.length < k || c.length < k ? tooFew : didOfChangeScores(t, c) };
    }
    // Unpaired means: (T_f − T_b) − (C_f − C_b) with SE √Σ s²/n over the four independent cells.
    const cellsOf = [valuesAt(f, cellsIn!.intervention.followUp), valuesAt(b, cellsIn!.intervention.baseline), valuesAt(f, cellsIn!.control.followUp), valuesAt(b, cellsIn!.control.baseline)];
    if (cellsOf.some((cell) => cell.length < Math.max(k, 2))) return { id: indicator.id, change: tooFew };
    const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const varOf = (xs: Float64Array) => {
      const m = mean(xs);
      return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
    };
    const estimate = mean(cellsOf[0]!) - mean(cellsOf[1]!) - (mean(cellsOf[2]!) - mean(cellsOf[3]!));
    const se = Math.sqrt(cellsOf.reduce((s, xs) => s + varOf(xs) / xs.length, 0));
    if (se === 0) return { id: indicator.id, change: { value: null, reason: 'no variation in any cell' } as const };
    const z = qnorm(0.975);
    const p = 2 * pnorm(-Math.abs(estimate / se));
    return { id: indicator.id, change: { estimate, standardError: se, lower: estimate - z * se, upper: estimate + z * se, pValue: p, method: 'four independent cells, normal approximation' } };
  });
  return { items, indicators };
}
