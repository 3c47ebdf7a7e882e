import { Router, type Request } from 'express';
import { recordAudit } from '../audit/auditLog.js';
import { requireAdmin, requireProjectAccess } from '../auth/authorize.js';
import { ProjectService } from '../projects/projectService.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { InvitationService } from './invitationService.js';
import { invitationRows, invitationRowsCsv, invitationStatuses, invitationStatusLabels, type InvitationFilter } from './invitationStatus.js';
import { invitationPageQuerySchema, invitationQuerySchema } from './roundControlSchemas.js';
import { flashOf, publicRoundOf } from './roundPage.js';
import { roundParamsSchema } from './roundSchemas.js';
import { RoundService } from './roundService.js';

/**
 * Who has answered, person by person, and their personal links: admins only (requireAdmin), as
 * names and emails never reach leads; leads keep the anonymous monitor.
 */
export function invitationRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const rounds = new RoundService(deps.dataSource, deps.catalog, deps.secretKey, deps.clock);
  const invitations = new InvitationService(deps);
  const adminRound = [requireAdmin(), validateRequest({ params: roundParamsSchema }), requireProjectAccess(deps.dataSource)];
  const listed = [...adminRound, validateRequest({ query: invitationQuerySchema })];
  const roundOf = (req: Request) => rounds.get(Number(req.params.projectId), Number(req.params.roundId));
  const link = (invitation: Parameters<InvitationService['linkFor']>[0]) => invitations.linkFor(invitation);
  const csvFile = (label: string, what: string) => `pejling-${what}-${label}.csv`;

  router.get('/api/projects/:projectId/rounds/:roundId/invitations', ...listed, async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ invitations: await invitationRows(deps.dataSource, await roundOf(req), req.query as InvitationFilter) });
  });
  router.get('/api/projects/:projectId/rounds/:roundId/invitations.csv', ...listed, async (req, res) => {
    const round = await roundOf(req);
    res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(csvFile(round.label, 'svar'))
      .send(invitationRowsCsv(await invitationRows(deps.dataSource, round, req.query as InvitationFilter), false));
  });

  /** Personal links let anyone answer as that person: each export is audited. */
  for (const path of ['/api/projects/:projectId/rounds/:roundId/links', '/api/projects/:projectId/rounds/:roundId/links.csv']) {
    router.get(path, ...listed, async (req, res) => {
      const round = await roundOf(req);
      const rows = await invitationRows(deps.dataSource, round, req.query as InvitationFilter, link);
      await recordAudit(deps.dataSource, req, { action: 'round.links.export', objectType: 'round', objectId: round.id, details: { via: 'api', count: rows.length } }, deps.clock());
      res.set('Cache-Control', 'no-store');
      if (path.endsWith('.csv')) res.type('text/csv; charset=utf-8').attachment(csvFile(round.label, 'links')).send(invitationRowsCsv(rows, true));
      else res.json({ links: rows });
    });
  }

  router.get('/admin/projects/:projectId/rounds/:roundId/invitations', ...adminRound, validateRequest({ query: invitationPageQuerySchema }), async (req, res) => {
    const project = await new ProjectService(deps.dataSource, deps.clock).get(Number(req.params.projectId));
    const round = await roundOf(req);
    const { done, ...filter } = req.query as InvitationFilter & { done?: string };
    const all = await invitationRows(deps.dataSource, round);
    const rows = await invitationRows(deps.dataSource, round, filter);
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b, 'da'));
    const counts = Object.fromEntries(invitationStatuses.map((s) => [s, all.filter((r) => r.status === s).length]));
    res.render('admin/rounds/invitations', {
      title: `Hvem har svaret – ${round.label}`, nav: 'projects', project, round: publicRoundOf(deps, round, true), rows, filter, counts, total: all.length,
      statuses: invitationStatuses.map((value) => ({ value, label: invitationStatusLabels[value] })), labels: invitationStatusLabels,
      municipalities: distinct(all.map((r) => r.municipality)), teams: distinct(all.map((r) => r.team)), flash: flashOf(done),
      csvQuery: new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString(),
      breadcrumbs: [{ href: '/admin/projects', label: 'Projekter' }, { href: `/admin/projects/${project.id}`, label: project.name }, { href: `/admin/projects/${project.id}/rounds`, label: 'Runder' }, { href: `/admin/projects/${project.id}/rounds/${round.id}`, label: round.label }],
    });
  });
  router.get('/admin/projects/:projectId/rounds/:roundId/invitations.csv', ...listed, async (req, res) => {
    const round = await roundOf(req);
    res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(csvFile(round.label, 'svar'))
      .send(invitationRowsCsv(await invitationRows(deps.dataSource, round, req.query as InvitationFilter), false));
  });
  return router;
}
