import { answerKey } from '../analysis/types.js';
import { answerableItems } from '../questionnaires/answerableItems.js';
import type { Questionnaire } from '../questionnaires/types.js';
import type { AnswerRow } from './answerRows.js';

export interface AnswerVectorKey {
  itemId: string;
  subId: string;
}

/**
 * Every numeric value a response of one questionnaire can hold, in the order of answerRows, and
 * the slot of each under answerKey. A response's numeric answers are stored packed in this
 * order (see encodeAnswerVector) so that an analysis reads one blob per response instead of a
 * row per answer.
 */
export interface AnswerVectorLayout {
  keys: readonly AnswerVectorKey[];
  slotOf: ReadonlyMap<string, number>;
}

const BYTES_PER_VALUE = Float64Array.BYTES_PER_ELEMENT;

// A stored questionnaire version never changes, so neither does its layout.
const layouts = new WeakMap<Questionnaire, AnswerVectorLayout>();

export function answerVectorLayout(questionnaire: Questionnaire): AnswerVectorLayout {
  const cached = layouts.get(questionnaire);
  if (cached) return cached;
  const keys: AnswerVectorKey[] = answerableItems(questionnaire).flatMap((item) => {
    switch (item.kind) {
      case 'likert':
      case 'choice':
      case 'number':
        return [{ itemId: item.id, subId: '' }];
      case 'allocation':
        return item.item.categories.map((category) => ({ itemId: item.id, subId: category.id }));
      case 'matrix':
        return item.item.rows.map((row) => ({ itemId: item.id, subId: row.id }));
      case 'text':
        return [];
    }
  });
  const layout: AnswerVectorLayout = { keys, slotOf: new Map(keys.map((key, slot) => [answerKey(key.itemId, key.subId), slot])) };
  layouts.set(questionnaire, layout);
  return layout;
}

/** The same layout with only the wanted keys: a reader that keeps columns for those alone. */
export function restrictLayout(layout: AnswerVectorLayout, wanted: (key: AnswerVectorKey) => boolean): AnswerVectorLayout {
  const keys = layout.keys.filter(wanted);
  return keys.length === layout.keys.length ? layout : { keys, slotOf: new Map(keys.map((key, slot) => [answerKey(key.itemId, key.subId), slot])) };
}

/** The byte length of a vector of this layout: a stored vector of another length was not encoded with it. */
export const answerVectorBytes = (layout: AnswerVectorLayout): number => layout.keys.length * BYTES_PER_VALUE;

/** A response's numeric answers as little-endian float64 values in layout order, NaN where unanswered. */
export function encodeAnswerVector(layout: AnswerVectorLayout, rows: readonly AnswerRow[]): Buffer {
  const vector = Buffer.allocUnsafe(answerVectorBytes(layout));
  for (let slot = 0; slot < layout.keys.length; slot++) vector.writeDoubleLE(Number.NaN, slot * BYTES_PER_VALUE);
  for (const row of rows) {
    const slot = layout.slotOf.get(answerKey(row.itemId, row.subId));
    const value = row.valueCode ?? row.valueNumber;
    if (slot !== undefined && value !== null) vector.writeDoubleLE(value, slot * BYTES_PER_VALUE);
  }
  return vector;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** An aligned copy of a vector read as float64 values (driver buffers are often slices at unaligned offsets). */
let scratch = new Float64Array(64);
let scratchBytes = new Uint8Array(scratch.buffer);

/**
 * Write a vector's values into per-key columns at one response's slot. targets[i] is the
 * column of layout key i, or undefined when the reader keeps no column for that key. On a
 * little-endian host (every one Node runs on in practice) the vector is copied once into an
 * aligned scratch array and read as float64s, which is several times faster for 10,000s of
 * responses than a bounds-checked readDoubleLE per value, and gives the same values.
 */
export function decodeAnswerVectorInto(vector: Buffer, targets: readonly (Float64Array | undefined)[], slot: number): void {
  if (vector.length !== targets.length * BYTES_PER_VALUE) throw new Error(`An answer vector of ${vector.length} bytes does not fit a layout of ${targets.length} values`);
  if (!LITTLE_ENDIAN_HOST) {
    for (let i = 0; i < targets.length; i++) {
      const column = targets[i];
      if (column) column[slot] = vector.readDoubleLE(i * BYTES_PER_VALUE);
    }
    return;
  }
  if (scratch.length < targets.length) {
    scratch = new Float64Array(targets.length);
    scratchBytes = new Uint8Array(scratch.buffer);
  }
  scratchBytes.set(vector);
  for (let i = 0; i < targets.length; i++) {
    const column = targets[i];
    if (column) column[slot] = scratch[i]!;
  }
}
