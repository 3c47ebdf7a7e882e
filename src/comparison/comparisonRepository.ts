import type { DataSource } from 'typeorm';
import type { AnswerValues, ResponseRecord } from '../analysis/types.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Questionnaire } from '../questionnaires/types.js';
import { answerVectorBytes, answerVectorLayout, type AnswerVectorLayout } from '../responses/answerVector.js';
import { healAnswerVectors } from '../responses/healAnswerVectors.js';
import { AnswerColumnsBuilder } from './answerColumnsBuilder.js';
import { segmentCondition, type SegmentFilter } from './segmentFilter.js';

export interface RoundAnswers {
  responses: ResponseRecord[];
  values: AnswerValues;
}

interface ResponsePageRow {
  responseId: number;
  respondentId: number | null;
  selfCode: string | null;
  submittedAt: string | Date;
  versionId: number;
  answerVector: Buffer | null;
  municipality: string | null;
  team: string | null;
  groupName: string | null;
  role: string | null;
}

/**
 * A round's attribute values are a few distinct strings, but the driver makes a new string per
 * row: sharing one instance per value keeps 100,000 × 4 copies out of the heap.
 */
class StringPool {
  private readonly strings = new Map<string, string>();

  intern(value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}

function responseRecord(row: ResponsePageRow, pool: StringPool): ResponseRecord {
  return {
    responseId: Number(row.responseId),
    personKey: row.respondentId !== null && row.respondentId !== undefined ? `r${Number(row.respondentId)}` : row.selfCode ? `c${String(row.selfCode)}` : null,
    submittedAt: new Date(row.submittedAt),
    attributes: { municipality: pool.intern(row.municipality), team: pool.intern(row.team), group: pool.intern(row.groupName), role: pool.intern(row.role) },
  };
}

// Responses per query when reading a round: a page of vectors is a few MB, a whole round of 100,000 would not be.
const RESPONSE_PAGE_SIZE = 5000;

/** The rows the analysis needs: responses of a round in a segment with their packed answer vectors. */
export class ComparisonRepository {
  constructor(private readonly dataSource: DataSource, private readonly catalog: QuestionnaireCatalog, private readonly pageSize = RESPONSE_PAGE_SIZE) {}

  /**
   * The responses of a round in a segment with the values of every numeric item, read from each
   * response's answer vector in pages by id, so that no driver result holds a whole round of
   * 100,000 responses. Vectors missing (or not fitting their layout) are computed from the
   * answer rows and stored on the way: there is one read path, and old data heals itself.
   */
  async roundAnswers(roundId: number, filter: SegmentFilter, questionnaire: Questionnaire): Promise<RoundAnswers> {
    const segment = segmentCondition(filter);
    const counted = (await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM response s LEFT JOIN respondent r ON r.id = s.respondent_id WHERE s.round_id = ? AND ${segment.sql}`,
      [roundId, ...segment.params],
    )) as { n: number | string }[];
    const columns = new AnswerColumnsBuilder(answerVectorLayout(questionnaire), Number(counted[0]?.n ?? 0));
    const responses: ResponseRecord[] = [];
    const pool = new StringPool();
    for (let after = 0; ;) {
      const rows = (await this.dataSource.query(
        `SELECT s.id AS responseId, s.respondent_id AS respondentId, i.self_code AS selfCode, s.submitted_at AS submittedAt,
                s.questionnaire_version_id AS versionId, s.answer_vector AS answerVector,
                r.municipality AS municipality, r.team AS team, r.group_name AS groupName, r.role AS role
           FROM response s
           JOIN invitation i ON i.id = s.invitation_id
           LEFT JOIN respondent r ON r.id = s.respondent_id
          WHERE s.round_id = ? AND s.id > ? AND ${segment.sql}
          ORDER BY s.id LIMIT ?`,
        [roundId, after, ...segment.params, this.pageSize],
      )) as ResponsePageRow[];
      const layouts = rows.map((row) => this.layoutOfVersion(Number(row.versionId)));
      const stale = rows.flatMap((row, i) => (row.answerVector?.length === answerVectorBytes(layouts[i]!) ? [] : [{ responseId: Number(row.responseId), layout: layouts[i]! }]));
      const healed = stale.length ? await healAnswerVectors(this.dataSource, stale) : undefined;
      rows.forEach((row, i) => {
        const record = responseRecord(row, pool);
        responses.push(record);
        columns.add(record.responseId, layouts[i]!, healed?.get(record.responseId) ?? row.answerVector!);
      });
      if (rows.length < this.pageSize) break;
      after = Number(rows[rows.length - 1]!.responseId);
    }
    return { responses, values: columns.build() };
  }

  private layoutOfVersion(versionId: number): AnswerVectorLayout {
    const entry = this.catalog.byVersion(versionId);
    if (!entry) throw new Error(`A response answered questionnaire version ${versionId}, which the catalog does not know`);
    return answerVectorLayout(entry.questionnaire);
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
