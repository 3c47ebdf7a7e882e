import type { Request } from 'express';
import { UserAccount } from '../db/entities/index.js';
import { recordAudit } from '../audit/auditLog.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { toUser } from './authenticate.js';
import { signInSession } from './signInSession.js';
import type { SecondFactor } from './twoFactor/twoFactorService.js';

export const TWO_FACTOR_SETUP_PATH = '/admin/account/two-factor';

/** An admin who must have a second factor (TWO_FACTOR_REQUIRED_FOR_ADMINS) but has none yet. */
export function needsTwoFactorSetup(deps: Pick<ServiceDeps, 'config'>, account: Pick<UserAccount, 'role' | 'totpEnabledAt'>): boolean {
  return deps.config.twoFactorRequiredForAdmins && account.role === 'admin' && !account.totpEnabledAt;
}

/**
 * The end of a password sign-in (after the second factor, where the account has one): a new
 * session, the time, and the audit entry. Returns where to go: the set-up of a second factor
 * first, for an admin who must have one.
 */
export async function completePasswordSignIn(deps: ServiceDeps, req: Request, account: UserAccount, next: string, secondFactor?: SecondFactor): Promise<string> {
  const setupRequired = needsTwoFactorSetup(deps, account);
  await signInSession(req, account, { method: 'password', twoFactorSetupRequired: setupRequired });
  const now = deps.clock();
  await deps.dataSource.transaction(async (manager) => {
    await manager.getRepository(UserAccount).update(account.id, { lastLoginAt: now });
    await recordAudit(manager, { user: toUser(account, 'session'), ip: req.ip }, { action: 'auth.login', objectType: 'user', objectId: account.id, details: { method: 'password', secondFactor: secondFactor ?? null } }, now);
  });
  return setupRequired ? TWO_FACTOR_SETUP_PATH : next;
}
