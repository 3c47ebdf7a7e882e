import { Router, type Request, type Response } from 'express';
import { requireAdmin } from '../auth/authorize.js';
import type { FieldErrors } from '../shared/formValidation.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { MAIL_PLACEHOLDERS, NOTICE_PLACEHOLDERS } from './placeholders.js';
import { privacyNoticeOf } from './privacyNotice.js';
import { ProjectTextsService, type SampleMailOptions } from './projectTextsService.js';
import { textsFormErrors, textsFromForm } from './textsForm.js';
import { projectTextsSchema, testMailSchema, type ProjectTextsInput, type TestMailInput } from './textSchemas.js';

const pageQuerySchema = {
  $id: 'https://pejling.dk/schemas/project-texts-page-query.json',
  type: 'object',
  additionalProperties: false,
  properties: { saved: { const: '1' }, sent: { const: '1' } },
} as const;

/** Which sample the preview shows; anything else falls back to the Danish invitation. */
function previewOptions(body: Record<string, unknown>): SampleMailOptions {
  return { language: body.previewLanguage === 'en' ? 'en' : 'da', reminder: body.previewKind === 'reminder' };
}

/** The project's mail texts, contact and privacy notice: the admin page (/admin/projects/:id/mail-texts) and its JSON API. */
export function projectTextsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const service = new ProjectTextsService({ dataSource: deps.dataSource, catalog: deps.catalog, clock: deps.clock, publicUrl: deps.config.publicUrl, smtpConfigured: Boolean(deps.config.smtp) });
  const params = validateRequest({ params: projectParamsSchema });
  const projectIdOf = (req: Request) => Number(req.params.projectId);

  async function renderPage(req: Request, res: Response, status: number, texts: ProjectTextsInput, errors: FieldErrors, preview: SampleMailOptions, notice?: string): Promise<void> {
    const projectId = projectIdOf(req);
    const project = await service.project(projectId);
    // The preview is of the texts on the page; with errors in them there is nothing sound to show.
    const mail = Object.keys(errors).length === 0 ? await service.sampleMail(projectId, texts, preview) : undefined;
    res.status(status).render('admin/projects/texts', {
      title: `Mails og oplysninger: ${project.name}`, nav: 'projects', project, texts, errors, preview, mail, notice,
      privacy: Object.keys(errors).length === 0 ? privacyNoticeOf(texts, project, preview.language) : undefined,
      mailPlaceholders: MAIL_PLACEHOLDERS, noticePlaceholders: NOTICE_PLACEHOLDERS, adminEmail: req.user?.email, mailFrom: deps.config.mailFrom,
      breadcrumbs: [{ href: '/admin/projects', label: 'Projekter' }, { href: `/admin/projects/${projectId}`, label: project.name }],
    });
  }

  router.get('/admin/projects/:projectId/mail-texts', requireAdmin(), validateRequest({ params: projectParamsSchema, query: pageQuerySchema }), async (req, res) => {
    const notice = req.query.saved ? 'Teksterne er gemt.' : req.query.sent ? 'Testmailen er lagt i udbakken til din e-mailadresse.' : undefined;
    await renderPage(req, res, 200, await service.get(projectIdOf(req)), {}, { language: 'da', reminder: false }, notice);
  });

  router.post('/admin/projects/:projectId/mail-texts', requireAdmin(), params, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const texts = textsFromForm(body);
    const errors = textsFormErrors(texts);
    const preview = previewOptions(body);
    if (Object.keys(errors).length > 0) return renderPage(req, res, 400, texts, errors, preview);
    // "Vis forhåndsvisning" shows the texts as written without saving them.
    if (body.action === 'preview') return renderPage(req, res, 200, texts, errors, preview);
    await service.save(req, projectIdOf(req), texts);
    res.redirect(303, `/admin/projects/${projectIdOf(req)}/mail-texts?saved=1`);
  });

  router.post('/admin/projects/:projectId/mail-texts/test', requireAdmin(), validateRequest({ params: projectParamsSchema, body: testMailSchema }), async (req, res) => {
    const input = req.body as TestMailInput;
    await service.sendTestMail(req, projectIdOf(req), { language: input.language ?? 'da', reminder: input.kind === 'reminder' });
    res.redirect(303, `/admin/projects/${projectIdOf(req)}/mail-texts?sent=1`);
  });

  router.get('/api/projects/:projectId/mail-texts', requireAdmin(), params, async (req, res) => {
    res.json({ mailTexts: await service.get(projectIdOf(req)), placeholders: { mail: MAIL_PLACEHOLDERS, privacyNotice: NOTICE_PLACEHOLDERS } });
  });

  router.put('/api/projects/:projectId/mail-texts', requireAdmin(), validateRequest({ params: projectParamsSchema, body: projectTextsSchema }), async (req, res) => {
    res.json({ mailTexts: await service.save(req, projectIdOf(req), req.body as ProjectTextsInput) });
  });

  router.post('/api/projects/:projectId/mail-texts/test', requireAdmin(), validateRequest({ params: projectParamsSchema, body: testMailSchema }), async (req, res) => {
    const input = req.body as TestMailInput;
    res.status(202).json({ testMail: await service.sendTestMail(req, projectIdOf(req), { language: input.language ?? 'da', reminder: input.kind === 'reminder' }) });
  });

  return router;
}
