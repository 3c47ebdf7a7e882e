import { Router } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { roundNotFound } from '../auth/projectScopedIds.js';
import { compareQuestionnaires } from '../analysis/questionnaireComparability.js';
import { Round } from '../db/entities/index.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { roundParamsSchema } from './roundSchemas.js';

export const roundComparabilityQuerySchema = {
  $id: 'https://pejling.dk/schemas/round-comparability-query.json',
  type: 'object',
  additionalProperties: false,
  required: ['with'],
  properties: { with: { type: 'string', pattern: '^[1-9][0-9]{0,9}$', description: 'The other round of the same project (the later one, usually END)' } },
} as const;

/** The comparability report of two rounds of one project: their pinned questionnaire revisions compared. */
export function roundComparabilityRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get('/api/projects/:projectId/rounds/:roundId/comparability', validateRequest({ params: roundParamsSchema }), requireProjectAccess(deps.dataSource), validateRequest({ query: roundComparabilityQuerySchema }), async (req, res) => {
    const projectId = Number(req.params.projectId);
    const rounds = deps.dataSource.getRepository(Round);
    const [first, second] = [await rounds.findOneBy({ id: Number(req.params.roundId), projectId }), await rounds.findOneBy({ id: Number(req.query.with), projectId })];
    if (!first || !second) throw roundNotFound();
    const [before, after] = [deps.catalog.byVersion(first.questionnaireVersionId)!, deps.catalog.byVersion(second.questionnaireVersionId)!];
    res.json({
      first: { roundId: first.id, label: first.label, questionnaireId: before.questionnaire.id, revision: before.revision },
      second: { roundId: second.id, label: second.label, questionnaireId: after.questionnaire.id, revision: after.revision },
      report: compareQuestionnaires(before.questionnaire, after.questionnaire),
    });
  });
  return router;
}
