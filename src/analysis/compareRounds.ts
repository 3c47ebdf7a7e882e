import { answerableItems, type AnswerableItem } from '../questionnaires/answerableItems.js';
import type { LocalisedText, Questionnaire, Scale } from '../questionnaires/types.js';
import { didOfChangeScores, didOfShares, type DidEstimate } from './differenceInDifferences.js';
import { compareNumbers, ratios, type NumericComparison } from './numericComparison.js';
import { latestPerPerson, pairRespondents } from './pairRespondents.js';
import { compareScaleItem, expandCounts, type ComparisonOptions, type ScaleItemComparison } from './scaleItemComparison.js';
import { pnorm, qnorm } from './stats/distributions.js';
import { holm } from './stats/holm.js';
import type { NotComputable } from './stats/result.js';
import { compareTimeUse, type TimeUseComparison } from './timeUseComparison.js';
import { answerKey, type AnswerValues, type Pair, type ResponseRecord } from './types.js';

export interface ScaleCount {
  itemId: string;
  code: number;
  count: number;
}

export interface RoundData {
  questionnaire: Questionnaire;
  responses: ResponseRecord[];
  /** Answer counts per scale item × code, from SQL GROUP BY over the segment (unpaired comparisons). */
  scaleCounts: ScaleCount[];
  /** The same counts within the intervention and within the control groups (unpaired, when the project has both). */
  groupScaleCounts?: { intervention: ScaleCount[]; control: ScaleCount[] };
  /** Values of the items that need them per person (numbers, time use, and scale items when paired). */
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
  n: { baseline: number; followUp: number; paired: number; duplicates: { baseline: number; followUp: number }; codeMatchRate: number | null };
  scaleItems: (ScaleItemComparison & { kind: 'likert' | 'choice'; text: LocalisedText; stem?: LocalisedText })[];
  numbers: (NumericComparison & { text: LocalisedText })[];
  indicators: (NumericComparison & { label: LocalisedText; numerator: string; denominator: string })[];
  timeUse: (TimeUseComparison & { text: LocalisedText })[];
  onlyInOneRound: { baseline: string[]; followUp: string[] };
  differenceInDifferences: { items: Didable[]; indicators: { id: string; change: DidEstimate | NotComputable }[] } | null;
}

type ScaleAnswerable = Extract<AnswerableItem, { kind: 'likert' | 'choice' }>;

/** Same id in both rounds, and the same answer codes: only then is an item compared. */
function comparableScale(a: Scale, b: Scale): boolean {
  return a.options.map((o) => o.code).join() === b.options.map((o) => o.code).join();
}

/** The values of the responses an analysis counts (the latest per person), per item. */
class AnswerIndex {
  private readonly rows: number[];

  constructor(private readonly values: AnswerValues, kept: ResponseRecord[]) {
    this.rows = kept.map((r) => values.rowOf.get(r.responseId)).filter((row): row is number => row !== undefined);
  }

  /** The slot of a response in this round's columns, or −1 when the round holds no values for it. */
  slotOf(responseId: number): number {
    return this.values.rowOf.get(responseId) ?? -1;
  }

  column(itemId: string, subId = ''): Float64Array | undefined {
    return this.values.columns.get(answerKey(itemId, subId));
  }

  /** response id → scale code or number. Built on each call rather than kept: at 100,000 people a map per item would not fit the memory budget. */
  valuesOf(itemId: string, subId = ''): Map<number, number> {
    const map = new Map<number, number>();
    const column = this.values.columns.get(answerKey(itemId, subId));
    if (!column) return map;
    for (const row of this.rows) if (!Number.isNaN(column[row]!)) map.set(this.values.responseIds[row]!, column[row]!);
    return map;
  }

  /** response id → category → share, for a time-use item with these categories. */
  sharesOf(itemId: string, categories: string[]): Map<number, Map<string, number>> {
    const columns = categories.map((category) => [category, this.values.columns.get(answerKey(itemId, category))] as const);
    const byResponse = new Map<number, Map<string, number>>();
    for (const row of this.rows) {
      let shares: Map<string, number> | undefined;
      for (const [category, column] of columns) {
        const value = column ? column[row]! : Number.NaN;
        if (Number.isNaN(value)) continue;
        if (!shares) byResponse.set(this.values.responseIds[row]!, (shares = new Map()));
        shares.set(category, value);
      }
    }
    return byResponse;
  }
}

const valuesOf = (index: AnswerIndex, itemId: string) => index.valuesOf(itemId);

/** Where each pair's two responses sit in the rounds' columns: found once per set of pairs, then read for every item. */
interface PairSlots {
  base: Int32Array;
  follow: Int32Array;
}

function pairSlots(base: AnswerIndex, follow: AnswerIndex, pairs: Pair[]): PairSlots {
  return { base: Int32Array.from(pairs, (p) => base.slotOf(p.baseline.responseId)), follow: Int32Array.from(pairs, (p) => follow.slotOf(p.followUp.responseId)) };
}

