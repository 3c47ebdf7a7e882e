import type { DataSource } from 'typeorm';

export interface ExportResponse {
  responseId: number;
  personKey: string;
  /** The open link's self-generated code, for pairing only: never written to a file. */
  selfCode: string | null;
  submittedAt: string;
  municipality: string | null;
  team: string | null;
  group: string | null;
  role: string | null;
}

export interface ExportAnswer {
  responseId: number;
  itemId: string;
  subId: string;
  valueCode: number | null;
  valueNumber: number | null;
  valueText: string | null;
}

const BATCH = 500;

/**
 * The responses of a round in batches of 500 (keyset pagination on the id), each with its answers,
 * so exports stream with flat memory however large the project.
 */
export async function* responseBatches(dataSource: DataSource, roundId: number): AsyncGenerator<{ responses: ExportResponse[]; answers: ExportAnswer[] }> {
  let after = 0;
  for (;;) {
    const rows = (await dataSource.query(
      // An open-link answer's pseudonym is the first invitation in the project with its code: stable
      // across rounds, while the code itself (birth day, month, initials) never reaches a file.
      `SELECT s.id AS responseId, s.respondent_id AS respondentId, i.self_code AS selfCode, s.submitted_at AS submittedAt,
              CASE WHEN i.self_code IS NULL THEN NULL ELSE (
                SELECT MIN(c.id) FROM invitation c JOIN round cr ON cr.id = c.round_id
                 WHERE c.self_code = i.self_code AND cr.project_id = (SELECT project_id FROM round WHERE id = s.round_id)) END AS codeId,
              r.municipality AS municipality, r.team AS team, r.group_name AS groupName, r.role AS role
         FROM response s JOIN invitation i ON i.id = s.invitation_id LEFT JOIN respondent r ON r.id = s.respondent_id
        WHERE s.round_id = ? AND s.id > ? ORDER BY s.id LIMIT ${BATCH}`,
      [roundId, after],
    )) as Record<string, unknown>[];
    if (rows.length === 0) return;
    const responses = rows.map((row) => ({
      responseId: Number(row.responseId),
      // A pseudonym, stable across rounds, that says nothing about the person outside Pejling.
      personKey: row.respondentId !== null && row.respondentId !== undefined ? `P${Number(row.respondentId)}` : row.codeId !== null && row.codeId !== undefined ? `C${Number(row.codeId)}` : `R${Number(row.responseId)}`,
      selfCode: (row.selfCode as string | null) ?? null,
      submittedAt: new Date(row.submittedAt as string | Date).toISOString(),
      municipality: (row.municipality as string | null) ?? null, team: (row.team as string | null) ?? null, group: (row.groupName as string | null) ?? null, role: (row.role as string | null) ?? null,
    }));
    const ids = responses.map((r) => r.responseId);
    const answers = ((await dataSource.query(
      `SELECT response_id AS responseId, item_id AS itemId, sub_id AS subId, value_code AS valueCode, value_number AS valueNumber, value_text AS valueText
         FROM answer WHERE response_id IN (${ids.map(() => '?').join(', ')}) ORDER BY response_id, id`,
      ids,
    )) as Record<string, unknown>[]).map((row) => ({
      responseId: Number(row.responseId), itemId: String(row.itemId), subId: String(row.subId),
      valueCode: row.valueCode === null ? null : Number(row.valueCode), valueNumber: row.valueNumber === null ? null : Number(row.valueNumber), valueText: (row.valueText as string | null) ?? null,
    }));
    yield { responses, answers };
    after = responses[responses.length - 1]!.responseId;
  }
}

/** The self-generated codes of a round's open-link answers, one per answer (for matchSelfCodes). */
export async function selfCodesOf(dataSource: DataSource, roundId: number): Promise<string[]> {
  const rows = (await dataSource.query(
    'SELECT i.self_code AS selfCode FROM response s JOIN invitation i ON i.id = s.invitation_id WHERE s.round_id = ? AND i.self_code IS NOT NULL',
    [roundId],
  )) as { selfCode: string }[];
  return rows.map((row) => String(row.selfCode));
}
