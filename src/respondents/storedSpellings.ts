import type { EntityManager } from 'typeorm';
import { OrgUnit, type ProjectGroup } from '../db/entities/index.js';
import { exactText } from '../db/exactText.js';
import { ProjectSpellings } from './attributeValue.js';

/**
 * The spellings the project has: its groups as defined, then each value of its caseworkers in the
 * order of the first caseworker stored with it (one exact value per row, whatever the collation),
 * then its organisation units. `except` leaves out one caseworker, whose own spelling an edit may fix.
 */
export async function storedSpellings(manager: EntityManager, projectId: number, groups: ProjectGroup[], except: number | null = null): Promise<ProjectSpellings> {
  const spellings = new ProjectSpellings();
  for (const group of groups) spellings.remember('group', group.name);
  for (const [attribute, column] of [['municipality', 'municipality'], ['team', 'team'], ['role', 'role'], ['group', 'group_name']] as const) {
    const exact = exactText(manager.connection, `r.${column}`);
    const rows = (await manager.query(
      `SELECT MIN(r.id) AS firstId, MIN(r.${column}) AS value FROM respondent r WHERE r.project_id = ? AND r.id <> ? AND r.${column} IS NOT NULL GROUP BY ${exact} ORDER BY firstId`,
      [projectId, except ?? 0],
    )) as { value: string }[];
    for (const row of rows) spellings.remember(attribute, row.value);
  }
  for (const unit of await manager.getRepository(OrgUnit).find({ where: { projectId }, order: { id: 'ASC' } })) {
    spellings.remember('municipality', unit.municipality);
    spellings.remember('team', unit.team);
  }
  return spellings;
}
