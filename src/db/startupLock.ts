import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from './uniqueViolation.js';
import { isLockConflict } from './transactionRetry.js';

const LOCK_NAME = 'startup';
const LOCK_WAIT_MS = 120_000;
const POLL_MS = 500;
/** A holder that dies (SIGKILL, lost host) frees the lock after this long; a live one renews it. */
export const STARTUP_LEASE_SECONDS = 30;
const RENEW_MS = (STARTUP_LEASE_SECONDS * 1000) / 3;

/**
 * The lock lives in its own table, created here rather than by a migration because it guards the
 * migrations. It is not in the entity list: nothing but this file reads it.
 */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS startup_lock (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  holder VARCHAR(64) NOT NULL,
  expires_at DATETIME(3) NOT NULL
) ENGINE=InnoDB`;

/**
 * One attempt: create the lock row, or take it over once its holder's lease has run out. Both are
 * single writes to one primary key, which a single server serialises with row locks and a Galera
 * cluster with certification (of two nodes inserting the row at once, one commits and the other
 * gets a deadlock error), so exactly one instance holds the lease across every node.
 * The database's clock sets the expiry, so instances whose clocks differ still agree.
 */
async function tryAcquire(dataSource: DataSource, holder: string): Promise<boolean> {
  try {
    await dataSource.query('INSERT INTO startup_lock (name, holder, expires_at) VALUES (?, ?, NOW(3) + INTERVAL ? SECOND)', [LOCK_NAME, holder, STARTUP_LEASE_SECONDS]);
    return true;
  } catch (error) {
    if (isLockConflict(error)) return false;
    if (!isUniqueViolation(error)) throw error;
  }
  try {
    const result = (await dataSource.query('UPDATE startup_lock SET holder = ?, expires_at = NOW(3) + INTERVAL ? SECOND WHERE name = ? AND expires_at < NOW(3)', [holder, STARTUP_LEASE_SECONDS, LOCK_NAME])) as { affectedRows?: number };
    return result.affectedRows === 1;
  } catch (error) {
    if (isLockConflict(error)) return false;
    throw error;
  }
}

/**
 * Several instances starting together on one MySQL/MariaDB database would race to migrate, store
 * questionnaire revisions and seed the demo; a lease row in `startup_lock` lets one instance at a
 * time do that. (A named lock, GET_LOCK, is local to one node of a Galera cluster, so two
 * instances on two nodes would both have it.) The holder renews the lease while it works and
 * deletes the row when done; one that dies leaves the row to expire. SQLite serves a single
 * process: no lock. The lock is asked for without waiting, every half second, so that no single
 * statement outlasts the query time limit (db/queryTimeLimit.ts) while another instance migrates.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'mysql') return work();
  await dataSource.query(CREATE_TABLE);
  const holder = randomUUID();
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  while (!(await tryAcquire(dataSource, holder))) {
    if (Date.now() > giveUpAt) throw new Error(`Another instance held the start-up lock for more than ${LOCK_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  // A failed renewal is tried again at the next one; the lease outlasts two missed renewals.
  const renewal = setInterval(() => {
    dataSource.query('UPDATE startup_lock SET expires_at = NOW(3) + INTERVAL ? SECOND WHERE name = ? AND holder = ?', [STARTUP_LEASE_SECONDS, LOCK_NAME, holder]).catch(() => undefined);
  }, RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    // Should the node have gone, the lease expires by itself: the work is done either way.
    await dataSource.query('DELETE FROM startup_lock WHERE name = ? AND holder = ?', [LOCK_NAME, holder]).catch(() => undefined);
  }
}
