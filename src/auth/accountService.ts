import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { UserAccount } from '../db/entities/index.js';
import type { UserRole } from '../db/entities/UserAccount.js';
import { ConflictError } from '../shared/errors.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';

const SETUP_LINK_TTL_MS = 72 * 3600 * 1000;

export function hashSetupToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface IssuedSetupLink {
  account: UserAccount;
  /** Shown once (printed by the CLI, shown to the admin); only its hash is stored. */
  setupToken: string;
  expiresAt: Date;
}

/** Accounts are created without a password: the person chooses one through a one-time set-up link. */
export async function createAccount(db: DataSource | EntityManager, input: { email: string; name: string; role: UserRole }, now: Date): Promise<IssuedSetupLink> {
  const email = normaliseEmail(input.email);
  const accounts = db.getRepository(UserAccount);
  if (await accounts.exists({ where: { email } })) throw new ConflictError(`An account for ${email} already exists.`, 'account_exists');
  const setupToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  const account = await accounts.save({
    email, name: input.name.trim(), role: input.role, passwordHash: null,
    setupTokenHash: hashSetupToken(setupToken), setupExpiresAt: expiresAt, active: true, lastLoginAt: null,
  });
  return { account, setupToken, expiresAt };
}

/** A new set-up link for an existing account (forgotten password); the old password stops working. */
export async function reissueSetupLink(db: DataSource | EntityManager, account: UserAccount, now: Date): Promise<IssuedSetupLink> {
  const setupToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  await db.getRepository(UserAccount).update(account.id, { setupTokenHash: hashSetupToken(setupToken), setupExpiresAt: expiresAt, passwordHash: null });
  return { account, setupToken, expiresAt };
}

export async function findAccountBySetupToken(db: DataSource, token: string, now: Date): Promise<UserAccount | undefined> {
  const account = await db.getRepository(UserAccount).findOne({ where: { setupTokenHash: hashSetupToken(token), active: true } });
  return account && account.setupExpiresAt && account.setupExpiresAt.getTime() > now.getTime() ? account : undefined;
}

/** Sets the password (its hash: hashed before the transaction), unless the link was replaced or the account changed since it was read (then false). */
export async function completeSetup(db: DataSource | EntityManager, account: UserAccount, passwordHash: string): Promise<boolean> {
  const done = await db.getRepository(UserAccount).update({ id: account.id, setupTokenHash: account.setupTokenHash ?? '', credentialsVersion: account.credentialsVersion, active: true }, { passwordHash, setupTokenHash: null, setupExpiresAt: null });
  return Boolean(done.affected);
}

/**
 * The account for these credentials, or undefined. Unknown emails cost the same scrypt work as
 * wrong passwords, so response times do not tell which emails have accounts.
 */
export async function verifyCredentials(db: DataSource, email: string, password: string): Promise<UserAccount | undefined> {
  const account = await db.getRepository(UserAccount).findOne({ where: { email: normaliseEmail(email), active: true } });
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash()));
  return ok && account?.passwordHash ? account : undefined;
}
