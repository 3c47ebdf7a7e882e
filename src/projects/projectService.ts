import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Request } from 'express';
import { recordAudit } from '../audit/auditLog.js';
import { OrgUnit, Project, ProjectGroup, ProjectLead, Respondent, Round, UserAccount } from '../db/entities/index.js';
import { caseKey, normaliseAttributeValue } from '../respondents/attributeValue.js';
import { storedSpellings } from '../respondents/storedSpellings.js';
import { DEFAULT_SELF_CODE_ELEMENTS, selfCodeElementsOf, type SelfCodeElement } from '../rounds/selfGeneratedCode.js';
import { BadRequestError, NotFoundError } from '../shared/errors.js';
import type { ProjectInput } from './projectSchemas.js';
import { reportableAttributesOf, RESPONDENT_ATTRIBUTES, type RespondentAttribute } from './reportableAttributes.js';

export interface ProjectDetails {
  id: number;
  name: string;
  defaultLanguage: 'da' | 'en';
  anonymityK: number;
  groups: { name: string; kind: 'intervention' | 'control' }[];
  units: { municipality: string; team: string }[];
  leadEmails: string[];
  reportableAttributes: RespondentAttribute[];
  selfCodeElements: SelfCodeElement[];
  caseworkers: { active: number; total: number };
  rounds: number;
}

/**
 * Rules JSON Schema cannot express; each names its field. Any number of groups (arms) is allowed,
 * each marked intervention or control: a trial group alone, or three arms, is a valid design (the
 * comparison shows intervention vs control only where both kinds exist).
 */
function checkProjectRules(input: Partial<ProjectInput>): void {
  const groups = input.groups ?? [];
  const names = groups.map((g) => caseKey(g.name));
  if (names.includes('')) throw new BadRequestError('Et gruppenavn må ikke være tomt. (A group name must not be blank.)', [{ field: 'body.groups', message: 'Et gruppenavn må ikke være tomt.' }]);
  if (new Set(names).size !== names.length) throw new BadRequestError('Gruppenavnene skal være forskellige. (Group names must be unique.)', [{ field: 'body.groups', message: 'Gruppenavnene skal være forskellige.' }]);
}

async function leadIds(manager: EntityManager, emails: string[]): Promise<number[]> {
  const normalised = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
  if (normalised.length === 0) return [];
  const leads = await manager.getRepository(UserAccount).find({ where: { email: In(normalised) } });
  const unknown = normalised.filter((email) => !leads.some((lead) => lead.email === email && lead.role === 'lead'));
  if (unknown.length > 0) throw new BadRequestError(`Ingen projektleder-bruger med e-mailen ${unknown.join(', ')}. (No project lead account for ${unknown.join(', ')}.)`, [{ field: 'body.leadEmails', message: `Ingen projektleder-bruger med e-mailen ${unknown.join(', ')}. Opret personen som projektleder under Brugere først.` }]);
  return leads.map((lead) => lead.id);
}

/**
 * Add units that are not there yet, named as the project's caseworkers spell them (normalised;
 * one differing only in case is there already), so the dashboard offers the values the filters
 * accept; units are never removed while caseworkers may refer to them.
 */
export async function registerUnits(manager: EntityManager, projectId: number, units: { municipality: string; team?: string | null }[]): Promise<void> {
  const existing = await manager.getRepository(OrgUnit).find({ where: { projectId } });
  const spellings = await storedSpellings(manager, projectId, []);
  const key = (m: string, t: string) => `${caseKey(m)}\u0000${caseKey(t)}`;
  const known = new Set(existing.map((unit) => key(unit.municipality, unit.team)));
  for (const unit of units) {
    const municipality = spellings.spell('municipality', unit.municipality);
    const team = unit.team ? spellings.spell('team', unit.team) : '';
    const candidates = [{ municipality, team: '' }, ...(team ? [{ municipality, team }] : [])];
    for (const candidate of candidates) {
      if (!candidate.municipality || known.has(key(candidate.municipality, candidate.team))) continue;
      known.add(key(candidate.municipality, candidate.team));
      await manager.getRepository(OrgUnit).insert({ projectId, ...candidate });
    }
  }
}

/**
 * Codes made of other elements never pair with the project's earlier codes, so the elements are
 * fixed once anyone has saved a code (a draft or an answer) in one of the project's rounds.
 */
async function assertSelfCodeChangeable(manager: EntityManager, projectId: number, wanted: SelfCodeElement[]): Promise<void> {
  const project = await manager.getRepository(Project).findOneByOrFail({ id: projectId });
  const current = selfCodeElementsOf(project);
  if (current.length === wanted.length && current.every((element) => wanted.includes(element))) return;
  const rows = (await manager.query(
    'SELECT COUNT(*) AS n FROM invitation i JOIN round r ON r.id = i.round_id WHERE r.project_id = ? AND i.self_code IS NOT NULL',
    [projectId],
  )) as { n: number | string }[];
  if (Number(rows[0]?.n ?? 0) > 0) {
    const message = 'Kodens elementer kan ikke ændres, når der allerede er svaret med en kode i projektet: de nye koder ville ikke kunne parres med de gamle (the code\'s elements cannot change once the project holds codes)';
    throw new BadRequestError(`selfCodeElements: ${message}`, [{ field: 'body.selfCodeElements', message }]);
  }
}

export class ProjectService {
  constructor(private readonly dataSource: DataSource, private readonly clock: () => Date) {}

  async list(projectIds: number[] | null): Promise<ProjectDetails[]> {
    const projects = await this.dataSource.getRepository(Project).find({ where: projectIds ? { id: In(projectIds) } : {}, order: { name: 'ASC' } });
    return Promise.all(projects.map((project) => this.details(project)));
  }