/** Baseline and follow-up value of an item for each pair that answered it in both rounds. */
function pairValues(base: AnswerIndex, follow: AnswerIndex, itemId: string, slots: PairSlots): { from: number; to: number }[] {
  const from = base.column(itemId);
  const to = follow.column(itemId);
  const rows: { from: number; to: number }[] = [];
  if (!from || !to) return rows;
  for (let i = 0; i < slots.base.length; i++) {
    const b = slots.base[i]!;
    const f = slots.follow[i]!;
    if (b < 0 || f < 0) continue;
    const before = from[b]!;
    const after = to[f]!;
    if (!Number.isNaN(before) && !Number.isNaN(after)) rows.push({ from: before, to: after });
  }
  return rows;
}

/**
 * Everything a comparison of two rounds reports, from plain rows: pairing, scale items, numbers,
 * declared indicators, time use, Holm-adjusted p-values and, with intervention and control
 * groups, the difference in differences.
 */
export function compareRounds(input: CompareInput): Comparison {
  const { options } = input;
  const base = latestPerPerson(input.baseline.responses);
  const follow = latestPerPerson(input.followUp.responses);
  const baseAnswers = new AnswerIndex(input.baseline.values, base.responses);
  const followAnswers = new AnswerIndex(input.followUp.values, follow.responses);
  const { pairs, codeMatchRate } = pairRespondents(base.responses, follow.responses);
  const pairsOrNull: Pair[] | null = input.paired ? pairs : null;

  const baseItems = new Map(answerableItems(input.baseline.questionnaire).map((item) => [item.id, item]));
  const followItems = new Map(answerableItems(input.followUp.questionnaire).map((item) => [item.id, item]));
  const onlyInOneRound = {
    baseline: [...baseItems.keys()].filter((id) => !followItems.has(id)),
    followUp: [...followItems.keys()].filter((id) => !baseItems.has(id)),
  };

  const countsOf = (round: RoundData, itemId: string) => {
    const counts = new Map<number, number>();
    for (const row of round.scaleCounts) if (row.itemId === itemId) counts.set(row.code, (counts.get(row.code) ?? 0) + row.count);
    return counts;
  };
  const allPairSlots = pairSlots(baseAnswers, followAnswers, pairs);
  const pairRows = (itemId: string) => pairValues(baseAnswers, followAnswers, itemId, allPairSlots);

  const scaleItems: Comparison['scaleItems'] = [];
  for (const [id, item] of baseItems) {
    const other = followItems.get(id);
    if (!other || (item.kind !== 'likert' && item.kind !== 'choice') || other.kind !== item.kind || !comparableScale(item.scale, (other as ScaleAnswerable).scale)) continue;
    const data = input.paired
      ? { paired: true as const, pairs: pairRows(id) }
      : { paired: false as const, baseline: expandCounts(countsOf(input.baseline, id)), followUp: expandCounts(countsOf(input.followUp, id)) };
    scaleItems.push({ ...compareScaleItem(id, item.scale, data, options), kind: item.kind, text: item.text, ...(item.kind === 'likert' ? { stem: item.item.text } : {}) });
  }
  // Many items are tested at once: Holm within each family of tests.
  for (const pick of [(s: ScaleItemComparison) => s.top2?.test, (s: ScaleItemComparison) => s.ordinal, (s: ScaleItemComparison) => s.marginalHomogeneity]) {
    const tests = scaleItems.map(pick);
    const adjusted = holm(tests.map((t) => t?.pValue ?? null));
    tests.forEach((t, i) => { if (t) t.pHolm = adjusted[i] ?? null; });
  }

  const numbers: Comparison['numbers'] = [];
  const timeUse: Comparison['timeUse'] = [];
  for (const [id, item] of baseItems) {
    const other = followItems.get(id);
    if (!other) continue;
    if (item.kind === 'number' && other.kind === 'number') {
      numbers.push({ ...compareNumbers(id, valuesOf(baseAnswers, id), valuesOf(followAnswers, id), pairsOrNull, options), text: item.text });
    }
    if (item.kind === 'allocation' && other.kind === 'allocation') {
      const baseCategories = item.item.categories.map((c) => c.id);
      const followCategories = other.item.categories.map((c) => c.id);
      timeUse.push({
        ...compareTimeUse(id, item.item.total, baseCategories, followCategories, baseAnswers.sharesOf(id, baseCategories), followAnswers.sharesOf(id, followCategories), options),
        text: item.text,
      });
    }
  }

  const indicators: Comparison['indicators'] = [];
  for (const indicator of input.baseline.questionnaire.indicators) {
    if (!input.followUp.questionnaire.indicators.some((other) => other.id === indicator.id && other.numerator === indicator.numerator && other.denominator === indicator.denominator)) continue;
    const b = ratios(valuesOf(baseAnswers, indicator.numerator), valuesOf(baseAnswers, indicator.denominator));
    const f = ratios(valuesOf(followAnswers, indicator.numerator), valuesOf(followAnswers, indicator.denominator));
    indicators.push({ ...compareNumbers(indicator.id, b, f, pairsOrNull, options), label: indicator.label, numerator: indicator.numerator, denominator: indicator.denominator });
  }

  return {
    n: { baseline: base.responses.length, followUp: follow.responses.length, paired: pairs.length, duplicates: { baseline: base.duplicates, followUp: follow.duplicates }, codeMatchRate },
    scaleItems, numbers, indicators, timeUse, onlyInOneRound,
    differenceInDifferences: input.groups.intervention.length && input.groups.control.length ? differenceInDifferences(input, scaleItems, pairs, base.responses, follow.responses, baseAnswers, followAnswers, baseItems) : null,
  };
}

