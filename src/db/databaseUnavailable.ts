import { ACQUIRE_TIMEOUT_CODE } from './queryTimeLimit.js';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'PROTOCOL_SEQUENCE_TIMEOUT', ACQUIRE_TIMEOUT_CODE]);

/** True when a query failed because the database could not be reached or did not answer in time (db/queryTimeLimit.ts), not because of the query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string }; name?: string; message?: string } | undefined;
  const code = candidate?.driverError?.code ?? candidate?.code;
  if (code && CONNECTION_ERRORS.has(code)) return true;
  // A Galera node outside the cluster's primary component refuses every statement until it rejoins.
  if (/WSREP has not yet prepared node/i.test(candidate?.message ?? '')) return true;
  return candidate?.name === 'ConnectionIsNotSetError' || /connect ECONNREFUSED|Connection lost|Pool is closed|connect ETIMEDOUT|closed state/i.test(candidate?.message ?? '');
}
