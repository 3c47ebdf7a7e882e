import { Router } from 'express';
import { NotFoundError } from '../shared/errors.js';
import { validateRequest } from '../shared/validateRequest.js';
import { answerableItems } from './answerableItems.js';
import type { QuestionnaireCatalog } from './questionnaireCatalog.js';

export const questionnaireParamsSchema = {
  $id: 'https://pejling.dk/schemas/questionnaire-params.json',
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' } },
  required: ['id'],
} as const;

export const questionnaireQuerySchema = {
  $id: 'https://pejling.dk/schemas/questionnaire-query.json',
  type: 'object',
  additionalProperties: false,
  properties: { revision: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } },
} as const;

export function questionnaireRoutes(catalog: QuestionnaireCatalog): Router {
  const router = Router();

  router.get('/api/questionnaires', (_req, res) => {
    res.json({
      questionnaires: catalog.latestAll().map((entry) => ({
        id: entry.questionnaire.id,
        version: entry.questionnaire.version,
        revision: entry.revision,
        title: entry.questionnaire.title,
        itemCount: answerableItems(entry.questionnaire).length,
      })),
    });
  });

  router.get('/api/questionnaires/:id', validateRequest({ params: questionnaireParamsSchema, query: questionnaireQuerySchema }), (req, res) => {
    const id = req.params.id as string;
    const revision = typeof req.query.revision === 'string' ? Number(req.query.revision) : undefined;
    const entry = revision === undefined ? catalog.latest(id) : catalog.revisions(id).find((candidate) => candidate.revision === revision);
    if (!entry) throw new NotFoundError(revision === undefined ? `No questionnaire with id "${id}".` : `Questionnaire "${id}" has no revision ${revision}.`, 'questionnaire_not_found');
    res.json({ revision: entry.revision, questionnaire: entry.questionnaire });
  });

  return router;
}
