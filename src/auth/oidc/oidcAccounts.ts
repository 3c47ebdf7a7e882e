import type { DataSource } from 'typeorm';
import { UserAccount } from '../../db/entities/index.js';
import type { UserRole } from '../../db/entities/UserAccount.js';
import { isUniqueViolation } from '../../db/uniqueViolation.js';
import { recordAudit } from '../../audit/auditLog.js';
import { AppError } from '../../shared/errors.js';
import { updateAccount } from '../accountActions.js';
import { normaliseEmail } from '../accountService.js';
import type { OidcConfig } from '../signInConfig.js';

export type OidcRefusal = 'no_email' | 'unknown_person' | 'deactivated';
export type OidcAccountOutcome = { account: UserAccount } | { refusal: OidcRefusal; email?: string };

type Claims = Record<string, unknown>;

/** A claim's values, whether the provider sends one string, a list, or a space-separated string. */
function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}

/** The role the provider gives, or undefined when no admin claim is configured (then Pejling's own role stands). */
export function roleFromClaims(oidc: OidcConfig, claims: Claims): UserRole | undefined {
  if (!oidc.adminClaim) return undefined;
  return claimValues(claims[oidc.adminClaim]).some((value) => oidc.adminValues.includes(value)) ? 'admin' : 'lead';
}

export function emailFromClaims(oidc: OidcConfig, claims: Claims): string | undefined {
  const value = claims[oidc.emailClaim];
  return typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(value) ? normaliseEmail(value) : undefined;
}

async function createFromClaims(dataSource: DataSource, oidc: OidcConfig, claims: Claims, email: string, role: UserRole, ip: string | undefined, now: Date): Promise<UserAccount> {
  const rawName = claims[oidc.nameClaim];
  const name = (typeof rawName === 'string' && rawName.trim() ? rawName.trim() : email).slice(0, 200);
  try {
    return await dataSource.transaction(async (manager) => {
      const account = await manager.getRepository(UserAccount).save({ email, name, role, passwordHash: null, setupTokenHash: null, setupExpiresAt: null, active: true, lastLoginAt: null });
      await recordAudit(manager, { user: undefined, ip }, { action: 'user.create', objectType: 'user', objectId: account.id, details: { email, role, via: 'oidc' } }, now);
      return account;
    });
  } catch (error) {
    // The same person's first sign-in in two tabs at once: the other request created the account.
    if (!isUniqueViolation(error)) throw error;
    return dataSource.getRepository(UserAccount).findOneByOrFail({ email });
  }
}

/**
 * The Pejling account of a person the provider has signed in: matched by email (any case), or,
 * when the installation allows it, created as a project lead without projects (an admin grants
 * access). A deactivated account is refused: the provider does not overrule Pejling. With an
 * admin claim configured the role follows it at each sign-in; a role change ends the person's
 * other sessions (accountActions.updateAccount), and the last active admin is never demoted.
 */
export async function accountForClaims(dataSource: DataSource, oidc: OidcConfig, claims: Claims, ip: string | undefined, now: Date): Promise<OidcAccountOutcome> {
  const email = emailFromClaims(oidc, claims);
  if (!email) return { refusal: 'no_email' };
  const role = roleFromClaims(oidc, claims);
  const existing = await dataSource.getRepository(UserAccount).findOne({ where: { email } });
  if (!existing) {
    if (oidc.unknownUsers === 'refuse') return { refusal: 'unknown_person', email };
    return { account: await createFromClaims(dataSource, oidc, claims, email, role ?? 'lead', ip, now) };
  }
  if (!existing.active) return { refusal: 'deactivated', email };
  if (!role || role === existing.role) return { account: existing };
  try {
    return { account: (await updateAccount(dataSource, existing.id, { role }, { user: undefined, ip }, now)).account };
  } catch (error) {
    if (error instanceof AppError && error.code === 'last_admin') return { account: existing };
    throw error;
  }
}