function differenceInDifferences(
  input: CompareInput, scaleItems: ScaleItemComparison[], pairs: Pair[], baseResponses: ResponseRecord[], followResponses: ResponseRecord[],
  baseAnswers: AnswerIndex, followAnswers: AnswerIndex, baseItems: Map<string, AnswerableItem>,
): NonNullable<Comparison['differenceInDifferences']> {
  const { intervention, control } = input.groups;
  const k = input.options.k;
  const inGroup = (r: ResponseRecord, names: string[]) => names.includes(r.attributes.group ?? '');
  const tooFew = { value: null, reason: `færre end ${k} svar i en gruppe (fewer than ${k} answers in a group)` } as const;
  const items: Didable[] = [];
  const groupSlots = (names: string[]) => pairSlots(baseAnswers, followAnswers, pairs.filter((p) => inGroup(p.baseline, names)));
  const slots = input.paired ? { intervention: groupSlots(intervention), control: groupSlots(control) } : null;
  for (const compared of scaleItems) {
    const scale = (baseItems.get(compared.itemId) as ScaleAnswerable).scale;
    if (!scale.topBox) continue;
    const top = (code: number) => (scale.topBox!.includes(code) ? 1 : 0);
    const keep = (code: number) => !(input.options.excludeDontKnow && scale.options.some((o) => o.code === code && o.dontKnow));
    if (input.paired) {
      const changes = (groupPairs: PairSlots) => pairValues(baseAnswers, followAnswers, compared.itemId, groupPairs)
        .filter((p) => keep(p.from) && keep(p.to))
        .map((p) => top(p.to) - top(p.from));
      const t = changes(slots!.intervention);
      const c = changes(slots!.control);
      items.push({ itemId: compared.itemId, top2: t.length < k || c.length < k ? tooFew : didOfChangeScores(t, c) });
    } else {
      const cell = (round: RoundData, kind: 'intervention' | 'control'): [number, number] => {
        const rows = (round.groupScaleCounts?.[kind] ?? []).filter((row) => row.itemId === compared.itemId && keep(row.code));
        return [rows.filter((row) => top(row.code)).reduce((s, row) => s + row.count, 0), rows.reduce((s, row) => s + row.count, 0)];
      };
      const cells = { treatment: { baseline: cell(input.baseline, 'intervention'), followUp: cell(input.followUp, 'intervention') }, control: { baseline: cell(input.baseline, 'control'), followUp: cell(input.followUp, 'control') } };
      const small = [cells.treatment.baseline, cells.treatment.followUp, cells.control.baseline, cells.control.followUp].some(([, n]) => n < k);
      items.push({ itemId: compared.itemId, top2: small ? tooFew : didOfShares(cells) });
    }
  }
  const indicators = input.baseline.questionnaire.indicators.map((indicator) => {
    const b = ratios(valuesOf(baseAnswers, indicator.numerator), valuesOf(baseAnswers, indicator.denominator));
    const f = ratios(valuesOf(followAnswers, indicator.numerator), valuesOf(followAnswers, indicator.denominator));
    if (input.paired) {
      const changes = (names: string[]) => pairs.filter((p) => inGroup(p.baseline, names) && b.has(p.baseline.responseId) && f.has(p.followUp.responseId)).map((p) => f.get(p.followUp.responseId)! - b.get(p.baseline.responseId)!);
      const t = changes(intervention);
      const c = changes(control);
      return { id: indicator.id, change: t.length < k || c.length < k ? tooFew : didOfChangeScores(t, c) };
    }
    // Unpaired means: (T_f − T_b) − (C_f − C_b) with SE √Σ s²/n over the four independent cells.
    const values = (map: Map<number, number>, responses: ResponseRecord[], names: string[]) => responses.filter((r) => inGroup(r, names) && map.has(r.responseId)).map((r) => map.get(r.responseId)!);
    const cellsOf = [values(f, followResponses, intervention), values(b, baseResponses, intervention), values(f, followResponses, control), values(b, baseResponses, control)];
    if (cellsOf.some((cell) => cell.length < Math.max(k, 2))) return { id: indicator.id, change: tooFew };
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const varOf = (xs: number[]) => {
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
