import { addToTally, type Tally } from './stats/tally.js';
import { answerKey, type AnswerValues, type Pair, type ResponseRecord } from './types.js';

/**
 * Reading a round's answer columns at chosen slots: the responses an analysis counts, or the two
 * responses of each pair. Everything here loops over typed arrays and returns typed arrays or
 * tallies, because at 10,000 caseworkers an object per answer (or per pair and item) was most of
 * a comparison's time.
 */

/** Where responses sit in a round's columns (−1: the round holds no values for it). */
export type Slots = Int32Array;

export class RoundColumns {
  constructor(private readonly values: AnswerValues) {}

  slotsOf(responses: ResponseRecord[]): Slots {
    return Int32Array.from(responses, (r) => this.values.rowOf.get(r.responseId) ?? -1);
  }

  /** The column of an item (or a time-use category), or one of NaN when no response answered it. */
  column(itemId: string, subId = ''): Float64Array {
    return this.values.columns.get(answerKey(itemId, subId)) ?? new Float64Array(this.values.responseIds.length).fill(Number.NaN);
  }
}

/** Each pair's slot in the baseline's and in the follow-up's columns. */
export interface PairSlots {
  baseline: Slots;
  followUp: Slots;
}

export function pairSlots(baseline: RoundColumns, followUp: RoundColumns, pairs: Pair[]): PairSlots {
  return { baseline: baseline.slotsOf(pairs.map((p) => p.baseline)), followUp: followUp.slotsOf(pairs.map((p) => p.followUp)) };
}

const at = (column: Float64Array, slot: number) => (slot < 0 ? Number.NaN : column[slot]!);

/** The answered values at the slots. */
export function valuesAt(column: Float64Array, slots: Slots): Float64Array {
  const values = new Float64Array(slots.length);
  let n = 0;
  for (const slot of slots) {
    const value = at(column, slot);
    if (!Number.isNaN(value)) values[n++] = value;
  }
  return values.subarray(0, n);
}

/** Baseline and follow-up value of each pair that answered in both rounds. */
export function pairedValuesAt(from: Float64Array, to: Float64Array, slots: PairSlots): { from: Float64Array; to: Float64Array } {
  const before = new Float64Array(slots.baseline.length);
  const after = new Float64Array(slots.baseline.length);
  let n = 0;
  for (let i = 0; i < slots.baseline.length; i++) {
    const b = at(from, slots.baseline[i]!);
    const f = at(to, slots.followUp[i]!);
    if (Number.isNaN(b) || Number.isNaN(f)) continue;
    before[n] = b;
    after[n++] = f;
  }
  return { from: before.subarray(0, n), to: after.subarray(0, n) };
}

/** Answer code → count at the slots. */
export function codeTally(column: Float64Array, slots: Slots): Tally {
  const counts: Tally = new Map();
  for (const slot of slots) {
    const value = at(column, slot);
    if (!Number.isNaN(value)) addToTally(counts, value);
  }
  return counts;
}

export interface TransitionCell {
  from: number;
  to: number;
  count: number;
}

/** Baseline code × follow-up code → number of pairs, for pairs that answered in both rounds. */
export function transitionCells(from: Float64Array, to: Float64Array, slots: PairSlots): TransitionCell[] {
  const byFrom = new Map<number, Tally>();
  for (let i = 0; i < slots.baseline.length; i++) {
    const b = at(from, slots.baseline[i]!);
    const f = at(to, slots.followUp[i]!);
    if (Number.isNaN(b) || Number.isNaN(f)) continue;
    let row = byFrom.get(b);
    if (!row) byFrom.set(b, (row = new Map()));
    addToTally(row, f);
  }
  return [...byFrom].flatMap(([b, row]) => [...row].map(([f, count]) => ({ from: b, to: f, count })))
    .sort((x, y) => x.from - y.from || x.to - y.to);
}

/** Count ÷ denominator per slot; missing (NaN) when either is missing or the denominator is not positive. */
export function ratioColumn(numerator: Float64Array, denominator: Float64Array): Float64Array {
  const ratios = new Float64Array(numerator.length);
  for (let i = 0; i < numerator.length; i++) ratios[i] = denominator[i]! > 0 ? numerator[i]! / denominator[i]! : Number.NaN;
  return ratios;
}
