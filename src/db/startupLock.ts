import type { DataSource } from 'typeorm';

const LOCK_NAME = 'pejling_startup';
const LOCK_WAIT_MS = 120_000;
const POLL_MS = 500;

/**
 * Several instances starting together on one MySQL database would race to migrate, store
 * questionnaire revisions and seed the demo. A named MySQL lock (GET_LOCK, held by one
 * connection) lets one instance at a time do that. SQLite serves a single process: no lock.
 * The lock is asked for without waiting, every half second, so that no single statement
 * outlasts the query time limit (db/queryTimeLimit.ts) while another instance migrates.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'mysql') return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const [row] = (await runner.query('SELECT GET_LOCK(?, 0) AS got', [LOCK_NAME])) as { got: number | string | null }[];
      if (Number(row?.got) === 1) break;
      if (Date.now() > giveUpAt) throw new Error(`Another instance held the start-up lock for more than ${LOCK_WAIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
