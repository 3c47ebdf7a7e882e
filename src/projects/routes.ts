import { Router, type Request, type Response } from 'express';
import { readableProjectIds, requireAdmin, requireProjectAccess, requireUser } from '../auth/authorize.js';
import { DEFAULT_SELF_CODE_ELEMENTS, selfCodeFields, SELF_CODE_ELEMENTS } from '../rounds/selfGeneratedCode.js';
import { AppError } from '../shared/errors.js';
import { validateForm, type FieldErrors } from '../shared/formValidation.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { formValuesOf, projectFormValues, projectInputFromForm, type ProjectFormValues } from './projectForm.js';
import { projectInputSchema, projectParamsSchema, projectPatchSchema, type ProjectInput } from './projectSchemas.js';
import { ProjectService } from './projectService.js';

/** A business-rule error from the service, as field errors for the form. */
function fieldErrorsOf(error: unknown): FieldErrors | undefined {
  if (!(error instanceof AppError) || error.status !== 400 || !Array.isArray(error.details)) return undefined;
  return Object.fromEntries((error.details as { field: string; message: string }[]).map((d) => [d.field.replace(/^body\./, ''), d.message]));
}

export function projectRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const projects = new ProjectService(deps.dataSource, deps.clock);
  const access = requireProjectAccess(deps.dataSource);
  const params = validateRequest({ params: projectParamsSchema });

  const renderForm = (res: Response, status: number, locals: { project?: { id: number; name: string }; values: ProjectFormValues; errors?: FieldErrors }) =>
    res.status(status).render('admin/projects/form', { title: locals.project ? `Redigér ${locals.project.name}` : 'Nyt projekt', nav: 'projects', errors: {}, selfCodeChoices: selfCodeFields([...SELF_CODE_ELEMENTS], 'da'), ...locals });

  /** Validate the posted form like the API body and save it, or show it again with the errors. */
  async function saveFromForm(req: Request, res: Response, projectId?: number): Promise<void> {
    const values = projectFormValues(req.body);
    const project = projectId ? await projects.get(projectId) : undefined;
    const result = validateForm<ProjectInput>(projectInputSchema, projectInputFromForm(values));
    if (!result.ok) return void renderForm(res, 400, { project, values, errors: result.errors });
    try {
      const saved = projectId ? await projects.update(req, projectId, result.value) : await projects.create(req, result.value);
      res.redirect(303, `/admin/projects/${saved.id}`);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      renderForm(res, 400, { project, values, errors });
    }
  }

  // The admin area's front door: everyone signed in starts at their projects (the login page first if not).
  router.get('/admin', requireUser(), (_req, res) => res.redirect(303, '/admin/projects'));
  router.get('/admin/projects', requireUser(), async (req, res) => {
    res.render('admin/projects/list', { title: 'Projekter', nav: 'projects', projects: await projects.list(await readableProjectIds(deps.dataSource, req.user!)) });
  });
  router.get('/admin/projects/new', requireAdmin(), (_req, res) =>
    renderForm(res, 200, { values: { name: '', defaultLanguage: 'da', anonymityK: '5', groupIntervention: '', groupControl: '', units: '', leadEmails: '', reportableAttributes: ['municipality', 'team', 'group', 'role'], selfCodeElements: [...DEFAULT_SELF_CODE_ELEMENTS] } }));
  router.post('/admin/projects', requireAdmin(), (req, res) => saveFromForm(req, res));
  router.get('/admin/projects/:projectId', params, access, async (req, res) => {
    const project = await projects.get(Number(req.params.projectId));
    res.render('admin/projects/show', { title: project.name, nav: 'projects', project, breadcrumbs: [{ href: '/admin/projects', label: 'Projekter' }] });
  });
  router.get('/admin/projects/:projectId/edit', requireAdmin(), params, async (req, res) => {
    const project = await projects.get(Number(req.params.projectId));
    renderForm(res, 200, { project, values: formValuesOf(project) });
  });
  router.post('/admin/projects/:projectId', requireAdmin(), params, (req, res) => saveFromForm(req, res, Number(req.params.projectId)));

  router.get('/api/projects', requireUser(), async (req, res) => {
    res.json({ projects: await projects.list(await readableProjectIds(deps.dataSource, req.user!)) });
  });
  router.post('/api/projects', requireAdmin(), validateRequest({ body: projectInputSchema }), async (req, res) => {
    res.status(201).json({ project: await projects.create(req, req.body as ProjectInput) });
  });
  router.get('/api/projects/:projectId', params, access, async (req, res) => {
    res.json({ project: await projects.get(Number(req.params.projectId)) });
  });
  router.patch('/api/projects/:projectId', requireAdmin(), validateRequest({ params: projectParamsSchema, body: projectPatchSchema }), async (req, res) => {
    res.json({ project: await projects.update(req, Number(req.params.projectId), req.body as Partial<ProjectInput>) });
  });

  return router;
}
