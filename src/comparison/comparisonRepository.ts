import type { DataSource } from 'typeorm';
import { answerKey, type AnswerValues, type ResponseRecord } from '../analysis/types.js';
import { isEmptyFilter, segmentCondition, type SegmentFilter } from './segmentFilter.js';

/** The rows the analysis needs: responses of a round in a segment, and their numeric answers as columns. */
export class ComparisonRepository {
  constructor(private readonly dataSource: DataSource) {}

  async responses(roundId: number, filter: SegmentFilter): Promise<ResponseRecord[]> {
    const segment = segmentCondition(filter);
    const rows = (await this.dataSource.query(
      `SELECT s.id AS responseId, s.respondent_id AS respondentId, i.self_code AS selfCode, s.submitted_at AS submittedAt,
              r.municipality AS municipality, r.team AS team, r.group_name AS groupName, r.role AS role
         FROM response s
         JOIN invitation i ON i.id = s.invitation_id
         LEFT JOIN respondent r ON r.id = s.respondent_id
        WHERE s.round_id = ? AND ${segment.sql}`,
      [roundId, ...segment.params],
    )) as Record<string, unknown>[];
    return rows.map((row) => ({
      responseId: Number(row.responseId),
      personKey: row.respondentId !== null && row.respondentId !== undefined ? `r${Number(row.respondentId)}` : row.selfCode ? `c${String(row.selfCode)}` : null,
      submittedAt: new Date(row.submittedAt as string | Date),
      attributes: { municipality: (row.municipality as string | null) ?? null, team: (row.team as string | null) ?? null, group: (row.groupName as string | null) ?? null, role: (row.role as string | null) ?? null },
    }));
  }

  /**
   * Values of the given items and sub-items for the given responses of a round, one query per
   * item so that neither the result of a query nor the columns grow beyond one item's answers
   * at a time; each query is a range of the covering answer index.
   */
  async answerValues(roundId: number, filter: SegmentFilter, keys: { itemId: string; subId: string }[], responses: ResponseRecord[]): Promise<AnswerValues> {
    const responseIds = responses.map((r) => r.responseId);
    const values: AnswerValues = { responseIds, rowOf: new Map(responseIds.map((id, row) => [id, row])), columns: new Map() };
    if (responses.length === 0) return values;
    const segment = segmentCondition(filter);
    // Without a segment the answers come from the index alone, without a join per row.
    const segmentJoin = isEmptyFilter(filter) ? '' : 'JOIN response s ON s.id = a.response_id LEFT JOIN respondent r ON r.id = s.respondent_id';
    for (const { itemId, subId } of keys) {
      const rows = (await this.dataSource.query(
        `SELECT a.response_id AS responseId, a.value_code AS valueCode, a.value_number AS valueNumber
           FROM answer a ${segmentJoin}
          WHERE a.round_id = ? AND a.item_id = ? AND a.sub_id = ? AND ${segment.sql}`,
        [roundId, itemId, subId, ...segment.params],
      )) as { responseId: number; valueCode: number | null; valueNumber: number | null }[];
      const column = new Float64Array(responseIds.length).fill(Number.NaN);
      for (const row of rows) {
        const slot = values.rowOf.get(Number(row.responseId));
        const value = row.valueCode ?? row.valueNumber;
        if (slot !== undefined && value !== null) column[slot] = Number(value);
      }
      values.columns.set(answerKey(itemId, subId), column);
    }
    return values;
  }

  async projectHasRespondents(projectId: number, filter: SegmentFilter): Promise<boolean> {
    const segment = segmentCondition(filter);
    const rows = (await this.dataSource.query(`SELECT COUNT(*) AS n FROM respondent r WHERE r.project_id = ? AND ${segment.sql}`, [projectId, ...segment.params])) as { n: number | string }[];
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** Count and newest id of the responses of each round: any submission changes it (responses are never edited). */
  async responsesFingerprint(roundIds: number[]): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT round_id AS roundId, COUNT(*) AS n, MAX(id) AS newest FROM response WHERE round_id IN (${roundIds.map(() => '?').join(', ')}) GROUP BY round_id ORDER BY round_id`,
      roundIds,
    )) as { roundId: number; n: number | string; newest: number | string }[];
    return rows.map((row) => `${row.roundId}:${row.n}:${row.newest}`).join(',');
  }
}
