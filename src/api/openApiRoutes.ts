import { Router } from 'express';
import { openApiDocument } from './openApiDocument.js';

export function openApiRoutes(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get('/api/openapi.json', (_req, res) => res.json(document));
  return router;
}
