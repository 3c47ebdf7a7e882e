import type { DataSource } from 'typeorm';
import type { Participant } from '../analysis/segmentDifferencing.js';

/**
 * Everyone who answered a round of the project, once, with the rounds they answered: the
 * population the anonymity rules reason about. A registry caseworker is one person across rounds,
 * an open-link answer is keyed by its self-generated code (exact match; the analysis also pairs
 * codes with one element wrong), and an answer with neither counts alone.
 */
export async function projectParticipants(dataSource: DataSource, projectId: number): Promise<Participant[]> {
  const rows = (await dataSource.query(
    `SELECT s.id AS responseId, s.round_id AS roundId, s.respondent_id AS respondentId, i.self_code AS selfCode,
            r.municipality AS municipality, r.team AS team, r.group_name AS groupName, r.role AS role
       FROM response s
       JOIN invitation i ON i.id = s.invitation_id
       JOIN round o ON o.id = s.round_id
       LEFT JOIN respondent r ON r.id = s.respondent_id
      WHERE o.project_id = ?`,
    [projectId],
  )) as Record<string, unknown>[];
  const byKey = new Map<string, Participant>();
  for (const row of rows) {
    const key = row.respondentId !== null && row.respondentId !== undefined ? `r${Number(row.respondentId)}` : row.selfCode ? `c${String(row.selfCode)}` : `s${Number(row.responseId)}`;
    const participant = byKey.get(key) ?? {
      attributes: { municipality: (row.municipality as string | null) ?? null, team: (row.team as string | null) ?? null, group: (row.groupName as string | null) ?? null, role: (row.role as string | null) ?? null },
      rounds: new Set<number>(),
    };
    participant.rounds.add(Number(row.roundId));
    byKey.set(key, participant);
  }
  return [...byKey.values()];
}
