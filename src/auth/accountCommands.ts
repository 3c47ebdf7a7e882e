import type { DataSource } from 'typeorm';
import { UserAccount } from '../db/entities/index.js';
import { recordAudit } from '../audit/auditLog.js';
import { resetLogin } from './accountActions.js';
import { createAccount, normaliseEmail } from './accountService.js';
import { turnOffTwoFactor } from './twoFactor/twoFactorService.js';

/** Where a command writes: the terminal in the CLI, a buffer in tests. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** `npm run cli -- create-admin <email>`: an administrator with a one-time set-up link. */
export async function createAdminCommand(dataSource: DataSource, publicUrl: string, email: string, name: string, output: CommandOutput, now = new Date()): Promise<number> {
  const issued = await dataSource.transaction(async (manager) => {
    const created = await createAccount(manager, { email, name, role: 'admin' }, now);
    await recordAudit(manager, null, { action: 'user.create', objectType: 'user', objectId: created.account.id, details: { email: created.account.email, role: 'admin', via: 'cli' } }, now);
    return created;
  });
  output.out(`Administrator ${issued.account.email} created.\nOpen this one-time link to choose a password (valid until ${issued.expiresAt.toISOString()}):\n  ${publicUrl}/setup/${issued.setupToken}\n`);
  return 0;
}

/**
 * `npm run cli -- reset-login <email>`: a new set-up link; the old password, every session and
 * every API token of the person stop working (the same as the button under Brugere).
 */
export async function resetLoginCommand(dataSource: DataSource, publicUrl: string, email: string, output: CommandOutput, now = new Date()): Promise<number> {
  const account = await dataSource.getRepository(UserAccount).findOne({ where: { email: normaliseEmail(email) } });
  if (!account) {
    output.err(`No account for ${email}.\n`);
    return 1;
  }
  const issued = await resetLogin(dataSource, account.id, null, now, { via: 'cli' });
  output.out(`Signed ${account.email} out everywhere (${issued.revoked.sessions} session(s) ended, ${issued.revoked.tokens} API token(s) revoked).\n`
    + `New set-up link (valid until ${issued.expiresAt.toISOString()}):\n  ${publicUrl}/setup/${issued.setupToken}\n`);
  return 0;
}

/**
 * `npm run cli -- reset-two-factor <email>`: turn off someone's two-factor (lost phone and recovery
 * codes) from the server, for when no other admin can do it under Brugere.
 */
export async function resetTwoFactorCommand(dataSource: DataSource, email: string, output: CommandOutput, now = new Date()): Promise<number> {
  const account = await dataSource.getRepository(UserAccount).findOne({ where: { email: normaliseEmail(email) } });
  if (!account) {
    output.err(`No account for ${email}.\n`);
    return 1;
  }
  await turnOffTwoFactor({ dataSource, clock: () => now }, account.id, null, 'reset');
  output.out(`Two-factor turned off for ${account.email}; they sign in with their password and can set it up again.\n`);
  return 0;
}
