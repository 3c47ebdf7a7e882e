import type { QueryRunner } from 'typeorm';
import { answerInsertChunks, answerInsertSql } from './answerInsert.js';
import type { AnswerRow } from './answerRows.js';
import { insertedResponseId, responseInsert, type ResponseRow } from './insertResponseRow.js';

/** What a submission writes: its response, its answer rows, and the draft it replaces. */
export interface SubmissionWrites {
  response: ResponseRow;
  answers: AnswerRow[];
  /** The invitation whose draft to delete (the lookup saw one), or null. */
  draftOfInvitation: number | null;
}

/** A pooled mysql2 connection, as far as a failed batch needs it. */
interface DestroyableConnection {
  destroy(): void;
}

/**
 * A submission's writes on MySQL/MariaDB as one round trip: START TRANSACTION, the response, its
 * answers, the draft's deletion and COMMIT in one multi-statement query. Each statement sent costs
 * a socket write and a wake-up on both sides; with five per submission, writing to the database's
 * socket was a fifth of the server's CPU (BENCHMARKS.md). Every value is a bound placeholder; the
 * answers name the response through a session variable set from LAST_INSERT_ID(). Once a
 * statement fails the database runs none after it, so the transaction is rolled back here.
 * Returns the response's id.
 */
export async function writeSubmissionBatch(runner: QueryRunner, writes: SubmissionWrites): Promise<number> {
  const dataSource = runner.connection;
  const insert = responseInsert(dataSource, writes.response);
  const statements = [insert.sql, 'SET @pejling_response = LAST_INSERT_ID()'];
  const values: unknown[] = [...insert.values];
  for (const chunk of answerInsertChunks(writes.answers, writes.response.roundId)) {
    statements.push(answerInsertSql(chunk.count, '@pejling_response'));
    values.push(...chunk.values);
  }
  // Only a draft the lookup saw is deleted: on MySQL/MariaDB a DELETE that finds no row still
  // locks the gap in the index, and those locks made concurrent submissions queue.
  if (writes.draftOfInvitation !== null) {
    statements.push('DELETE FROM draft WHERE invitation_id = ?');
    values.push(writes.draftOfInvitation);
  }
  const sql = ['START TRANSACTION', ...statements, 'COMMIT'].join(';\n');
  try {
    const results = (await runner.query(sql, values)) as unknown[];
    return insertedResponseId(dataSource, results[1]);
  } catch (error) {
    // A connection that cannot roll back is closed, never returned to the pool with its transaction open.
    await runner.query('ROLLBACK').catch(async () => ((await runner.connect()) as DestroyableConnection).destroy());
    throw error;
  }
}
