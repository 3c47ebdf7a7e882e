import type { AnswerRow } from './answerRows.js';

// Bounded so a long questionnaire never exceeds a driver's limit on bound parameters.
const ANSWER_INSERT_CHUNK = 500;

/** What stands for the response's id in the rows: a bound value, or the session variable a batch sets (submissionBatch.ts). */
export type ResponseIdSlot = '?' | '@pejling_response';

const sqlByShape = new Map<string, string>();

/** The INSERT of `count` answer rows, written once per count and slot: a questionnaire's submissions mostly have one count. */
export function answerInsertSql(count: number, responseId: ResponseIdSlot): string {
  const shape = `${count}|${responseId}`;
  let sql = sqlByShape.get(shape);
  if (!sql) {
    const tuple = `(${responseId}, ?, ?, ?, ?, ?, ?)`;
    sql = `INSERT INTO answer (response_id, round_id, item_id, sub_id, value_code, value_number, value_text) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}`;
    sqlByShape.set(shape, sql);
  }
  return sql;
}

/** The rows in chunks of at most ANSWER_INSERT_CHUNK, each with the values its INSERT binds (the response's id first where bound). */
export function answerInsertChunks(rows: AnswerRow[], roundId: number, responseId?: number): { count: number; values: unknown[] }[] {
  const chunks: { count: number; values: unknown[] }[] = [];
  for (let start = 0; start < rows.length; start += ANSWER_INSERT_CHUNK) {
    const chunk = rows.slice(start, start + ANSWER_INSERT_CHUNK);
    const values: unknown[] = [];
    for (const row of chunk) {
      if (responseId !== undefined) values.push(responseId);
      values.push(roundId, row.itemId, row.subId, row.valueCode, row.valueNumber, row.valueText);
    }
    chunks.push({ count: chunk.length, values });
  }
  return chunks;
}
