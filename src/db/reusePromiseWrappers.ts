import type { DataSource } from 'typeorm';

/** The parts of a pooled mysql2 connection this uses. */
interface PooledConnection {
  promise(promiseImpl?: PromiseConstructor): unknown;
  [REUSED]?: true;
}

interface Pool {
  getConnection(callback: (error: Error | null, connection?: PooledConnection) => void): void;
}

const REUSED = Symbol('reusePromiseWrappers');

/**
 * TypeORM runs every MySQL/MariaDB statement as `connection.promise().query(…)`, and mysql2
 * builds a new promise wrapper (an EventEmitter with listeners of its own) on each call: ≈ 2 %
 * of a submission's CPU under `npm run bench`. The wrapper holds nothing but the connection, so
 * each pooled connection keeps its first one.
 */
export function reusePromiseWrappers(dataSource: DataSource): void {
  if (dataSource.options.type !== 'mysql') return;
  const pool = (dataSource.driver as unknown as { pool?: Pool }).pool;
  if (!pool) return;
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
    getConnection((error, connection) => {
      if (connection && !connection[REUSED]) {
        connection[REUSED] = true;
        const promise = connection.promise.bind(connection);
        let wrapper: unknown;
        connection.promise = (promiseImpl) => (promiseImpl ? promise(promiseImpl) : (wrapper ??= promise()));
      }
      callback(error, connection);
    });
  };
}
