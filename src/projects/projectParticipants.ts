import type { DataSource } from 'typeorm';
import type { ParticipantGroup } from '../analysis/segmentDifferencing.js';
import { exactText } from '../db/exactText.js';

/**
 * The people who answered the given rounds of a project, counted per combination of attributes
 * and of rounds answered: the population the anonymity rules reason about. A registry caseworker
 * is one person across rounds, an open-link answer is keyed by its self-generated code (exact
 * match; the analysis also pairs codes with one element wrong), and an answer with neither
 * counts alone (`registry`: caseworkers of the registry only). Counted in SQL, so a request returns
 * a few hundred groups, not a row per person (100,000 in a national project). Grouped by exact
 * values, so a collation that ignores case or trailing spaces cannot merge two values the filters
 * tell apart.
 */
export async function participantGroups(dataSource: DataSource, projectId: number, roundIds: number[], only: 'everyone' | 'registry' = 'everyone'): Promise<ParticipantGroup[]> {
  if (roundIds.length === 0) return [];
  const answered = roundIds.map((_, i) => `MAX(CASE WHEN s.round_id = ? THEN 1 ELSE 0 END) AS in${i}`).join(', ');
  const rows = (await dataSource.query(
    `SELECT MIN(person.municipality) AS municipality, MIN(person.team) AS team, MIN(person.groupName) AS groupName, MIN(person.role) AS role, ${roundIds.map((_, i) => `in${i}`).join(', ')}, COUNT(*) AS n
       FROM (SELECT MAX(r.municipality) AS municipality, MAX(r.team) AS team, MAX(r.group_name) AS groupName, MAX(r.role) AS role, ${answered}
               FROM response s
               JOIN invitation i ON i.id = s.invitation_id
               JOIN round o ON o.id = s.round_id
               LEFT JOIN respondent r ON r.id = s.respondent_id
              WHERE o.project_id = ? AND s.round_id IN (${roundIds.map(() => '?').join(', ')})${only === 'registry' ? ' AND s.respondent_id IS NOT NULL' : ''}
              GROUP BY s.respondent_id, ${exactText(dataSource, 'i.self_code')}, CASE WHEN s.respondent_id IS NULL AND i.self_code IS NULL THEN s.id ELSE 0 END) person
      GROUP BY ${['municipality', 'team', 'groupName', 'role'].map((column) => exactText(dataSource, `person.${column}`)).join(', ')}, ${roundIds.map((_, i) => `in${i}`).join(', ')}`,
    [...roundIds, projectId, ...roundIds],
  )) as Record<string, unknown>[];
  return rows.map((row) => ({
    attributes: { municipality: (row.municipality as string | null) ?? null, team: (row.team as string | null) ?? null, group: (row.groupName as string | null) ?? null, role: (row.role as string | null) ?? null },
    rounds: new Set(roundIds.filter((_, i) => Number(row[`in${i}`]) === 1)),
    // MySQL returns COUNT(*) as a string.
    count: Number(row.n),
  }));
}
