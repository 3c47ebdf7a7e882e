import type { DataSource } from 'typeorm';
import type { AnswerRow } from './answerRows.js';
import { encodeAnswerVector, type AnswerVectorLayout } from './answerVector.js';

export interface StaleVector {
  responseId: number;
  /** The layout of the questionnaire version the response answered. */
  layout: AnswerVectorLayout;
}

// Bounded so the IN list and the UPDATE's parameters stay far below either driver's limit.
const CHUNK = 500;

/**
 * Answer vectors for responses stored without one (before the column existed, or loaded
 * straight into the tables) or with one that does not fit their layout: computed from their
 * answer rows, stored, and returned. Writing the same bytes twice is harmless, so two
 * instances healing the same responses at once need no coordination.
 */
export async function healAnswerVectors(dataSource: DataSource, stale: readonly StaleVector[]): Promise<Map<number, Buffer>> {
  const vectors = new Map<number, Buffer>();
  for (let start = 0; start < stale.length; start += CHUNK) {
    const chunk = stale.slice(start, start + CHUNK);
    const rows = (await dataSource.query(
      `SELECT response_id AS responseId, item_id AS itemId, sub_id AS subId, value_code AS valueCode, value_number AS valueNumber
         FROM answer WHERE response_id IN (${chunk.map(() => '?').join(', ')}) AND (value_code IS NOT NULL OR value_number IS NOT NULL)`,
      chunk.map((s) => s.responseId),
    )) as { responseId: number; itemId: string; subId: string; valueCode: number | null; valueNumber: number | null }[];
    const rowsOf = new Map<number, AnswerRow[]>();
    for (const row of rows) {
      const id = Number(row.responseId);
      let own = rowsOf.get(id);
      if (!own) rowsOf.set(id, (own = []));
      own.push({ itemId: row.itemId, subId: row.subId, valueCode: row.valueCode === null ? null : Number(row.valueCode), valueNumber: row.valueNumber === null ? null : Number(row.valueNumber), valueText: null });
    }
    for (const { responseId, layout } of chunk) vectors.set(responseId, encodeAnswerVector(layout, rowsOf.get(responseId) ?? []));
    // In a transaction so that on SQLite's single connection the write queues behind an open
    // submission instead of joining it.
    await dataSource.transaction((manager) => manager.query(
      `UPDATE response SET answer_vector = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      [...chunk.flatMap((s) => [s.responseId, vectors.get(s.responseId)!]), ...chunk.map((s) => s.responseId)],
    ));
  }
  return vectors;
}
