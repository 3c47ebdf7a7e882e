import type { Request } from 'express';
import type { UserAccount } from '../db/entities/index.js';
import { csrfTokenFor } from './csrf.js';
import './types.js';

/**
 * Bind the browser to the account under a new session id (a session id planted before login is
 * worthless after it), remembering the account's credentials version: once that rises (reset,
 * password change, deactivation, role change) the session no longer authenticates.
 */
export function signInSession(req: Request, account: Pick<UserAccount, 'id' | 'credentialsVersion'>): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => {
    if (error) return reject(error);
    req.session.userId = account.id;
    req.session.credentialsVersion = account.credentialsVersion;
    csrfTokenFor(req, true);
    req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
  }));
}
