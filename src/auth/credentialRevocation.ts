import type { Request } from 'express';
import { IsNull, type EntityManager } from 'typeorm';
import { ApiToken, UserAccount, WebSession } from '../db/entities/index.js';
import { recordAudit } from '../audit/auditLog.js';

/** Who asked: a signed-in request, or null for the command line (recorded as "system"). */
export type Actor = Pick<Request, 'user' | 'ip'> | null;

export type RevocationReason = 'reset_login' | 'password_change' | 'deactivate' | 'reactivate' | 'role_change';

export interface Revoked {
  sessions: number;
  tokens: number;
}

/**
 * End every session of a user and revoke every API token, inside the caller's transaction, and
 * write it to the audit log. Three layers, so it holds with several instances and against requests
 * in flight: the credentials version rises (authenticate refuses any session or token made under
 * an older one, so a session re-saved by a request that was already running, or a token created
 * by one, is dead too); the user's session rows are deleted; their tokens are marked revoked.
 * Nothing a later reactivation does brings any of them back.
 */
export async function revokeCredentials(manager: EntityManager, userId: number, reasons: RevocationReason[], actor: Actor, now: Date): Promise<Revoked> {
  await manager.getRepository(UserAccount).increment({ id: userId }, 'credentialsVersion', 1);
  const sessions = await manager.getRepository(WebSession).delete({ userId });
  const tokens = await manager.getRepository(ApiToken).update({ userId, revokedAt: IsNull() }, { revokedAt: now });
  const revoked = { sessions: sessions.affected ?? 0, tokens: tokens.affected ?? 0 };
  await recordAudit(manager, actor, { action: 'user.credentials_revoked', objectType: 'user', objectId: userId, details: { reasons, ...revoked } }, now);
  return revoked;
}
