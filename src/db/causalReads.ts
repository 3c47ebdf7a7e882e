import type { DataSource } from 'typeorm';

/**
 * What `wsrep_sync_wait` every connection gets on a Galera cluster: 1 makes each read (SELECT,
 * SHOW, BEGIN) first wait until this node has applied every write the cluster committed before
 * it. Without it a read on one node may miss what another instance just committed through
 * another node: the migrations and questionnaire revisions an instance stored before releasing
 * the start-up lock, a submission a comparison's cache fingerprint must include, a round just
 * opened, a session just created.
 */
export const WSREP_SYNC_WAIT = 1;

interface PooledConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
  destroy(): void;
  [CAUSAL]?: true;
}

interface Pool {
  getConnection(callback: (error: Error | null, connection?: PooledConnection) => void): void;
}

const CAUSAL = Symbol('causalReads');

/** True when the server is a node of a Galera cluster (MariaDB with wsrep_on); false on MySQL or a single server. */
export async function isGaleraNode(dataSource: DataSource): Promise<boolean> {
  if (dataSource.options.type !== 'mysql') return false;
  const rows = (await dataSource.query("SHOW VARIABLES LIKE 'wsrep_on'")) as { Value?: string }[];
  return rows[0]?.Value === 'ON';
}

/**
 * On a Galera node, set `wsrep_sync_wait` on each pooled connection before its first use (a
 * session variable: it lasts as long as the connection). Elsewhere nothing changes.
 */
export async function enableCausalReads(dataSource: DataSource): Promise<boolean> {
  if (!(await isGaleraNode(dataSource))) return false;
  const pool = (dataSource.driver as unknown as { pool?: Pool }).pool;
  if (!pool) return false;
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
    getConnection((error, connection) => {
      if (error || !connection || connection[CAUSAL]) return callback(error, connection);
      connection.query(`SET SESSION wsrep_sync_wait = ${WSREP_SYNC_WAIT}`, (setError) => {
        // The caller gets the error and no connection, so it never has one to release.
        if (setError) {
          connection.destroy();
          return callback(setError);
        }
        connection[CAUSAL] = true;
        callback(null, connection);
      });
    });
  };
  return true;
}
