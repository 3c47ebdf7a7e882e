import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../db/entities/index.js';
import '../auth/types.js';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  details?: unknown;
}

/** MEDIUMTEXT holds 16 MB, and a character takes up to 4 bytes in utf8mb4. */
export const MAX_DETAILS_CHARS = 4_000_000;
const SUMMARY_PREFIX_CHARS = 10_000;

/**
 * The details as stored: their JSON, or, beyond what the column holds (a form of control
 * characters escapes to six times its size), a summary with the start, length and a hash, so the
 * admin's action is still recorded instead of failing.
 */
export function auditDetailsText(details: unknown): string | null {
  if (details === undefined) return null;
  const json = JSON.stringify(details);
  if (json.length <= MAX_DETAILS_CHARS) return json;
  return JSON.stringify({ summarised: true, characters: json.length, sha256: createHash('sha256').update(json).digest('hex'), start: json.slice(0, SUMMARY_PREFIX_CHARS) });
}

/**
 * Record one admin action. Pass the transaction's manager so the entry commits (or rolls back)
 * with the change it describes.
 */
export async function recordAudit(db: DataSource | EntityManager, req: Pick<Request, 'user' | 'ip'> | null, entry: AuditEntry, now = new Date()): Promise<void> {
  await db.getRepository(AuditLog).insert({
    userId: req?.user?.id ?? null,
    actor: req?.user?.email ?? 'system',
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    details: auditDetailsText(entry.details),
    ip: req?.ip ?? null,
    createdAt: now,
  });
}
