import type { DataSource } from 'typeorm';
import type { AnswerRecord, ResponseRecord } from '../analysis/types.js';
import { segmentCondition, type SegmentFilter } from './segmentFilter.js';

const CHUNK = 1000;

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

  async scaleCounts(roundId: number, filter: SegmentFilter, itemIds: string[]): Promise<{ itemId: string; group: string | null; code: number; count: number }[]> {
    if (itemIds.length === 0) return [];
    const segment = segmentCondition(filter);
    const rows = (await this.dataSource.query(
      `SELECT a.item_id AS itemId, r.group_name AS groupName, a.value_code AS code, COUNT(*) AS n
         FROM answer a
         JOIN response s ON s.id = a.response_id
         LEFT JOIN respondent r ON r.id = s.respondent_id
        WHERE a.round_id = ? AND a.sub_id = '' AND a.item_id IN (${itemIds.map(() => '?').join(', ')}) AND ${segment.sql}
        GROUP BY a.item_id, r.group_name, a.value_code`,
      [roundId, ...itemIds, ...segment.params],
    )) as Record<string, unknown>[];
    // MySQL returns COUNT(*) as a string.
    return rows.map((row) => ({ itemId: String(row.itemId), group: (row.groupName as string | null) ?? null, code: Number(row.code), count: Number(row.n) }));
  }

  async answers(responseIds: number[], itemIds: string[]): Promise<AnswerRecord[]> {
    if (responseIds.length === 0 || itemIds.length === 0) return [];
    const result: AnswerRecord[] = [];
    for (let start = 0; start < responseIds.length; start += CHUNK) {
      const chunk = responseIds.slice(start, start + CHUNK);
      const rows = (await this.dataSource.query(
        `SELECT response_id AS responseId, item_id AS itemId, sub_id AS subId, value_code AS valueCode, value_number AS valueNumber
           FROM answer WHERE response_id IN (${chunk.map(() => '?').join(', ')}) AND item_id IN (${itemIds.map(() => '?').join(', ')})`,
        [...chunk, ...itemIds],
      )) as Record<string, unknown>[];
      for (const row of rows) {
        result.push({
          responseId: Number(row.responseId), itemId: String(row.itemId), subId: String(row.subId),
          valueCode: row.valueCode === null ? null : Number(row.valueCode), valueNumber: row.valueNumber === null ? null : Number(row.valueNumber),
        });
      }
    }
    return result;
  }

  async projectHasRespondents(projectId: number, filter: SegmentFilter): Promise<boolean> {
    const segment = segmentCondition(filter);
    const rows = (await this.dataSource.query(`SELECT COUNT(*) AS n FROM respondent r WHERE r.project_id = ? AND ${segment.sql}`, [projectId, ...segment.params])) as { n: number | string }[];
    return Number(rows[0]?.n ?? 0) > 0;
  }
}
