import type { DataSource, EntityManager } from 'typeorm';
import { UserAccount } from '../db/entities/index.js';
import type { UserRole } from '../db/entities/UserAccount.js';
import { recordAudit } from '../audit/auditLog.js';
import { AppError, NotFoundError } from '../shared/errors.js';
import { reissueSetupLink, type IssuedSetupLink } from './accountService.js';
import { revokeCredentials, type Actor, type RevocationReason, type Revoked } from './credentialRevocation.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

/** An account after a change that ended its access, and what was ended. */
export interface AccountChange {
  account: UserAccount;
  revoked: Revoked;
}

async function accountOf(manager: EntityManager, userId: number): Promise<UserAccount> {
  const account = await manager.getRepository(UserAccount).findOne({ where: { id: userId } });
  if (!account) throw new NotFoundError('No such user.', 'user_not_found');
  return account;
}

const reload = (manager: EntityManager, userId: number) => manager.getRepository(UserAccount).findOneByOrFail({ id: userId });

/**
 * Each action below is one transaction: the change, the end of every session and API token of the
 * person (revokeCredentials), and the audit entries commit together or not at all.
 */

/** A new set-up link (forgotten password, or a suspected break-in): the old password, sessions and tokens stop working. */
export async function resetLogin(dataSource: DataSource, userId: number, actor: Actor, now: Date, details?: object): Promise<IssuedSetupLink & { revoked: Revoked }> {
  return dataSource.transaction(async (manager) => {
    const issued = await reissueSetupLink(manager, await accountOf(manager, userId), now);
    const revoked = await revokeCredentials(manager, userId, ['reset_login'], actor, now);
    await recordAudit(manager, actor, { action: 'user.reset_login', objectType: 'user', objectId: userId, details }, now);
    return { ...issued, account: await reload(manager, userId), revoked };
  });
}

/**
 * Pejling must keep an active admin: without one nobody can add users, and only the command line
 * could bring one back. Deactivating or demoting the last one (in practice: oneself) is refused.
 */
async function keepOneAdmin(manager: EntityManager, account: UserAccount, changes: { active?: boolean; role?: UserRole }): Promise<void> {
  const removesAnAdmin = account.role === 'admin' && account.active && (changes.active === false || changes.role === 'lead');
  if (!removesAnAdmin) return;
  const activeAdmins = await manager.getRepository(UserAccount).countBy({ role: 'admin', active: true });
  if (activeAdmins <= 1) {
    throw new AppError(409, 'last_admin', 'Pejling skal have mindst én aktiv administrator: opret eller genaktivér en anden administrator først. (The last active admin cannot be deactivated or made a lead.)');
  }
}

/**
 * A new active state and/or role, in one transaction. Deactivation ends the person's access and
 * voids an unused set-up link. Reactivation lets them sign in again and ends anything older than
 * it too: sessions or tokens made before credentials versions existed must not come back with the
 * account. A new role changes what the person may do, so they sign in again. The state or role
 * the account already has is no change at all.
 */
export async function updateAccount(dataSource: DataSource, userId: number, changes: { active?: boolean; role?: UserRole }, actor: Actor, now: Date): Promise<AccountChange> {
  return dataSource.transaction(async (manager) => {
    const account = await accountOf(manager, userId);
    await keepOneAdmin(manager, account, changes);
    const reasons: RevocationReason[] = [];
    if (changes.active !== undefined && changes.active !== account.active) {
      const active = changes.active;
      await manager.getRepository(UserAccount).update(userId, active ? { active } : { active, setupTokenHash: null, setupExpiresAt: null });
      await recordAudit(manager, actor, { action: active ? 'user.reactivate' : 'user.deactivate', objectType: 'user', objectId: userId }, now);
      reasons.push(active ? 'reactivate' : 'deactivate');
    }
    if (changes.role !== undefined && changes.role !== account.role) {
      await manager.getRepository(UserAccount).update(userId, { role: changes.role });
      await recordAudit(manager, actor, { action: 'user.role_change', objectType: 'user', objectId: userId, details: { from: account.role, to: changes.role } }, now);
      reasons.push('role_change');
    }
    const revoked = reasons.length ? await revokeCredentials(manager, userId, reasons, actor, now) : { sessions: 0, tokens: 0 };
    return { account: await reload(manager, userId), revoked };
  });
}

/**
 * A person changes their own password, proving the current one. Every session and token of theirs
 * ends, the one making the change included; the caller gives the browser a fresh session under the
 * returned account's new credentials version.
 */
export async function changeOwnPassword(dataSource: DataSource, userId: number, passwords: { current: string; next: string }, actor: Actor, now: Date): Promise<AccountChange> {
  const account = await dataSource.getRepository(UserAccount).findOne({ where: { id: userId, active: true } });
  if (!account?.passwordHash || !(await verifyPassword(passwords.current, account.passwordHash))) {
    throw new AppError(400, 'wrong_password', 'Den nuværende adgangskode er forkert. (The current password is wrong.)', [{ field: 'body.currentPassword', message: 'is wrong' }]);
  }
  const problem = passwordProblem(passwords.next);
  if (problem) throw new AppError(400, 'weak_password', problem, [{ field: 'body.newPassword', message: problem }]);
  const passwordHash = await hashPassword(passwords.next);
  return dataSource.transaction(async (manager) => {
    // Only if nothing changed the account meanwhile (a reset, a deactivation): then the old password no longer counts.
    const changed = await manager.getRepository(UserAccount).update({ id: userId, active: true, credentialsVersion: account.credentialsVersion }, { passwordHash, setupTokenHash: null, setupExpiresAt: null });
    if (!changed.affected) throw new AppError(409, 'account_changed', 'Kontoen blev ændret imens; log ind igen. (The account changed meanwhile; sign in again.)');
    const revoked = await revokeCredentials(manager, userId, ['password_change'], actor, now);
    await recordAudit(manager, actor, { action: 'user.password_change', objectType: 'user', objectId: userId }, now);
    return { account: await reload(manager, userId), revoked };
  });
}
