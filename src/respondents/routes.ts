import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { requireAdmin, requireProjectAccess } from '../auth/authorize.js';
import { ProjectGroup } from '../db/entities/index.js';
import { ProjectService } from '../projects/projectService.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { AppError, BadRequestError } from '../shared/errors.js';
import { validateForm, type FieldErrors } from '../shared/formValidation.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { CaseworkerImportService, type ImportResult } from './importService.js';
import { importQuerySchema, respondentFilterSchema, respondentFormSchema, respondentParamsSchema, respondentPatchSchema } from './respondentSchemas.js';
import { publicRespondent, RespondentService, type RespondentChanges, type RespondentFilter } from './respondentService.js';

const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** `?imported=12` after a saved import → 12; anything else → undefined. */
function importedCount(url: string): number | undefined {
  const value = new URL(url, 'http://pejling.invalid').searchParams.get('imported');
  return value !== null && /^\d{1,6}$/.test(value) ? Number(value) : undefined;
}

type RespondentForm = { name: string; email: string; municipality: string; team?: string; role: string; groupName?: string; externalId?: string; language?: '' | 'da' | 'en' };

/** The caseworker registry and its CSV import; admins only (it holds names and emails). */
export function respondentRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const respondents = new RespondentService(deps.dataSource, deps.clock);
  const imports = new CaseworkerImportService(deps.dataSource, deps.clock);
  const projects = new ProjectService(deps.dataSource, deps.clock);
  const admin = [requireAdmin(), validateRequest({ params: projectParamsSchema }), requireProjectAccess(deps.dataSource)];
  const adminOne = [requireAdmin(), validateRequest({ params: respondentParamsSchema }), requireProjectAccess(deps.dataSource)];
  const rawCsv = express.raw({ type: ['text/csv', 'text/plain', 'application/octet-stream'], limit: MAX_CSV_BYTES });
  const base = (projectId: number) => `/admin/projects/${projectId}/respondents`;
  const crumbs = (project: { id: number; name: string }) => [{ href: '/admin/projects', label: 'Projekter' }, { href: `/admin/projects/${project.id}`, label: project.name }];

  router.get('/admin/projects/:projectId/respondents', ...admin, validateRequest({ query: respondentFilterSchema }), async (req, res) => {
    const project = await projects.get(Number(req.params.projectId));
    // The import's redirect says how many were saved; read before validation drops the parameter.
    const imported = importedCount(req.originalUrl);
    const list = await respondents.list(project.id, req.query as RespondentFilter);
    res.render('admin/respondents/list', { title: `Sagsbehandlere – ${project.name}`, nav: 'projects', project, respondents: list.map(publicRespondent), filter: req.query, imported, breadcrumbs: crumbs(project) });
  });

  const renderImport = async (res: Response, status: number, projectId: number, extra: { result?: ImportResult; content?: string; error?: string } = {}) => {
    const project = await projects.get(projectId);
    res.status(status).render('admin/respondents/import', { title: `Importér sagsbehandlere – ${project.name}`, nav: 'projects', project, breadcrumbs: crumbs(project), ...extra });
  };

  router.get('/admin/projects/:projectId/respondents/import', ...admin, (req, res) => renderImport(res, 200, Number(req.params.projectId)));

  // Step 1 (multipart: a file or pasted text, parsed before the CSRF check by auth/multipartForms.ts)
  // shows the preview; step 2 (the previewed bytes, base64) saves.
  router.post('/admin/projects/:projectId/respondents/import', ...admin, async (req, res) => {
    const projectId = Number(req.params.projectId);
    const body = (req.body ?? {}) as { csv?: string; content?: string; contentHash?: string; step?: string };
    if (body.step === 'confirm' && body.content) {
      const bytes = Buffer.from(body.content, 'base64');
      if (createHash('sha256').update(bytes).digest('hex') !== body.contentHash) throw new BadRequestError('The file changed after the preview; upload it again.');
      try {
        const result = await imports.apply(req, projectId, bytes);
        return res.redirect(303, `${base(projectId)}?imported=${result.counts.new + result.counts.update}`);
      } catch (error) {
        if (error instanceof AppError && error.code === 'import_invalid') return renderImport(res, 400, projectId, { result: error.details as ImportResult, content: body.content });
        throw error;
      }
    }
    const bytes = req.file?.buffer ?? (body.csv ? Buffer.from(body.csv, 'utf8') : undefined);
    if (!bytes || bytes.length === 0) return renderImport(res, 400, projectId, { error: 'Vælg en CSV-fil, eller indsæt indholdet i tekstfeltet.' });
    const result = await imports.preview(projectId, bytes);
    return renderImport(res, result.ok ? 200 : 400, projectId, { result, content: bytes.toString('base64') });
  });

  const renderEdit = async (res: Response, status: number, projectId: number, respondentId: number, values?: Record<string, unknown>, errors: FieldErrors = {}) => {
    const project = await projects.get(projectId);
    const respondent = publicRespondent(await respondents.get(projectId, respondentId));
    const groups = await deps.dataSource.getRepository(ProjectGroup).find({ where: { projectId } });
    res.status(status).render('admin/respondents/edit', {
      title: `Redigér ${respondent.name ?? 'sagsbehandler'}`, nav: 'projects', project, respondent, groups, errors, breadcrumbs: [...crumbs(project), { href: base(projectId), label: 'Sagsbehandlere' }],
      values: values ?? { ...respondent, groupName: respondent.group ?? '', externalId: respondent.externalId ?? '', language: respondent.language ?? '' },
    });
  };

  router.get('/admin/projects/:projectId/respondents/:respondentId/edit', ...adminOne, (req, res) => renderEdit(res, 200, Number(req.params.projectId), Number(req.params.respondentId)));

  router.post('/admin/projects/:projectId/respondents/:respondentId', ...adminOne, async (req: Request, res: Response) => {
    const projectId = Number(req.params.projectId);
    const respondentId = Number(req.params.respondentId);
    const result = validateForm<RespondentForm>(respondentFormSchema, req.body);
    if (!result.ok) return renderEdit(res, 400, projectId, respondentId, req.body, result.errors);
    const { _csrf: _token, ...form } = result.value as RespondentForm & { _csrf?: string };
    const groups = await deps.dataSource.getRepository(ProjectGroup).find({ where: { projectId } });
    if (groups.length > 0 && !groups.some((g) => g.name === form.groupName)) return renderEdit(res, 400, projectId, respondentId, req.body, { groupName: 'Vælg en af projektets grupper.' });
    try {
      await respondents.update(req, projectId, respondentId, { ...form, team: form.team || null, groupName: form.groupName || null, externalId: form.externalId || null, language: form.language || null });
    } catch (error) {
      if (error instanceof AppError && error.code === 'respondent_duplicate') return renderEdit(res, 409, projectId, respondentId, req.body, { email: 'En anden sagsbehandler i projektet har denne e-mail eller dette eksterne id.' });
      // A value that is blank once normalised, or a group the project does not have: shown beside its field.
      if (error instanceof AppError && (error.code === 'blank_value' || error.code === 'unknown_group')) {
        const message = error.code === 'unknown_group' ? 'Vælg en af projektets grupper.' : 'Skal udfyldes; mellemrum alene tæller ikke.';
        return renderEdit(res, 400, projectId, respondentId, req.body, Object.fromEntries((error.details as { field: string }[]).map((d) => [d.field.replace(/^body\./, ''), message])));
      }
      throw error;
    }
    return res.redirect(303, base(projectId));
  });

  for (const action of ['deactivate', 'reactivate', 'erase'] as const) {
    router.post(`/admin/projects/:projectId/respondents/:respondentId/${action}`, ...adminOne, async (req, res) => {
      const projectId = Number(req.params.projectId);
      const respondentId = Number(req.params.respondentId);
      if (action === 'erase') await respondents.erase(req, projectId, respondentId);
      else await respondents.update(req, projectId, respondentId, { active: action === 'reactivate' });
      res.redirect(303, base(projectId));
    });
  }

  router.get('/api/projects/:projectId/respondents', ...admin, validateRequest({ query: respondentFilterSchema }), async (req, res) => {
    res.json({ respondents: (await respondents.list(Number(req.params.projectId), req.query as RespondentFilter)).map(publicRespondent) });
  });

  router.post('/api/projects/:projectId/respondents/import', ...admin, validateRequest({ query: importQuerySchema }), rawCsv, async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new BadRequestError('Send the CSV file as the request body with Content-Type: text/csv.');
    const projectId = Number(req.params.projectId);
    const result = req.query.dryRun === 'false' ? await imports.apply(req, projectId, req.body) : await imports.preview(projectId, req.body);
    res.status(result.applied ? 201 : 200).json(result);
  });

  router.patch('/api/projects/:projectId/respondents/:respondentId', ...adminOne, validateRequest({ body: respondentPatchSchema }), async (req, res) => {
    const updated = await respondents.update(req, Number(req.params.projectId), Number(req.params.respondentId), req.body as RespondentChanges & { active?: boolean });
    res.json({ respondent: publicRespondent(updated) });
  });

  router.post('/api/projects/:projectId/respondents/:respondentId/erase', ...adminOne, async (req, res) => {
    res.json({ respondent: publicRespondent(await respondents.erase(req, Number(req.params.projectId), Number(req.params.respondentId))) });
  });

  return router;
}
