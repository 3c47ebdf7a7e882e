import type { DataSource } from 'typeorm';
import { JobLease } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';

/**
 * Take (or renew) the named lease until `now + ttlMs`. One conditional UPDATE decides between
 * instances; the row is created on first use. The lease only saves work: correctness comes from
 * the per-invitation claims, so a lost lease never causes a double send.
 */
export async function acquireLease(dataSource: DataSource, name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  try {
    await dataSource.getRepository(JobLease).insert({ name, holder, expiresAt });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const result = await dataSource.createQueryBuilder().update(JobLease).set({ holder, expiresAt })
    .where('name = :name AND (expires_at < :now OR holder = :holder)', { name, now, holder }).execute();
  return result.affected === 1;
}

export async function releaseLease(dataSource: DataSource, name: string, holder: string): Promise<void> {
  await dataSource.getRepository(JobLease).delete({ name, holder });
}
