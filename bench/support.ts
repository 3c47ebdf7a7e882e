import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import type { Express } from 'express';

export const MYSQL_SERVER = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

/** A fresh database on the benchmark server, dropped by the returned function. */
export async function freshMysqlDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await mysql.createConnection({ uri: MYSQL_SERVER });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MYSQL_SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const connection = await mysql.createConnection({ uri: MYSQL_SERVER });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

export async function serve(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  requests: number;
}

/** autocannon with a path per request (each submission needs its own link). */
export async function load(url: string, options: { connections: number; duration: number; method?: 'GET' | 'POST'; body?: string; paths: () => string }): Promise<LoadResult> {
  const result = await autocannon({
    url, connections: options.connections, duration: options.duration, method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json' }, body: options.body,
    requests: [{ setupRequest: (request) => ({ ...request, path: options.paths() }) }],
  });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, requests: result.requests.total };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
