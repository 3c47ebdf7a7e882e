import type { DataSource } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM one connection, so two transactions that overlap in time (a
 * submission while the scheduler invites) fail with "cannot start a transaction within a
 * transaction". Queue them instead: on the embedded database transactions run one at a time.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    const run = queue.then(() => original(...args));
    queue = run.catch(() => undefined);
    return run;
  };
}

