import { Router, type Request, type Response } from 'express';
import { requireAdmin, requireProjectAccess } from '../auth/authorize.js';
import { recordAudit } from '../audit/auditLog.js';
import type { Round } from '../db/entities/index.js';
import { ProjectService } from '../projects/projectService.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { AppError } from '../shared/errors.js';
import { validateForm, type FieldErrors } from '../shared/formValidation.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { InvitationService } from './invitationService.js';
import { formValuesOfRound, roundFormValues, roundInputFromForm, type RoundFormValues } from './roundForm.js';
import { monitorForReader, roundMonitor } from './roundMonitor.js';
import { Project } from '../db/entities/index.js';
import { roundInputSchema, roundParamsSchema, roundPatchSchema, type RoundInput } from './roundSchemas.js';
import { RoundService } from './roundService.js';
import { invitationRoutes } from './invitationRoutes.js';
import { roundControlRoutes } from './roundControlRoutes.js';
import { flashOf, publicRoundOf, renderRoundPage } from './roundPage.js';

export function roundRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const rounds = new RoundService(deps.dataSource, deps.catalog, deps.secretKey, deps.clock);
  const invitations = new InvitationService(deps);
  const projects = new ProjectService(deps.dataSource, deps.clock);
  const readProject = [validateRequest({ params: projectParamsSchema }), requireProjectAccess(deps.dataSource)];
  const readRound = [validateRequest({ params: roundParamsSchema }), requireProjectAccess(deps.dataSource)];
  const adminProject = [requireAdmin(), ...readProject];
  const adminRound = [requireAdmin(), ...readRound];
  const roundsUrl = (projectId: number) => `/admin/projects/${projectId}/rounds`;
  const projectOf = (req: Request) => deps.dataSource.getRepository(Project).findOneByOrFail({ id: Number(req.params.projectId) });

  const publicRound = (round: Round, forAdmin: boolean) => publicRoundOf(deps, round, forAdmin);

  async function renderForm(res: Response, status: number, projectId: number, values: RoundFormValues, errors: FieldErrors, round?: Round) {
    const project = await projects.get(projectId);
    res.status(status).render('admin/rounds/form', {
      title: round ? `Redigér ${round.label}` : 'Ny runde', nav: 'projects', project, round: round ? publicRound(round, true) : undefined, values, errors,
      locked: round ? round.status !== 'scheduled' : false, questionnaires: deps.catalog.latestAll().map((e) => ({ id: e.questionnaire.id, title: e.questionnaire.title.da })),
      breadcrumbs: [{ href: '/admin/projects', label: 'Projekter' }, { href: `/admin/projects/${project.id}`, label: project.name }, { href: roundsUrl(project.id), label: 'Runder' }],
    });
  }

  async function saveFromForm(req: Request, res: Response, projectId: number, round?: Round) {
    const values = roundFormValues(req.body);
    const locked = round ? round.status !== 'scheduled' : false;
    const schema = round ? roundPatchSchema : roundInputSchema;
    const result = validateForm<RoundInput>(schema, roundInputFromForm(values, locked));
    if (!result.ok) return renderForm(res, 400, projectId, values, result.errors, round);
    try {
      const saved = round ? await rounds.update(req, projectId, round.id, result.value) : await rounds.create(req, projectId, result.value);
      return res.redirect(303, `${roundsUrl(projectId)}/${saved.id}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400 || !Array.isArray(error.details)) throw error;
      const errors = Object.fromEntries((error.details as { field: string; message: string }[]).map((d) => [d.field.replace(/^body\./, ''), d.message]));
      return renderForm(res, 400, projectId, values, errors, round);
    }
  }

  router.get('/admin/projects/:projectId/rounds', ...readProject, async (req, res) => {
    const project = await projects.get(Number(req.params.projectId));
    const list = await rounds.list(project.id);
    const monitors = await roundMonitor(deps.dataSource, list.map((r) => r.id));
    res.render('admin/rounds/list', {
      title: `Runder – ${project.name}`, nav: 'projects', project, breadcrumbs: [{ href: '/admin/projects', label: 'Projekter' }, { href: `/admin/projects/${project.id}`, label: project.name }],
      rounds: list.map((round) => ({ ...publicRound(round, req.user!.role === 'admin'), total: monitors.get(round.id)!.total })),
    });
  });

  router.get('/admin/projects/:projectId/rounds/new', ...adminProject, (req, res) =>
    renderForm(res, 200, Number(req.params.projectId), { label: '', questionnaireId: 'hir-start', opensAt: '', closesAt: '', reminderDays: '3, 7', recurrenceCron: '', municipality: [], group: [], openLink: false, periodLabelDa: '', periodLabelEn: '' }, {}));
  router.post('/admin/projects/:projectId/rounds', ...adminProject, (req, res) => saveFromForm(req, res, Number(req.params.projectId)));

  router.get('/admin/projects/:projectId/rounds/:roundId', ...readRound, (req, res) => renderRoundPage(deps, req, res, 200, flashOf(req.query.done)));

  router.get('/admin/projects/:projectId/rounds/:roundId/edit', ...adminRound, async (req, res) => {
    const round = await rounds.get(Number(req.params.projectId), Number(req.params.roundId));
    return renderForm(res, 200, round.projectId, formValuesOfRound(round, deps.catalog.byVersion(round.questionnaireVersionId)!.questionnaire.id), {}, round);
  });
  router.post('/admin/projects/:projectId/rounds/:roundId', ...adminRound, async (req, res) => {
    const round = await rounds.get(Number(req.params.projectId), Number(req.params.roundId));
    return saveFromForm(req, res, round.projectId, round);
  });

  router.get('/admin/projects/:projectId/rounds/:roundId/links.csv', ...adminRound, async (req, res) => {
    const round = await rounds.get(Number(req.params.projectId), Number(req.params.roundId));
    const csv = await invitations.exportLinksCsv(round);
    await recordAudit(deps.dataSource, req, { action: 'round.links.export', objectType: 'round', objectId: round.id }, deps.clock());
    res.set('Cache-Control', 'no-store').type('text/csv; charset=utf-8').attachment(`pejling-links-${round.label}.csv`).send(csv);
  });

  router.get('/api/projects/:projectId/rounds', ...readProject, async (req, res) => {
    res.json({ rounds: (await rounds.list(Number(req.params.projectId))).map((round) => publicRound(round, req.user!.role === 'admin')) });
  });
  router.post('/api/projects/:projectId/rounds', ...adminProject, validateRequest({ body: roundInputSchema }), async (req, res) => {
    res.status(201).json({ round: publicRound(await rounds.create(req, Number(req.params.projectId), req.body as RoundInput), true) });
  });
  router.get('/api/projects/:projectId/rounds/:roundId', ...readRound, async (req, res) => {
    res.json({ round: publicRound(await rounds.get(Number(req.params.projectId), Number(req.params.roundId)), req.user!.role === 'admin') });
  });
  router.patch('/api/projects/:projectId/rounds/:roundId', ...adminRound, validateRequest({ body: roundPatchSchema }), async (req, res) => {
    res.json({ round: publicRound(await rounds.update(req, Number(req.params.projectId), Number(req.params.roundId), req.body as Partial<RoundInput>), true) });
  });
  router.get('/api/projects/:projectId/rounds/:roundId/monitor', ...readRound, async (req, res) => {
    const round = await rounds.get(Number(req.params.projectId), Number(req.params.roundId));
    res.set('Cache-Control', 'no-store').json(monitorForReader((await roundMonitor(deps.dataSource, [round.id])).get(round.id)!, await projectOf(req), req.user!));
  });

  router.use(roundControlRoutes(deps));
  router.use(invitationRoutes(deps));
  return router;
}
