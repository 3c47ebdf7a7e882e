import { Router, type Request, type Response } from 'express';
import { IsNull } from 'typeorm';
import { ApiToken } from '../db/entities/index.js';
import { recordAudit } from '../audit/auditLog.js';
import { NotFoundError } from '../shared/errors.js';
import { validateForm } from '../shared/formValidation.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { generateApiToken, hashApiToken } from './apiTokens.js';
import { requireUser } from './authorize.js';
import { createApiTokenSchema, idParamsSchema } from './userSchemas.js';

const tokenParams = idParamsSchema('tokenId');

function publicToken(token: ApiToken) {
  return { id: token.id, name: token.name, createdAt: token.createdAt.toISOString(), lastUsedAt: token.lastUsedAt?.toISOString() ?? null };
}

/** Every signed-in user manages their own API tokens (an API token has its owner's rights). */
export function apiTokenRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const tokens = () => deps.dataSource.getRepository(ApiToken);
  const ownTokens = (userId: number) => tokens().find({ where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });

  async function issue(req: Request, name: string): Promise<{ token: ApiToken; secret: string }> {
    const secret = generateApiToken();
    return deps.dataSource.transaction(async (manager) => {
      const token = await manager.getRepository(ApiToken).save({ userId: req.user!.id, name, tokenHash: hashApiToken(secret), credentialsVersion: req.user!.credentialsVersion, lastUsedAt: null, revokedAt: null });
      await recordAudit(manager, req, { action: 'api_token.create', objectType: 'api_token', objectId: token.id, details: { name } }, deps.clock());
      return { token, secret };
    });
  }

  async function revoke(req: Request, tokenId: number): Promise<void> {
    const token = await tokens().findOne({ where: { id: tokenId, userId: req.user!.id, revokedAt: IsNull() } });
    if (!token) throw new NotFoundError('No such API token.');
    await deps.dataSource.transaction(async (manager) => {
      await manager.getRepository(ApiToken).update(token.id, { revokedAt: deps.clock() });
      await recordAudit(manager, req, { action: 'api_token.revoke', objectType: 'api_token', objectId: token.id }, deps.clock());
    });
  }

  const renderPage = async (req: Request, res: Response, status: number, extra: object = {}) =>
    res.status(status).render('admin/tokens/list', { title: 'API-nøgler', nav: 'tokens', tokens: (await ownTokens(req.user!.id)).map(publicToken), errors: {}, ...extra });

  router.get('/admin/tokens', requireUser(), (req, res) => renderPage(req, res, 200));

  router.post('/admin/tokens', requireUser(), async (req, res) => {
    const result = validateForm<{ name: string }>(createApiTokenSchema, req.body);
    if (!result.ok) return renderPage(req, res, 400, { errors: result.errors });
    const { secret } = await issue(req, result.value.name);
    return renderPage(req, res, 201, { issuedSecret: secret });
  });

  router.post('/admin/tokens/:tokenId/revoke', requireUser(), validateRequest({ params: tokenParams }), async (req, res) => {
    await revoke(req, Number(req.params.tokenId));
    res.redirect(303, '/admin/tokens');
  });

  router.get('/api/tokens', requireUser(), async (req, res) => {
    res.json({ tokens: (await ownTokens(req.user!.id)).map(publicToken) });
  });

  router.post('/api/tokens', requireUser(), validateRequest({ body: createApiTokenSchema }), async (req, res) => {
    const { token, secret } = await issue(req, (req.body as { name: string }).name);
    res.status(201).json({ token: publicToken(token), secret });
  });

  router.delete('/api/tokens/:tokenId', requireUser(), validateRequest({ params: tokenParams }), async (req, res) => {
    await revoke(req, Number(req.params.tokenId));
    res.status(204).end();
  });

  return router;
}
