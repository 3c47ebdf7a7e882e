import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { databaseKind } from '../db/dataSource.js';

const HEALTH_QUERY_TIMEOUT_MS = 2000;

/** Which server answered: behind a load balancer or on a cluster, the one this instance reaches now. */
export interface DatabaseNode {
  host: string;
  port: number;
  /** The Galera node's name and state (e.g. 'Synced', 'Donor/Desynced'); absent off a cluster. */
  galera?: { node: string; state: string; clusterSize: number };
}

function withinLimit<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(fallback), HEALTH_QUERY_TIMEOUT_MS); });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}

type NameValue = { Variable_name: string; Value: string };

/**
 * One connection, so the node named is the one that answered. A Galera node outside the
 * primary component refuses the SELECT (1047): it counts as down, as it cannot serve requests.
 */
async function probeMysql(dataSource: DataSource): Promise<DatabaseNode> {
  const runner = dataSource.createQueryRunner();
  try {
    const [server] = (await runner.query('SELECT @@hostname AS host, @@port AS port')) as { host: string; port: number | string }[];
    const node: DatabaseNode = { host: server!.host, port: Number(server!.port) };
    const variables = (await runner.query("SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_node_name')")) as NameValue[];
    const variable = (name: string) => variables.find((row) => row.Variable_name === name)?.Value;
    if (variable('wsrep_on') === 'ON') {
      const status = (await runner.query("SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_size')")) as NameValue[];
      const value = (name: string) => status.find((row) => row.Variable_name === name)?.Value ?? '';
      node.galera = { node: variable('wsrep_node_name') ?? '', state: value('wsrep_local_state_comment'), clusterSize: Number(value('wsrep_cluster_size')) };
    }
    return node;
  } finally {
    await runner.release();
  }
}

async function probe(dataSource: DataSource): Promise<{ up: boolean; node?: DatabaseNode }> {
  if (dataSource.options.type !== 'mysql') return withinLimit(dataSource.query('SELECT 1').then(() => ({ up: true })), { up: false });
  return withinLimit(probeMysql(dataSource).then((node) => ({ up: true, node })), { up: false });
}

/**
 * 200 while the database answers, 503 when it does not, so a load balancer can route around;
 * on MySQL/MariaDB the body names the server (and Galera node) that answered.
 */
export function healthRoutes(dataSource: DataSource, databaseUrl: string | undefined): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const { up, node } = dataSource.isInitialized ? await probe(dataSource) : { up: false, node: undefined };
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', database: { kind: databaseKind({ databaseUrl }), status: up ? 'up' : 'down', ...(node ? { node } : {}) } });
  });
  return router;
}
