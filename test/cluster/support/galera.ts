import { execFileSync } from 'node:child_process';
import path from 'node:path';
import mysql from 'mysql2/promise';

const script = path.resolve(import.meta.dirname, '../../../scripts/galera/cluster.sh');
const base = Number(process.env.GALERA_PORT_BASE ?? '3310');

/** The three nodes' SQL ports and HAProxy's, as scripts/galera/cluster.sh lays them out. */
export const galera = {
  nodes: [1, 2, 3] as const,
  nodePort: (node: number) => base + node,
  haproxyPort: base + 20,
};

export function nodeUrl(node: number, database: string): string {
  return `mysql://root@127.0.0.1:${galera.nodePort(node)}/${database}`;
}

export function haproxyUrl(database: string): string {
  return `mysql://root@127.0.0.1:${galera.haproxyPort}/${database}`;
}

function run(...args: string[]): string {
  return execFileSync(script, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Start the cluster (a no-op when it already runs). */
export function startCluster(): void {
  run('start');
}

/** Stop it and remove its data, unless GALERA_KEEP=true (to look at it after a run). */
export function stopCluster(): void {
  if (process.env.GALERA_KEEP !== 'true') run('stop');
}

/** SIGKILL one node's mariadbd, as a crash or a lost host would end it. */
export function killNode(node: number): void {
  run('kill', String(node));
}

/** Run statements on one node directly (not through an instance). */
export async function onNode<T>(node: number, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ uri: `mysql://root@127.0.0.1:${galera.nodePort(node)}`, connectTimeout: 3000 });
  try {
    // Read what the whole cluster has committed, not only what this node has applied so far.
    await connection.query('SET SESSION wsrep_sync_wait = 1');
    return await work(connection);
  } finally {
    await connection.end();
  }
}

export async function createClusterDatabase(name: string): Promise<void> {
  await onNode(1, async (connection) => {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  });
}
