import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ProjectSpellings } from '../../respondents/attributeValue.js';

type Row = Record<string, unknown>;
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * One meaning of a segment value for the data stored before it held: every caseworker attribute
 * (municipality, team, role, group), group name and organisation unit is normalised as the import
 * now does (trim, one space, Unicode NFC), and values of a project that differ only in case take
 * the first spelling: the project's group names, then the caseworkers' values by id, then the
 * units. Units that become one are merged. Cannot be undone: the old spellings are not kept.
 */
export class NormaliseAttributeValues1764600000000 implements MigrationInterface {
  name = 'NormaliseAttributeValues1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const projects = (await queryRunner.query('SELECT id FROM project ORDER BY id')) as Row[];
    for (const project of projects) await this.normaliseProject(queryRunner, Number(project.id));
  }

  private async normaliseProject(queryRunner: QueryRunner, projectId: number): Promise<void> {
    const groups = (await queryRunner.query('SELECT id, name FROM project_group WHERE project_id = ? ORDER BY id', [projectId])) as Row[];
    const respondents = (await queryRunner.query('SELECT id, municipality, team, role, group_name AS groupName FROM respondent WHERE project_id = ? ORDER BY id', [projectId])) as Row[];
    const units = (await queryRunner.query('SELECT id, municipality, team FROM org_unit WHERE project_id = ? ORDER BY id', [projectId])) as Row[];
    const spellings = new ProjectSpellings();
    for (const group of groups) spellings.remember('group', text(group.name));
    for (const r of respondents) {
      spellings.remember('municipality', text(r.municipality));
      spellings.remember('team', text(r.team));
      spellings.remember('role', text(r.role));
      spellings.remember('group', text(r.groupName));
    }
    for (const unit of units) {
      spellings.remember('municipality', text(unit.municipality));
      spellings.remember('team', text(unit.team));
    }
    const spell = (attribute: 'municipality' | 'team' | 'role' | 'group', value: unknown) => (text(value) === null ? null : spellings.spell(attribute, text(value)!));

    for (const group of groups) {
      const name = spell('group', group.name)!;
      // Two groups of one project cannot become one (each has its kind); the import refused that already.
      if (name !== text(group.name) && !groups.some((other) => text(other.name) === name)) await queryRunner.query('UPDATE project_group SET name = ? WHERE id = ?', [name, group.id]);
    }

    let changed = 0;
    for (const r of respondents) {
      const next = [spell('municipality', r.municipality), spell('team', r.team), spell('role', r.role), spell('group', r.groupName)];
      if (next.every((value, i) => value === text([r.municipality, r.team, r.role, r.groupName][i]))) continue;
      await queryRunner.query('UPDATE respondent SET municipality = ?, team = ?, role = ?, group_name = ? WHERE id = ?', [...next, r.id]);
      changed++;
    }
    if (changed > 0) await queryRunner.query('UPDATE project SET respondents_version = respondents_version + 1 WHERE id = ?', [projectId]);

    // Duplicates go before renames, so no rename meets the unique (project, municipality, team) index.
    const kept = new Map<string, Row>();
    for (const unit of units) {
      const key = JSON.stringify([spell('municipality', unit.municipality), spell('team', unit.team)]);
      if (kept.has(key)) await queryRunner.query('DELETE FROM org_unit WHERE id = ?', [unit.id]);
      else kept.set(key, unit);
    }
    for (const [key, unit] of kept) {
      const [municipality, team] = JSON.parse(key) as [string, string];
      if (municipality !== text(unit.municipality) || team !== text(unit.team)) await queryRunner.query('UPDATE org_unit SET municipality = ?, team = ? WHERE id = ?', [municipality, team, unit.id]);
    }
  }

  async down(): Promise<void> {
    // Normalised values stay normalised: their old spellings are not kept anywhere.
  }
}
