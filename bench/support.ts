import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
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

/** autocannon with a path per request (each submission needs its own link), and when each response came (ms from the start) and took (ms). */
export async function load(url: string, options: { connections: number; duration: number; method?: 'GET' | 'POST'; body?: string; paths: () => string }): Promise<LoadResult & { responses: { at: number; latency: number }[] }> {
  const responses: { at: number; latency: number }[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url, connections: options.connections, duration: options.duration, method: options.method ?? 'GET',
      headers: { 'content-type': 'application/json' }, body: options.body,
      requests: [{ setupRequest: (request) => ({ ...request, path: options.paths() }) }],
    }, (error, finished) => (error ? reject(error as Error) : resolve(finished)));
    instance.on('response', (_client, _statusCode, _bytes, latency) => responses.push({ at: performance.now() - started, latency }));
  });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, requests: result.requests.total, responses };
}

/**
 * How long each short phase runs before its responses count: its clients all connect and send at
 * once, and with four phases a side those start-up bursts were 2 % of the responses, enough to
 * decide a p99 (a single 10 s run has one burst, 0.5 %).
 */
const SETTLE_MS = 500;

/** An endpoint's figures over its phases, with the server's CPU time per request (user + system, ms). */
export type PhasedLoad = LoadResult & { serverCpuMsPerRequest: number };

/** A phase's figures as autocannon gives them, without the responses they came from (for results.json). */
export function summaryOf({ requestsPerSecond, p50, p99, non2xx, requests }: MeasuredPhase): LoadResult {
  return { requestsPerSecond, p50, p99, non2xx, requests };
}

/** One load phase: its responses after SETTLE_MS (when they came and took), its length after it, and the CPU time the server process used over the whole phase (user + system, ms). */
export type MeasuredPhase = LoadResult & { latencies: number[]; settledMs: number; cpuMs: number };

/** A load phase against a server process, with the server's CPU time over it. */
export async function measuredPhase(url: string, pid: number, options: Parameters<typeof load>[1]): Promise<MeasuredPhase> {
  const cpuBefore = processCpuMs(pid);
  const { responses, ...measured } = await load(url, options);
  const cpuMs = processCpuMs(pid) - cpuBefore;
  const settled = responses.filter((response) => response.at >= SETTLE_MS);
  return { ...measured, latencies: settled.map((response) => response.latency), settledMs: options.duration * 1000 - SETTLE_MS, cpuMs };
}

/**
 * Phases of one endpoint as one figure: responses per second and p50/p99 of the responses after
 * each phase's first SETTLE_MS, and the server's CPU per request over the whole phases. Benches
 * that compare two endpoints let them take turns in short phases: this machine's speed drifts by
 * a third from one minute to the next, and measured one after the other a drift fell on one side
 * of the ratio.
 */
export function combinePhases(phases: MeasuredPhase[]): PhasedLoad {
  const latencies = phases.flatMap((phase) => phase.latencies);
  const rounded = (ms: number) => Math.round(ms * 10) / 10;
  return {
    requests: phases.reduce((sum, phase) => sum + phase.requests, 0),
    requestsPerSecond: latencies.length / (phases.reduce((sum, phase) => sum + phase.settledMs, 0) / 1000),
    p50: rounded(percentile(latencies, 50)),
    p99: rounded(percentile(latencies, 99)),
    non2xx: phases.reduce((sum, phase) => sum + phase.non2xx, 0),
    serverCpuMsPerRequest: phases.reduce((sum, phase) => sum + phase.cpuMs, 0) / phases.reduce((sum, phase) => sum + phase.requests, 0),
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** The process's peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Its resident memory now (VmRSS), in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
}

// Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks.
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) a process has used so far. On a shared machine throughput moves
 * with everyone else's load, while a server's CPU per request hardly does.
 */
export function processCpuMs(pid: number): number {
  // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** A port nobody listens on right now, for a child process to take. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The server as production runs it (`node dist/src/server.js`, what `npm start` builds and runs)
 * in a child process with the given environment, so its memory is its own and carries no
 * TypeScript loader. Build first (bench/run.ts does).
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  if (!fs.existsSync('dist/src/server.js')) throw new Error('dist/src/server.js is missing: run `npm run build` first');
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": profile the server under the bench's load (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/server.js'], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => { if (line.startsWith('Pejling listens on')) resolve(); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    peakRssMb: () => procStatusMb(child.pid!, 'VmHWM'),
    rssMb: () => procStatusMb(child.pid!, 'VmRSS'),
    stop: () => new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
