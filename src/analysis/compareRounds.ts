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
import type { AnswerRecord, Pair, ResponseRecord } from './types.js';

export interface RoundData {
  questionnaire: Questionnaire;
  responses: ResponseRecord[];
  /** Answer counts per scale item × group × code, from SQL GROUP BY over the segment. */
  scaleCounts: { itemId: string; group: string | null; code: number; count: number }[];
  /** Answer rows of the items that need them (numbers, time use, and scale items when paired). */
  answers: AnswerRecord[];
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

/** Answer rows grouped by item once, so each item's values are found without scanning every row. */
class AnswerIndex {
  private readonly byItem = new Map<string, AnswerRecord[]>();
  private readonly values = new Map<string, Map<number, number>>();

  constructor(answers: AnswerRecord[]) {
    for (const answer of answers) {
      const rows = this.byItem.get(answer.itemId);
      if (rows) rows.push(answer);
      else this.byItem.set(answer.itemId, [answer]);
    }
  }

  rows(itemId: string): AnswerRecord[] {
    return this.byItem.get(itemId) ?? [];
  }

  /** response id → scale code or number, memoised per item. */
  valuesOf(itemId: string, subId = ''): Map<number, number> {
    const key = `${itemId}\u0000${subId}`;
    let map = this.values.get(key);
    if (!map) {
      map = new Map();
      for (const a of this.rows(itemId)) if (a.subId === subId) map.set(a.responseId, (a.valueCode ?? a.valueNumber)!);
      this.values.set(key, map);
    }
    return map;
  }
}

const valuesOf = (index: AnswerIndex, itemId: string) => index.valuesOf(itemId);

/**
 * Everything a comparison of two rounds reports, from plain rows: pairing, scale items, numbers,
 * declared indicators, time use, Holm-adjusted p-values and, with intervention and control
 * groups, the difference in differences.
 */
export function compareRounds(input: CompareInput): Comparison {
  const { options } = input;
  const base = latestPerPerson(input.baseline.responses);
  const follow = latestPerPerson(input.followUp.responses);
  const kept = (round: RoundData, responses: ResponseRecord[]) => {
    const ids = new Set(responses.map((r) => r.responseId));
    return round.answers.filter((a) => ids.has(a.responseId));
  };
  const baseAnswers = new AnswerIndex(kept(input.baseline, base.responses));
  const followAnswers = new AnswerIndex(kept(input.followUp, follow.responses));
  const { pairs, codeMatchRate } = pairRespondents(base.responses, follow.responses);
  const pairsOrNull: Pair[] | null = input.paired ? pairs : null;

  const baseItems = new Map(answerableItems(input.baseline.questionnaire).map((item) => [item.id, item]));
  const followItems = new Map(answerableItems(input.followUp.questionnaire).map((item) => [item.id, item]));
  const onlyInOneRound = {
    baseline: [...baseItems.keys()].filter((id) => !followItems.has(id)),
    followUp: [...followItems.keys()].filter((id) => !baseItems.has(id)),
  };

  const countsOf = (round: RoundData, itemId: string, groups?: string[]) => {
    const counts = new Map<number, number>();
    for (const row of round.scaleCounts) {
      if (row.itemId !== itemId || (groups && !groups.includes(row.group ?? ''))) continue;
      counts.set(row.code, (counts.get(row.code) ?? 0) + row.count);
    }
    return counts;
  };
  const pairRows = (itemId: string, subset: Pair[] = pairs) => {
    const b = valuesOf(baseAnswers, itemId);
    const f = valuesOf(followAnswers, itemId);
    return subset.map((p) => ({ from: b.get(p.baseline.responseId), to: f.get(p.followUp.responseId) })).filter((p): p is { from: number; to: number } => p.from !== undefined && p.to !== undefined);
  };

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
      const shares = (answers: AnswerIndex) => {
        const byResponse = new Map<number, Map<string, number>>();
        for (const a of answers.rows(id)) byResponse.set(a.responseId, (byResponse.get(a.responseId) ?? new Map()).set(a.subId, a.valueNumber ?? 0));
        return byResponse;
      };
      timeUse.push({
        ...compareTimeUse(id, item.item.total, item.item.categories.map((c) => c.id), other.item.categories.map((c) => c.id), shares(baseAnswers), shares(followAnswers), options),
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
  for (const compared of scaleItems) {
    const scale = (baseItems.get(compared.itemId) as ScaleAnswerable).scale;
    if (!scale.topBox) continue;
    const top = (code: number) => (scale.topBox!.includes(code) ? 1 : 0);
    const keep = (code: number) => !(input.options.excludeDontKnow && scale.options.some((o) => o.code === code && o.dontKnow));
    if (input.paired) {
      const b = valuesOf(baseAnswers, compared.itemId);
      const f = valuesOf(followAnswers, compared.itemId);
      const changes = (names: string[]) => pairs.filter((p) => inGroup(p.baseline, names))
        .map((p) => ({ from: b.get(p.baseline.responseId), to: f.get(p.followUp.responseId) }))
        .filter((p): p is { from: number; to: number } => p.from !== undefined && p.to !== undefined && keep(p.from) && keep(p.to))
        .map((p) => top(p.to) - top(p.from));
      const t = changes(intervention);
      const c = changes(control);
      items.push({ itemId: compared.itemId, top2: t.length < k || c.length < k ? tooFew : didOfChangeScores(t, c) });
    } else {
      const cell = (round: RoundData, names: string[]): [number, number] => {
        const rows = round.scaleCounts.filter((row) => row.itemId === compared.itemId && names.includes(row.group ?? '') && keep(row.code));
        return [rows.filter((row) => top(row.code)).reduce((s, row) => s + row.count, 0), rows.reduce((s, row) => s + row.count, 0)];
      };
      const cells = { treatment: { baseline: cell(input.baseline, intervention), followUp: cell(input.followUp, intervention) }, control: { baseline: cell(input.baseline, control), followUp: cell(input.followUp, control) } };
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
    const varOf = (xs: number[]) => xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
    const estimate = mean(cellsOf[0]!) - mean(cellsOf[1]!) - (mean(cellsOf[2]!) - mean(cellsOf[3]!));
    const se = Math.sqrt(cellsOf.reduce((s, xs) => s + varOf(xs) / xs.length, 0));
    if (se === 0) return { id: indicator.id, change: { value: null, reason: 'no variation in any cell' } as const };
    const z = qnorm(0.975);
    const p = 2 * pnorm(-Math.abs(estimate / se));
    return { id: indicator.id, change: { estimate, standardError: se, lower: estimate - z * se, upper: estimate + z * se, pValue: p, method: 'four independent cells, normal approximation' } };
  });
  return { items, indicators };
}
