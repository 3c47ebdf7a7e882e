import { createRequire } from 'node:module';
import { Router } from 'express';
import { requireAdmin } from '../auth/authorize.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { compareQuestionnaires } from '../analysis/questionnaireComparability.js';
import { questionnaireParamsSchema } from './routes.js';
import { previewSubmission } from './previewSubmission.js';
import { QuestionnaireService, withDanish } from './questionnaireService.js';
import { comparisonQuerySchema, previewBodySchema, questionnaireBodySchema, revisionParamsSchema, type PreviewBody } from './questionnaireSchemas.js';

const schemaFile = createRequire(import.meta.url)('./questionnaire.schema.json') as Record<string, unknown>;

/** Where editors (VS Code's `"$schema"`) find the questionnaire format on this server. */
export const questionnaireSchemaPath = '/schemas/questionnaire.schema.json';

/** The questionnaire format as served: its `$id` is the address it is served at. */
export function servedQuestionnaireSchema(publicUrl: string): Record<string, unknown> {
  return { ...schemaFile, $id: `${publicUrl}${questionnaireSchemaPath}` };
}

/** The admins' questionnaire API: create, revise, check, list revisions, test-submit, compare. */
export function questionnaireApiRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const questionnaires = new QuestionnaireService(deps.dataSource, deps.catalog, deps.clock);
  const params = validateRequest({ params: questionnaireParamsSchema });
  const asText = (body: unknown) => JSON.stringify(body);

  router.get(questionnaireSchemaPath, (_req, res) => {
    res.type('application/schema+json').json(servedQuestionnaireSchema(deps.config.publicUrl));
  });

  router.post('/api/questionnaires', requireAdmin(), validateRequest({ body: questionnaireBodySchema }), async (req, res) => {
    const { outcome, entry } = await questionnaires.save(req, asText(req.body));
    res.status(outcome === 'created' || outcome === 'revised' ? 201 : 200).json({ outcome, id: entry.questionnaire.id, revision: entry.revision });
  });

  router.put('/api/questionnaires/:id', requireAdmin(), validateRequest({ params: questionnaireParamsSchema, body: questionnaireBodySchema }), async (req, res) => {
    const { outcome, entry } = await questionnaires.save(req, asText(req.body), { revising: String(req.params.id) });
    res.status(outcome === 'created' || outcome === 'revised' ? 201 : 200).json({ outcome, id: entry.questionnaire.id, revision: entry.revision });
  });

  router.post('/api/questionnaires/:id/check', requireAdmin(), validateRequest({ params: questionnaireParamsSchema, body: questionnaireBodySchema }), (req, res) => {
    res.json({ problems: withDanish(questionnaires.check(asText(req.body), String(req.params.id))) });
  });

  router.get('/api/questionnaires/:id/revisions', requireAdmin(), params, async (req, res) => {
    res.json({ revisions: await questionnaires.revisions(String(req.params.id)) });
  });

  router.post('/api/questionnaires/:id/revisions/:revision/preview', requireAdmin(), validateRequest({ params: revisionParamsSchema, body: previewBodySchema }), (req, res) => {
    const entry = questionnaires.revision(String(req.params.id), Number(req.params.revision));
    const body = req.body as PreviewBody;
    res.json(previewSubmission(entry.questionnaire, body.answers, body.language ?? 'da'));
  });

  router.get('/api/questionnaires/:id/compare', requireAdmin(), validateRequest({ params: questionnaireParamsSchema, query: comparisonQuerySchema }), (req, res) => {
    const query = req.query as { with: string; revision?: string; withRevision?: string };
    const before = query.revision ? questionnaires.revision(String(req.params.id), Number(query.revision)) : questionnaires.revision(String(req.params.id), deps.catalog.latest(String(req.params.id))?.revision ?? 0);
    const after = query.withRevision ? questionnaires.revision(query.with, Number(query.withRevision)) : questionnaires.revision(query.with, deps.catalog.latest(query.with)?.revision ?? 0);
    res.json(compareQuestionnaires(before.questionnaire, after.questionnaire));
  });

  return router;
}
