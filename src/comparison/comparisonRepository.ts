import type { DataSource } from 'typeorm';
import type { AnswerValues, Attributes, ResponseRecord } from '../analysis/types.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Questionnaire } from '../questionnaires/types.js';
import { answerVectorBytes, answerVectorLayout, restrictLayout, type AnswerVectorKey, type AnswerVectorLayout } from '../responses/answerVector.js';
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
 * A round's caseworkers share a few combinations of municipality, team, group and role, but the
 * driver makes new strings per row: one attributes object per combination keeps 100,000 copies
 * out of the heap. Records never change their attributes, so sharing is safe.
 */
class AttributesPool {
  private readonly combinations = new Map<string, Attributes>();

  of(row: ResponsePageRow): Attributes {
    const key = [row.municipality, row.team, row.groupName, row.role].map((value) => (value === null || value === undefined ? '\u0001' : value)).join('\u0000');
    let attributes = this.combinations.get(key);
    if (!attributes) {
      attributes = Object.freeze({ municipality: row.municipality ?? null, team: row.team ?? null, group: row.groupName ?? null, role: row.role ?? null });
      this.combinations.set(key, attributes);
    }
    return attributes;
  }
}

function responseRecord(row: ResponsePageRow, pool: AttributesPool): ResponseRecord {
  return {
    responseId: Number(row.responseId),
    personKey: row.respondentId !== null && row.respondentId !== undefined ? `r${Number(row.respondentId)}` : row.selfCode ? `c${String(row.selfCode)}` : null,
    submittedAtMs: new Date(row.submittedAt).getTime(),
    attributes: pool.of(row),
  };
}

// Responses per query when reading a round: a whole round of 100,000 would sit in one driver result. Pages of
// 1,000 measured as fast as pages of 5,000 at 100,000 and left less garbage behind each request.
const RESPONSE_PAGE_SIZE = 1000;

/** The rows the analysis needs: responses of a round in a segment with their packed answer vectors. */
export class ComparisonRepository {
  constructor(private readonly dataSource: DataSource, private readonly catalog: QuestionnaireCatalog, private readonly pageSize = RESPONSE_PAGE_SIZE) {}

  /**
   * The responses of a round in a segment with the values of the wanted numeric items, read from each
   * response's answer vector in pages by id, so that no driver result holds a whole round of
   * 100,000 responses. Vectors missing (or not fitting their layout) are computed from the
   * answer rows and stored on the way: there is one read path, and old data heals itself.
   */
  async roundAnswers(roundId: number, filter: SegmentFilter, questionnaire: Questionnaire, wanted: (key: AnswerVectorKey) => boolean = () => true): Promise<RoundAnswers> {
    const segment = segmentCondition(filter, this.dataSource);
    const counted = (await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM response s LEFT JOIN respondent r ON r.id = s.respondent_id WHERE s.round_id = ? AND ${segment.sql}`,
      [roundId, ...segment.params],
    )) as { n: number | string }[];
    const columns = new AnswerColumnsBuilder(restrictLayout(answerVectorLayout(questionnaire), wanted), Number(counted[0]?.n ?? 0));
    const responses: ResponseRecord[] = [];
    const pool = new AttributesPool();
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
    const segment = segmentCondition(filter, this.dataSource);
    const rows = (await this.dataSource.query(`SELECT COUNT(*) AS n FROM respondent r WHERE r.project_id = ? AND ${segment.sql}`, [projectId, ...segment.params])) as { n: number | string }[];
    return Number(rows[0]?.n ?? 0) > 0;
  }
}

/**
 * Count, newest id and sum of the ids of the responses of each round: any submission changes it
 * (responses are never edited). The sum, because ids are not handed out in commit order on a
 * Galera cluster (each node steps its own series), so a new response need not have the newest id.
 */
export async function responsesFingerprint(dataSource: DataSource, roundIds: number[]): Promise<string> {
  if (roundIds.length === 0) return '';
  const rows = (await dataSource.query(
    `SELECT round_id AS roundId, COUNT(*) AS n, MAX(id) AS newest, SUM(id) AS idSum FROM response WHERE round_id IN (${roundIds.map(() => '?').join(', ')}) GROUP BY round_id ORDER BY round_id`,
    roundIds,
  )) as { roundId: number; n: number | string; newest: number | string; idSum: number | string }[];
  return rows.map((row) => `${row.roundId}:${row.n}:${row.newest}:${row.idSum}`).join(',');
}

/**
 * The open link's responses (no registry caseworker behind them) of each round of a project, as
 * the same records roundAnswers reads: the segment guard pairs them as the comparison does.
 */
export async function openLinkResponses(dataSource: DataSource, projectId: number): Promise<Map<number, ResponseRecord[]>> {
  const rows = (await dataSource.query(
    `SELECT s.round_id AS roundId, s.id AS responseId, s.respondent_id AS respondentId, i.self_code AS selfCode, s.submitted_at AS submittedAt,
            NULL AS municipality, NULL AS team, NULL AS groupName, NULL AS role
       FROM response s
       JOIN invitation i ON i.id = s.invitation_id
       JOIN round o ON o.id = s.round_id
      WHERE o.project_id = ? AND s.respondent_id IS NULL`,
    [projectId],
  )) as (ResponsePageRow & { roundId: number })[];
  const pool = new AttributesPool();
  const byRound = new Map<number, ResponseRecord[]>();
  for (const row of rows) {
    const round = Number(row.roundId);
    const records = byRound.get(round) ?? [];
    records.push(responseRecord(row, pool));
    byRound.set(round, records);
  }
  return byRound;
}
