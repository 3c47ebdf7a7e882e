import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/auditLog.js';
import { Respondent } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
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
  team?: string;
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
    const normalised = { ...changes, ...(changes.email ? { email: changes.email.trim().toLowerCase() } : {}) };
    await this.dataSource.transaction(async (manager) => {
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
