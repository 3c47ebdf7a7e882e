import type { NextFunction, Request, Response } from 'express';
import { IsNull } from 'typeorm';
import { ApiToken, UserAccount } from '../db/entities/index.js';
import { AppError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { hashApiToken, looksLikeApiToken } from './apiTokens.js';
import type { AuthenticatedUser } from './types.js';

// Writing last_used_at on every call would turn each API read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

export function toUser(account: UserAccount, via: AuthenticatedUser['via']): AuthenticatedUser {
  return { id: account.id, email: account.email, name: account.name, role: account.role, via, credentialsVersion: account.credentialsVersion };
}

/**
 * Who is calling: a Bearer API token or the session cookie. Sets req.user and res.locals.user.
 * Both are checked against the account on every request, in the database, so a revocation made
 * through any instance holds at once everywhere: the account must be active and its credentials
 * version the one the session or token was made under.
 */
export function authenticate(deps: Pick<ServiceDeps, 'dataSource' | 'clock'>) {
  const users = () => deps.dataSource.getRepository(UserAccount);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization');
    if (header) {
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token || !looksLikeApiToken(token)) throw new AppError(401, 'invalid_token', 'The Authorization header must be "Bearer <API token>".');
      const apiToken = await deps.dataSource.getRepository(ApiToken).findOne({ where: { tokenHash: hashApiToken(token), revokedAt: IsNull() } });
      const account = apiToken ? await users().findOne({ where: { id: apiToken.userId, active: true, credentialsVersion: apiToken.credentialsVersion } }) : null;
      if (!apiToken || !account) throw new AppError(401, 'invalid_token', 'The API token is unknown or revoked.');
      const now = deps.clock();
      if (!apiToken.lastUsedAt || now.getTime() - apiToken.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await deps.dataSource.getRepository(ApiToken).update(apiToken.id, { lastUsedAt: now });
      }
      req.user = toUser(account, 'api-token');
    } else if (req.session?.userId) {
      const account = await users().findOne({ where: { id: req.session.userId, active: true, credentialsVersion: req.session.credentialsVersion ?? 0 } });
      if (account) req.user = toUser(account, 'session');
      else {
        delete req.session.userId;
        delete req.session.credentialsVersion;
      }
    }
    res.locals.user = req.user;
    next();
  };
}
