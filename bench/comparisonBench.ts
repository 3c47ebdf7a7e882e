import { performance } from 'node:perf_hooks';
import { BENCH_SECRET_KEY, benchDataset, type BenchDataset } from './benchDataset.js';
import { percentile, startServerProcess, type ServerProcess } from './support.js';

const REQUESTS = Number(process.env.BENCH_COMPARISON_REQUESTS ?? 15);

export interface ComparisonFigure {
  respondents: number;
  answerRows: number;
  mode: 'paired' | 'all respondents';
  /** Computed from the answer rows on every request (the server runs with COMPARISON_CACHE_ENTRIES=0). */
  computed: { p50: number; p99: number };
  /** Repeated views with the default cache (the first request computes, the rest are checked against the data and reused). */
  repeated: { first: number; p50: number; p99: number };
  /** Peak resident memory of the server process (not the data loader), the larger of the two servers. */
  peakRssMb: number;
}

async function timeRequests(server: ServerProcess, dataset: BenchDataset, paired: boolean, count: number): Promise<number[]> {
  const timings: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/projects/${dataset.projectId}/comparison?baseline=${dataset.rounds[0]}&followup=${dataset.rounds[1]}&paired=${paired}`, { headers: { authorization: `Bearer ${dataset.token}` } });
    const body = (await res.json()) as { n?: { paired: number } };
    if (res.status !== 200) throw new Error(`comparison answered ${res.status}: ${JSON.stringify(body)}`);
    if (body.n?.paired !== dataset.respondents) throw new Error(`expected ${dataset.respondents} pairs, got ${body.n?.paired}`);
    timings.push(performance.now() - started);
  }
  return timings;
}

/**
 * p50/p99 of the comparison API served by its own process, with and without the comparison
 * cache, and that process's peak memory, per project size.
 */
export async function comparisonBench(sizes: number[]): Promise<ComparisonFigure[]> {
  const figures: ComparisonFigure[] = [];
  for (const n of sizes) {
    const loadStarted = performance.now();
    const dataset = await benchDataset(n);
    console.error(`  (comparison data for ${n} respondents ready in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s)`);
    const env = { DATABASE_URL: dataset.url, SECRET_KEY: BENCH_SECRET_KEY, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' };
    try {
      for (const paired of [true, false]) {
        const uncached = await startServerProcess({ ...env, COMPARISON_CACHE_ENTRIES: '0' });
        // The first request warms MariaDB's buffer pool and the server's JIT; it is not counted.
        const computed = (await timeRequests(uncached, dataset, paired, Math.max(3, Math.ceil(REQUESTS / 3)) + 1)).slice(1);
        const uncachedPeak = uncached.peakRssMb();
        await uncached.stop();
        const cached = await startServerProcess(env);
        const repeated = await timeRequests(cached, dataset, paired, REQUESTS);
        const cachedPeak = cached.peakRssMb();
        await cached.stop();
        figures.push({
          respondents: n, answerRows: dataset.answerRows, mode: paired ? 'paired' : 'all respondents',
          computed: { p50: percentile(computed, 50), p99: percentile(computed, 99) },
          repeated: { first: repeated[0]!, p50: percentile(repeated.slice(1), 50), p99: percentile(repeated.slice(1), 99) },
          peakRssMb: Math.max(uncachedPeak, cachedPeak),
        });
      }
    } finally {
      await dataset.drop();
    }
  }
  return figures;
}
