import { Router } from 'express';
import { AuditLog } from '../db/entities/index.js';
import { requireAdmin } from '../auth/authorize.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';

const PAGE_SIZE = 100;

export const auditQuerySchema = {
  $id: 'https://pejling.dk/schemas/audit-query.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    action: { type: 'string', pattern: '^[a-z_.]{1,64}$' },
    objectType: { type: 'string', pattern: '^[a-z_]{1,32}$' },
    objectId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
  },
} as const;

type AuditQuery = { action?: string; objectType?: string; objectId?: string; page?: string };

function publicEntry(entry: AuditLog) {
  return {
    id: entry.id, at: entry.createdAt.toISOString(), actor: entry.actor, action: entry.action,
    objectType: entry.objectType, objectId: entry.objectId, details: entry.details ? (JSON.parse(entry.details) as unknown) : null, ip: entry.ip,
  };
}

/** Admins read who did what, newest first, filtered by action or object. */
export function auditRoutes(deps: ServiceDeps): Router {
  const router = Router();

  async function findEntries(query: AuditQuery) {
    const page = Number(query.page ?? '1');
    const where = { ...(query.action ? { action: query.action } : {}), ...(query.objectType ? { objectType: query.objectType } : {}), ...(query.objectId ? { objectId: query.objectId } : {}) };
    const [entries, total] = await deps.dataSource.getRepository(AuditLog).findAndCount({ where, order: { id: 'DESC' }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
    return { entries: entries.map(publicEntry), total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
  }

  router.get('/admin/audit', requireAdmin(), validateRequest({ query: auditQuerySchema }), async (req, res) => {
    const query = req.query as AuditQuery;
    res.render('admin/audit/list', { title: 'Log', nav: 'audit', query, ...(await findEntries(query)) });
  });

  router.get('/api/audit', requireAdmin(), validateRequest({ query: auditQuerySchema }), async (req, res) => {
    res.json(await findEntries(req.query as AuditQuery));
  });

  return router;
}
