import type { Request } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/auditLog.js';
import { ProjectGroup, Respondent } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import { BadRequestError, ConflictError, NotFoundError } from '../shared/errors.js';
import { storedSpellings } from './storedSpellings.js';
import { markRespondentsChanged } from './respondentsChanged.js';

export interface RespondentFilter {
  municipality?: string;
  team?: string;
  group?: string;
  role?: string;
  active?: 'true' | 'false';
}

export interface RespondentChanges {
  name?: string;
  email?: string;
  municipality?: string;
  /** Null: a municipality without teams. */
  team?: string | null;
  role?: string;
  groupName?: string | null;
  externalId?: string | null;
  language?: 'da' | 'en' | null;
}

export function publicRespondent(r: Respondent) {
  return {
    id: r.id, externalId: r.externalId, name: r.name, email: r.email, municipality: r.municipality, team: r.team, role: r.role,
    group: r.groupName, language: r.language, active: r.active, erasedAt: r.erasedAt?.toISOString() ?? null,
  };
}

/** The caseworker registry of a project (admins only: it holds names and emails). */
export class RespondentService {
  constructor(private readonly dataSource: DataSource, private readonly clock: () => Date) {}

  async list(projectId: number, filter: RespondentFilter): Promise<Respondent[]> {
    const where: Record<string, unknown> = { projectId };
    if (filter.municipality) where.municipality = filter.municipality;
    if (filter.team) where.team = filter.team;
    if (filter.group) where.groupName = filter.group;
    if (filter.role) where.role = filter.role;
    if (filter.active) where.active = filter.active === 'true';
    return this.dataSource.getRepository(Respondent).find({ where, order: { municipality: 'ASC', team: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  async get(projectId: number, respondentId: number): Promise<Respondent> {
    const respondent = await this.dataSource.getRepository(Respondent).findOne({ where: { id: respondentId, projectId } });
    if (!respondent) throw new NotFoundError('No such caseworker in this project.', 'respondent_not_found');
    return respondent;
  }

  async update(req: Request, projectId: number, respondentId: number, changes: RespondentChanges & { active?: boolean }): Promise<Respondent> {
    const respondent = await this.get(projectId, respondentId);
    if (respondent.erasedAt) throw new ConflictError('This caseworker was erased and cannot be changed.', 'respondent_erased');
    await this.dataSource.transaction(async (manager) => {
      const normalised = { ...(await spelledChanges(manager, respondent, changes)), ...(changes.email ? { email: changes.email.trim().toLowerCase() } : {}) };
      try {
        await manager.getRepository(Respondent).update(respondent.id, normalised);
        await markRespondentsChanged(manager, projectId);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('Another caseworker in this project has this email or external id.', 'respondent_duplicate');
        throw error;
      }
      const action = changes.active === false ? 'respondent.deactivate' : changes.active === true && Object.keys(changes).length === 1 ? 'respondent.reactivate' : 'respondent.update';
      await recordAudit(manager, req, { action, objectType: 'respondent', objectId: respondent.id, details: normalised }, this.clock());
    });
    return this.get(projectId, respondentId);
  }

  /**
   * Erase a person on request: name, email and external id go; the id, the organisational
   * attributes and any submitted answers stay, so published statistics do not change and the
   * answers can no longer be traced to a name. Unanswered invitations stop working.
   */
  async erase(req: Request, projectId: number, respondentId: number): Promise<Respondent> {
    const respondent = await this.get(projectId, respondentId);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Respondent).update(respondent.id, { name: null, email: null, externalId: null, active: false, erasedAt: this.clock() });
      await markRespondentsChanged(manager, projectId);
      await manager.query('DELETE FROM draft WHERE invitation_id IN (SELECT id FROM invitation WHERE respondent_id = ?)', [respondent.id]);
      await recordAudit(manager, req, { action: 'respondent.erase', objectType: 'respondent', objectId: respondent.id }, this.clock());
    });
    return this.get(projectId, respondentId);
  }
}

/**
 * The attribute values of an edit as they are stored: normalised and spelled as the project
 * already spells them (by anyone but this caseworker, whose own old spelling an edit may fix).
 * A group must be one of the project's groups when it has any.
 */
async function spelledChanges<T extends RespondentChanges>(manager: EntityManager, respondent: Respondent, changes: T): Promise<T> {
  if (!(['municipality', 'team', 'role', 'groupName'] as const).some((field) => typeof changes[field] === 'string')) return changes;
  const groups = await manager.getRepository(ProjectGroup).find({ where: { projectId: respondent.projectId }, order: { id: 'ASC' } });
  const spellings = await storedSpellings(manager, respondent.projectId, groups, respondent.id);
  const spelled: T = { ...changes };
  for (const [field, attribute] of [['municipality', 'municipality'], ['team', 'team'], ['role', 'role']] as const) {
    const value = changes[field];
    if (typeof value === 'string') spelled[field] = nonEmpty(spellings.spell(attribute, value), field);
  }
  if (typeof changes.groupName === 'string') {
    const group = groups.length > 0 ? spellings.known('group', changes.groupName)?.spelling : spellings.spell('group', changes.groupName);
    if (groups.length > 0 && !groups.some((g) => g.name === group)) {
      throw new BadRequestError(`Gruppen „${changes.groupName}“ er ikke en af projektets grupper (${groups.map((g) => g.name).join(', ')}). (groupName is not one of the project's groups.)`, [{ field: 'body.groupName', message: 'Vælg en af projektets grupper.' }], 'unknown_group');
    }
    spelled.groupName = group === '' ? null : group;
  }
  return spelled;
}

function nonEmpty(value: string, field: string): string {
  if (value === '') throw new BadRequestError(`${field} må ikke være tom. (${field} must not be blank.)`, [{ field: `body.${field}`, message: 'Skal udfyldes; mellemrum alene tæller ikke.' }], 'blank_value');
  return value;
}