  async get(projectId: number): Promise<ProjectDetails> {
    const project = await this.dataSource.getRepository(Project).findOne({ where: { id: projectId } });
    if (!project) throw new NotFoundError('No such project.', 'project_not_found');
    return this.details(project);
  }

  async create(req: Request, input: ProjectInput): Promise<ProjectDetails> {
    checkProjectRules(input);
    const id = await this.dataSource.transaction(async (manager) => {
      const project = await manager.getRepository(Project).save({
        name: input.name.trim(), defaultLanguage: input.defaultLanguage, anonymityK: input.anonymityK,
        reportableAttributes: JSON.stringify(input.reportableAttributes ?? RESPONDENT_ATTRIBUTES),
        selfCodeElements: JSON.stringify(input.selfCodeElements ?? DEFAULT_SELF_CODE_ELEMENTS),
      });
      await this.applyStructure(manager, project.id, input, true);
      await recordAudit(manager, req, { action: 'project.create', objectType: 'project', objectId: project.id, details: input }, this.clock());
      return project.id;
    });
    return this.get(id);
  }

  async update(req: Request, projectId: number, input: Partial<ProjectInput>): Promise<ProjectDetails> {
    checkProjectRules(input);
    await this.get(projectId);
    await this.dataSource.transaction(async (manager) => {
      if (input.selfCodeElements) await assertSelfCodeChangeable(manager, projectId, input.selfCodeElements);
      const changes = { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.defaultLanguage ? { defaultLanguage: input.defaultLanguage } : {}), ...(input.anonymityK !== undefined ? { anonymityK: input.anonymityK } : {}), ...(input.reportableAttributes ? { reportableAttributes: JSON.stringify(input.reportableAttributes) } : {}), ...(input.selfCodeElements ? { selfCodeElements: JSON.stringify(input.selfCodeElements) } : {}) };
      if (Object.keys(changes).length > 0) await manager.getRepository(Project).update(projectId, changes);
      await this.applyStructure(manager, projectId, input);
      await recordAudit(manager, req, { action: 'project.update', objectType: 'project', objectId: projectId, details: input }, this.clock());
    });
    return this.get(projectId);
  }

  /**
   * Groups, units and leads of a project. A new project has none to replace: deleting them anyway
   * would, on InnoDB, lock the gap after the newest project's rows, and two projects created at
   * once then deadlocked on each other's gap on every attempt.
   */
  private async applyStructure(manager: EntityManager, projectId: number, input: Partial<ProjectInput>, isNew = false): Promise<void> {
    if (input.groups && !isNew) {
      const inUse = await manager.getRepository(Respondent).createQueryBuilder('r').select('DISTINCT r.group_name', 'name').where('r.project_id = :projectId AND r.group_name IS NOT NULL', { projectId }).getRawMany<{ name: string }>();
      const removed = inUse.filter((row) => !input.groups!.some((g) => normaliseAttributeValue(g.name) === row.name));
      if (removed.length > 0) throw new BadRequestError(`Der er stadig sagsbehandlere i ${removed.map((r) => r.name).join(', ')}. (Caseworkers still belong to ${removed.map((r) => r.name).join(', ')}.)`, [{ field: 'body.groups', message: `Gruppen kan ikke fjernes: der er stadig sagsbehandlere i ${removed.map((r) => r.name).join(', ')}.` }]);
      await manager.getRepository(ProjectGroup).delete({ projectId });
    }
    if (input.groups) {
      for (const group of input.groups) await manager.getRepository(ProjectGroup).insert({ projectId, name: normaliseAttributeValue(group.name), kind: group.kind });
    }
    if (input.units) await registerUnits(manager, projectId, input.units);
    if (input.leadEmails) {
      const ids = await leadIds(manager, input.leadEmails);
      if (!isNew) await manager.getRepository(ProjectLead).delete({ projectId });
      for (const userId of ids) await manager.getRepository(ProjectLead).insert({ projectId, userId });
    }
  }

  private async details(project: Project): Promise<ProjectDetails> {
    const db = this.dataSource;
    const [groups, units, leads, total, active, rounds] = await Promise.all([
      db.getRepository(ProjectGroup).find({ where: { projectId: project.id }, order: { kind: 'DESC', name: 'ASC' } }),
      db.getRepository(OrgUnit).find({ where: { projectId: project.id }, order: { municipality: 'ASC', team: 'ASC' } }),
      db.getRepository(ProjectLead).find({ where: { projectId: project.id } }),
      db.getRepository(Respondent).count({ where: { projectId: project.id } }),
      db.getRepository(Respondent).count({ where: { projectId: project.id, active: true } }),
      db.getRepository(Round).count({ where: { projectId: project.id } }),
    ]);
    const leadAccounts = leads.length ? await db.getRepository(UserAccount).find({ where: { id: In(leads.map((l) => l.userId)) }, order: { email: 'ASC' } }) : [];
    return {
      id: project.id, name: project.name, defaultLanguage: project.defaultLanguage, anonymityK: project.anonymityK,
      groups: groups.map((g) => ({ name: g.name, kind: g.kind })),
      units: units.map((u) => ({ municipality: u.municipality, team: u.team })),
      leadEmails: leadAccounts.map((a) => a.email),
      reportableAttributes: reportableAttributesOf(project),
      selfCodeElements: selfCodeElementsOf(project),
      caseworkers: { active: Number(active), total: Number(total) },
      rounds: Number(rounds),
    };
  }
}
