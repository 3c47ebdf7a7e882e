import type { DataSource } from 'typeorm';
import type { ScaleCount } from '../analysis/compareRounds.js';
import { answerKey, type AnswerValues, type ResponseRecord } from '../analysis/types.js';
import { isEmptyFilter, segmentCondition, type SegmentFilter } from './segmentFilter.js';

/**
 * The rows the analysis needs, and no more: responses of a round in a segment, answer counts per
 * item × group × code straight from SQL GROUP BY, and answer rows only for the items that need
 * per-person values.
 */
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
   * Answer counts per scale item × code, optionally within some groups. The segment and the
   * groups restrict the responses in a subquery, so the counting itself groups in the order of
   * the covering answer index (a join per answer row grouped by the group's name needed a
   * temporary table and took seconds at 10,000 caseworkers).
   */
  async scaleCounts(roundId: number, filter: SegmentFilter, itemIds: string[], groupNames?: string[]): Promise<ScaleCount[]> {
    if (itemIds.length === 0) return [];
    const segment = segmentCondition(filter);
    const restrict = !isEmptyFilter(filter) || groupNames;
    const groups = groupNames ? `AND r.group_name IN (${groupNames.map(() => '?').join(', ')})` : '';
    const rows = (await this.dataSource.query(
      `SELECT a.item_id AS itemId, a.value_code AS code, COUNT(*) AS n
         FROM answer a
        WHERE a.round_id = ? AND a.sub_id = '' AND a.item_id IN (${itemIds.map(() => '?').join(', ')})
          ${restrict ? `AND a.response_id IN (SELECT s.id FROM response s LEFT JOIN respondent r ON r.id = s.respondent_id WHERE s.round_id = ? AND ${segment.sql} ${groups})` : ''}
        GROUP BY a.item_id, a.value_code`,
      [roundId, ...itemIds, ...(restrict ? [roundId, ...segment.params, ...(groupNames ?? [])] : [])],
    )) as Record<string, unknown>[];
    // MySQL returns COUNT(*) as a string.
    return rows.map((row) => ({ itemId: String(row.itemId), code: Number(row.code), count: Number(row.n) }));
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
