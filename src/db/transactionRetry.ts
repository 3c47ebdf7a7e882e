import type { DataSource } from 'typeorm';

/** A transaction is tried this many times in all before its lock conflict reaches the caller. */
export const TRANSACTION_ATTEMPTS = 6;
const BASE_DELAY_MS = 20;

/**
 * True when the database gave up a transaction over locks, not over its content: InnoDB's
 * deadlock victim (1213, already rolled back) and lock wait timeout (1205), SQLite's busy file.
 * On a Galera cluster a transaction that conflicts with one committed on another node fails its
 * certification, at COMMIT or at any statement once the other node's write is applied, with the
 * same 1213; a node that has left the cluster's primary component answers 1047 "WSREP has not yet
 * prepared node for application use" until it rejoins. Running the whole transaction again is the
 * documented answer to each.
 */
export function isLockConflict(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; errno?: number; message?: string } } | undefined)?.driverError ?? (error as { code?: string; errno?: number; message?: string } | undefined);
  const code = driverError?.code ?? '';
  return driverError?.errno === 1213 || driverError?.errno === 1205 || code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code.startsWith('SQLITE_BUSY')
    || (driverError?.errno === 1047 && /WSREP/.test(driverError.message ?? ''));
}

/** Full jitter: transactions that collided once do not collide again in step. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * BASE_DELAY_MS * 2 ** attempt));

/** Run `work` (one whole transaction) again after a lock conflict, a bounded number of times. */
export async function retryOnLockConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isLockConflict(error)) throw error;
      await backoff(attempt);
    }
  }
}

/** The manager's writes that open a transaction of their own (save, remove) or are one statement. */
const SELF_CONTAINED_WRITES = ['save', 'remove', 'insert', 'update', 'upsert', 'delete', 'increment', 'decrement'] as const;

/**
 * Every `dataSource.transaction(…)` (it calls the manager's) runs again, whole, when the database
 * chose it as a deadlock victim, it waited too long for a lock or a cluster's certification
 * refused it: two admins creating projects at once must both succeed. So a transaction's
 * callback may run more than once: it keeps its effects in the database (which the failed
 * attempt rolled back) and returns what it made. The same holds for the writes a repository makes
 * outside a transaction (`getRepository(X).save(…)` and the like, through the same manager):
 * `save` wraps itself in BEGIN … COMMIT, which Galera's own retry of single statements
 * (wsrep_retry_autocommit) does not cover. Writes inside a transaction use the transaction's own
 * manager and are retried with it, as a whole.
 */
export function retryTransactionsOnLockConflict(dataSource: DataSource): void {
  const manager = dataSource.manager as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['transaction', ...SELF_CONTAINED_WRITES]) {
    const original = manager[name]!.bind(manager);
    manager[name] = (...args: unknown[]) => retryOnLockConflict(() => original(...args));
  }
}
