import type { Request } from 'express';
import type { UserAccount } from '../db/entities/index.js';
import { csrfTokenFor } from './csrf.js';
import './types.js';

export interface SignInDetails {
  method: 'password' | 'oidc';
  /** Only the two-factor set-up is open until it is done (twoFactor/requireEnrolment.ts). */
  twoFactorSetupRequired?: boolean;
  oidcIdToken?: string;
}

/**
 * Bind the browser to the account under a new session id (a session id planted before login is
 * worthless after it), remembering the account's credentials version: once that rises (reset,
 * password change, deactivation, role change) the session no longer authenticates.
 */
export function signInSession(req: Request, account: Pick<UserAccount, 'id' | 'credentialsVersion'>, details: SignInDetails = { method: 'password' }): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => {
    if (error) return reject(error);
    req.session.userId = account.id;
    req.session.credentialsVersion = account.credentialsVersion;
    req.session.signInMethod = details.method;
    if (details.twoFactorSetupRequired) req.session.twoFactorSetupRequired = true;
    if (details.oidcIdToken) req.session.oidcIdToken = details.oidcIdToken;
    csrfTokenFor(req, true);
    req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
  }));
}

/** Keep data in the session under a new id (nobody signed in yet): the pending sign-in steps. */
export function regenerateWith(req: Request, fill: (session: Request['session']) => void): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => {
    if (error) return reject(error);
    fill(req.session);
    csrfTokenFor(req, true);
    req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
  }));
}
