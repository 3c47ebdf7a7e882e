import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { TwoFactorRecoveryCode, UserAccount } from '../../db/entities/index.js';
import { recordAudit } from '../../audit/auditLog.js';
import { AppError, NotFoundError } from '../../shared/errors.js';
import { toUser } from '../authenticate.js';
import type { Actor } from '../credentialRevocation.js';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from './recoveryCodes.js';
import { openSecret, sealSecret } from './secretBox.js';
import { acceptedTimeStep, newTotpSecret } from './totp.js';

/** What the two-factor functions need from the installation. */
export interface TwoFactorDeps {
  dataSource: DataSource;
  secretKey: string;
  clock: () => Date;
}

export type SecondFactor = 'totp' | 'recovery_code';

async function accountOf(db: DataSource | EntityManager, userId: number): Promise<UserAccount> {
  const account = await db.getRepository(UserAccount).findOne({ where: { id: userId } });
  if (!account) throw new NotFoundError('No such user.', 'user_not_found');
  return account;
}

/**
 * The secret being set up (made on first ask, kept until confirmed or replaced), or undefined
 * when two-factor is already in force for the account.
 */
export async function pendingSecret(deps: TwoFactorDeps, userId: number): Promise<string | undefined> {
  const account = await accountOf(deps.dataSource, userId);
  if (account.totpEnabledAt) return undefined;
  if (account.totpSecret) return openSecret(deps.secretKey, account.totpSecret);
  const secret = newTotpSecret();
  // Only where still nothing is set: two tabs opening the page at once end up with the same secret.
  await deps.dataSource.getRepository(UserAccount).update({ id: userId, totpSecret: IsNull(), totpEnabledAt: IsNull() }, { totpSecret: sealSecret(deps.secretKey, secret) });
  const stored = await accountOf(deps.dataSource, userId);
  return stored.totpEnabledAt || !stored.totpSecret ? undefined : openSecret(deps.secretKey, stored.totpSecret);
}

async function storeRecoveryCodes(manager: EntityManager, userId: number, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await manager.getRepository(TwoFactorRecoveryCode).delete({ userId });
  await manager.getRepository(TwoFactorRecoveryCode).insert(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), usedAt: null, createdAt: now })));
  return codes;
}

/** A correct code from the app puts two-factor in force; returns the recovery codes, shown this once. */
export async function confirmSetup(deps: TwoFactorDeps, userId: number, code: string, actor: Actor): Promise<string[]> {
  const account = await accountOf(deps.dataSource, userId);
  if (account.totpEnabledAt) throw new AppError(409, 'two_factor_enabled', 'Totrinsbekræftelse er allerede slået til. (Two-factor is already on.)');
  if (!account.totpSecret) throw new AppError(409, 'two_factor_not_started', 'Start opsætningen først. (Start the set-up first.)');
  const now = deps.clock();
  const step = await acceptedTimeStep(openSecret(deps.secretKey, account.totpSecret), code, now, null);
  if (step === undefined) throw new AppError(400, 'wrong_code', 'Koden passer ikke. Skriv den kode, appen viser lige nu. (The code is wrong.)', [{ field: 'body.code', message: 'is wrong' }]);
  return deps.dataSource.transaction(async (manager) => {
    const enabled = await manager.getRepository(UserAccount).update({ id: userId, totpSecret: account.totpSecret!, totpEnabledAt: IsNull() }, { totpEnabledAt: now, totpLastStep: step });
    if (!enabled.affected) throw new AppError(409, 'account_changed', 'Opsætningen blev ændret imens; prøv igen. (The set-up changed meanwhile.)');
    const codes = await storeRecoveryCodes(manager, userId, now);
    await recordAudit(manager, actor, { action: 'user.two_factor_enable', objectType: 'user', objectId: userId }, now);
    return codes;
  });
}

/**
 * The second step of a password sign-in: a code from the app (each time step once) or an unused
 * recovery code (then used up). Undefined when neither fits. The check-and-mark is one
 * conditional update, so two requests with the same code cannot both pass.
 */
export async function verifySecondFactor(deps: TwoFactorDeps, userId: number, input: string, ip: string | undefined): Promise<SecondFactor | undefined> {
  const account = await accountOf(deps.dataSource, userId);
  if (!account.totpEnabledAt || !account.totpSecret) return undefined;
  const now = deps.clock();
  if (looksLikeRecoveryCode(input)) {
    return deps.dataSource.transaction(async (manager) => {
      const used = await manager.getRepository(TwoFactorRecoveryCode).update({ userId, codeHash: hashRecoveryCode(input), usedAt: IsNull() }, { usedAt: now });
      if (!used.affected) return undefined;
      const left = await manager.getRepository(TwoFactorRecoveryCode).countBy({ userId, usedAt: IsNull() });
      await recordAudit(manager, { user: toUser(account, 'session'), ip }, { action: 'user.recovery_code_used', objectType: 'user', objectId: userId, details: { left } }, now);
      return 'recovery_code' as const;
    });
  }
  const step = await acceptedTimeStep(openSecret(deps.secretKey, account.totpSecret), input, now, account.totpLastStep);
  if (step === undefined) return undefined;
  const repository = deps.dataSource.getRepository(UserAccount);
  const claimed = account.totpLastStep === null
    ? await repository.update({ id: userId, totpLastStep: IsNull() }, { totpLastStep: step })
    : await repository.update({ id: userId, totpLastStep: account.totpLastStep }, { totpLastStep: step });
  return claimed.affected ? 'totp' : undefined;
}

export async function unusedRecoveryCodes(dataSource: DataSource, userId: number): Promise<number> {
  return dataSource.getRepository(TwoFactorRecoveryCode).countBy({ userId, usedAt: IsNull() });
}

/** New recovery codes (the old ones stop working), shown once. */
export async function renewRecoveryCodes(deps: TwoFactorDeps, userId: number, actor: Actor): Promise<string[]> {
  const account = await accountOf(deps.dataSource, userId);
  if (!account.totpEnabledAt) throw new AppError(409, 'two_factor_off', 'Totrinsbekræftelse er ikke slået til. (Two-factor is off.)');
  const now = deps.clock();
  return deps.dataSource.transaction(async (manager) => {
    const codes = await storeRecoveryCodes(manager, userId, now);
    await recordAudit(manager, actor, { action: 'user.two_factor_recovery_codes_renew', objectType: 'user', objectId: userId }, now);
    return codes;
  });
}

/**
 * Two-factor off: by the person themselves, or by an admin for someone who lost their phone and
 * their recovery codes (`reset`). The secret and every recovery code go.
 */
export async function turnOffTwoFactor(deps: Pick<TwoFactorDeps, 'dataSource' | 'clock'>, userId: number, actor: Actor, how: 'disable' | 'reset'): Promise<void> {
  await accountOf(deps.dataSource, userId);
  const now = deps.clock();
  await deps.dataSource.transaction(async (manager) => {
    await manager.getRepository(UserAccount).update(userId, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    await manager.getRepository(TwoFactorRecoveryCode).delete({ userId });
    await recordAudit(manager, actor, { action: how === 'reset' ? 'user.two_factor_reset' : 'user.two_factor_disable', objectType: 'user', objectId: userId }, now);
  });
}
