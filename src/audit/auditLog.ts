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
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    ip: req?.ip ?? null,
    createdAt: now,
  });
}
