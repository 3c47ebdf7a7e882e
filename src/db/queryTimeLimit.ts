import type { DataSource } from 'typeorm';

/** How long one statement may take by default (DB_QUERY_TIMEOUT_MS). */
export const DEFAULT_QUERY_TIMEOUT_MS = 5000;

type QueryCallback = (error: (Error & { code?: string }) | null, ...results: unknown[]) => void;

/** The parts of a pooled mysql2 connection the limit uses. */
interface PooledConnection {
  query(sql: unknown, values?: unknown, callback?: unknown): unknown;
  execute(options: { sql: string }, values: unknown[], callback: QueryCallback): void;
  release(): void;
  destroy(): void;
  stream: { destroy(error?: Error): void };
  [LIMITED]?: true;
}

interface Pool {
  getConnection(callback: (error: Error | null, connection?: PooledConnection) => void): void;
}

const LIMITED = Symbol('queryTimeLimit');

/** mysql2's own error for a query that outlived its `timeout`. */
const TIMEOUT_CODE = 'PROTOCOL_SEQUENCE_TIMEOUT';
/** Ours, for a request that waited longer than the limit for a free connection. */
export const ACQUIRE_TIMEOUT_CODE = 'POOL_ACQUIRE_TIMEOUT';

/**
 * Give every statement on a connection `timeoutMs`. mysql2 then fails the statement but keeps the
 * connection, with the statement still waiting for an answer and every later one (the
 * transaction's ROLLBACK) queued behind it without a timer: so the connection is cut as well, its
 * queued statements fail at once, and the pool opens a new one when the database answers again.
 */
function limitConnection(connection: PooledConnection, timeoutMs: number): void {
  if (connection[LIMITED]) return;
  connection[LIMITED] = true;
  const query = connection.query.bind(connection);
  connection.query = (sql: unknown, values?: unknown, callback?: unknown) => {
    if (typeof values === 'function') [values, callback] = [undefined, values];
    const options = typeof sql === 'string' ? { sql, timeout: timeoutMs }
      : sql !== null && typeof sql === 'object' && sql.constructor === Object && (sql as { timeout?: number }).timeout === undefined ? { ...sql, timeout: timeoutMs } : sql;
    let answered = false;
    const done: QueryCallback | undefined = typeof callback === 'function' ? (error, ...results) => {
      // A cut connection reports the timed-out statement's failure a second time.
      if (answered) return;
      answered = true;
      if (error?.code === TIMEOUT_CODE) {
        connection.destroy();
        connection.stream.destroy(Object.assign(new Error('The database did not answer in time; connection closed'), { code: TIMEOUT_CODE }));
      }
      (callback as QueryCallback)(error, ...results);
    } : undefined;
    return values === undefined ? query(options, done) : query(options, values, done);
  };
  // A prepared statement (preparedStatement.ts) is prepared on its first run on a connection, and
  // mysql2 has no timeout for that step: one timer covers the preparing and the execution.
  const execute = connection.execute.bind(connection);
  connection.execute = (options: { sql: string }, values: unknown[], callback: QueryCallback) => {
    let answered = false;
    const timer = setTimeout(() => {
      if (answered) return;
      answered = true;
      const error = Object.assign(new Error('The database did not answer in time; connection closed'), { code: TIMEOUT_CODE });
      connection.destroy();
      connection.stream.destroy(error);
      callback(error);
    }, timeoutMs);
    execute(options, values, (error, ...results) => {
      clearTimeout(timer);
      if (answered) return;
      answered = true;
      callback(error, ...results);
    });
  };
}

/**
 * Every statement on MySQL/MariaDB gets a time limit, and so does waiting for a free connection
 * (mysql2's pool would queue a request for ever while all connections hang), so a database that
 * stops answering without closing the connection gives a 503 instead of a request that hangs.
 * Installed after the migrations, which may take long on large tables. SQLite runs in the
 * process and cannot stall so.
 */
export function limitQueryTime(dataSource: DataSource, timeoutMs: number): void {
  if (dataSource.options.type !== 'mysql') return;
  const pool = (dataSource.driver as unknown as { pool?: Pool }).pool;
  if (!pool) return;
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      callback(Object.assign(new Error('No database connection became free in time'), { code: ACQUIRE_TIMEOUT_CODE }));
    }, timeoutMs);
    getConnection((error, connection) => {
      clearTimeout(timer);
      // The caller has had its error: a connection that turns up later goes back to the pool.
      if (answered) return connection?.release();
      answered = true;
      if (connection) limitConnection(connection, timeoutMs);
      callback(error, connection);
    });
  };
}
