import type { DataSource } from 'typeorm';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Logger } from '../shared/logger.js';
import { answerVectorLayout } from './answerVector.js';
import { healAnswerVectors } from './healAnswerVectors.js';

/**
 * Give every response stored without an answer vector (before migration 1764400000000) its
 * vector, a batch at a time, so that the first comparison of a large old project does not have
 * to (≈ 18 s for 200,000 responses on the benchmark machine). Safe beside submissions, comparisons
 * and other instances doing the same: each vector is computed from rows that never change, and
 * writing it twice writes the same bytes. Returns how many it filled.
 */
export async function backfillAnswerVectors(dataSource: DataSource, catalog: QuestionnaireCatalog, batchSize = 500): Promise<number> {
  let filled = 0;
  for (let after = 0; ;) {
    const rows = (await dataSource.query(
      `SELECT id, questionnaire_version_id AS versionId FROM response WHERE answer_vector IS NULL AND id > ? ORDER BY id LIMIT ?`,
      [after, batchSize],
    )) as { id: number | string; versionId: number | string }[];
    if (rows.length === 0) return filled;
    const stale = rows.flatMap((row) => {
      const entry = catalog.byVersion(Number(row.versionId));
      // A version the catalog does not know cannot be laid out; the comparison reports it if it is ever read.
      return entry ? [{ responseId: Number(row.id), layout: answerVectorLayout(entry.questionnaire) }] : [];
    });
    await healAnswerVectors(dataSource, stale);
    filled += stale.length;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/** Run the backfill after start-up without holding it up; its outcome goes to the log. */
export function startAnswerVectorBackfill(dataSource: DataSource, catalog: QuestionnaireCatalog, logger: Logger): void {
  void backfillAnswerVectors(dataSource, catalog).then(
    (filled) => { if (filled > 0) logger.info('answer vectors filled in for responses stored before they existed', { responses: filled }); },
    (error: unknown) => logger.error('filling in answer vectors failed; comparisons fill them in as they read', { error: error instanceof Error ? error.message : String(error) }),
  );
}
