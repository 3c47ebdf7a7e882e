import { Router, type Response } from 'express';
import type { Language } from '../questionnaires/types.js';
import { validateRequest } from '../shared/validateRequest.js';
import { submissionRateLimit } from './submissionRateLimit.js';
import type { DraftService } from './draftService.js';
import { draftBodySchema, submissionBodySchema, tokenParamsSchema } from './requestSchemas.js';
import type { SubmissionService } from './submissionService.js';
import type { Answers, FormValues } from './types.js';

interface ResponseApiDeps {
  submissionsPerMinute: number;
  submissions: SubmissionService;
  drafts: DraftService;
}

export function responseApiRoutes(deps: ResponseApiDeps): Router {
  const router = Router();
  const limit = submissionRateLimit(deps.submissionsPerMinute);

  router.post('/api/responses/:token', limit, validateRequest({ params: tokenParamsSchema, body: submissionBodySchema }), async (req, res) => {
    const token = req.params.token as string;
    const body = req.body as { language?: Language; answers: Answers };
    const result = await deps.submissions.submit(token, body.answers, { language: body.language });
    sendJson(res, 201, { responseId: result.responseId, submittedAt: result.submittedAt.toISOString(), answerCount: result.answerCount });
  });

  router.put('/api/drafts/:token', limit, validateRequest({ params: tokenParamsSchema, body: draftBodySchema }), async (req, res) => {
    const token = req.params.token as string;
    const body = req.body as { language?: Language; values: FormValues };
    const saved = await deps.drafts.save(token, body.values, body.language);
    sendJson(res, 200, { savedAt: saved.updatedAt.toISOString(), fields: Object.keys(saved.values).length });
  });

  return router;
}

/**
 * A JSON answer without res.json's ETag: the answer to a write is never asked for again with
 * If-None-Match, and hashing it showed in the submission's profile.
 */
function sendJson(res: Response, status: number, body: object): void {
  res.status(status).type('json').end(JSON.stringify(body));
}
