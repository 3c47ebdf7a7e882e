import type { DataSource } from 'typeorm';

const LOCK_NAME = 'pejling_startup';
const LOCK_WAIT_SECONDS = 120;

/**
 * Several instances starting together on one MySQL database would race to migrate, store
 * questionnaire revisions and seed the demo. A named MySQL lock (GET_LOCK, held by one
 * connection) lets one instance at a time do that. SQLite serves a single process: no lock.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'mysql') return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [LOCK_NAME, LOCK_WAIT_SECONDS])) as { got: number | string | null }[];
    if (Number(row?.got) !== 1) throw new Error(`Another instance held the start-up lock for more than ${LOCK_WAIT_SECONDS} s`);
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
