import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import mysql from 'mysql2/promise';
import { clusterBench } from './clusterBench.js';
import { comparisonBench } from './comparisonBench.js';
import { dashboardBench } from './dashboardBench.js';
import { exportBench } from './exportBench.js';
import { formPageBench } from './formPageBench.js';
import { pageWeightBench } from './pageWeightBench.js';
import { submissionBench } from './submissionBench.js';
import { MYSQL_SERVER } from './support.js';

/**
 * npm run bench [-- --sizes 1000,10000,100000]: every figure beside the baseline measured in the
 * same run and its target, printed and written to bench/results.json. Needs MariaDB/MySQL
 * (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306/); creates and drops its own databases.
 */
const sizesArg = process.argv.indexOf('--sizes');
const sizes = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '1000,10000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const fmt = (n: number, d = 1) => n.toFixed(d);

// BENCH_ONLY=comparison (or submission, form, weight, export, dashboard, cluster) runs one part.
const only = process.env.BENCH_ONLY;
// The buffer pool decides whether 100,000 × 2 rounds (≈ 1 GB of answers and indexes) is read from memory or disk.
const server = await mysql.createConnection({ uri: MYSQL_SERVER });
const [[database]] = (await server.query('SELECT VERSION() AS version, @@innodb_buffer_pool_size AS bufferPool')) as unknown as [{ version: string; bufferPool: number | string }[]];
await server.end();
const results: Record<string, unknown> = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, database: database!.version, innodbBufferPoolMb: Number(database!.bufferPool) / 2 ** 20 },
};
// The submission, form page, comparison, export, dashboard and cluster servers run the production build, as `npm start` does
// (without this a run of one part measured whatever build was left in dist/).
if (!only || ['submission', 'form', 'comparison', 'export', 'dashboard', 'cluster'].includes(only)) execSync('npm run build --silent', { stdio: 'inherit' });
console.log(`MariaDB/MySQL ${database!.version}, innodb_buffer_pool_size ${Number(database!.bufferPool) / 2 ** 20} MB`);
if (!only || only === 'submission') {
const submission = await submissionBench();
results.submission = submission;
console.log(`\nSubmission (POST /api/responses/:token, full HIR answer set, 50 clients, ${seconds} s, MariaDB)`);
console.log(`  Pejling:  ${fmt(submission.pejling.requestsPerSecond)} req/s, p50 ${submission.pejling.p50} ms, p99 ${submission.pejling.p99} ms, non-2xx ${submission.pejling.non2xx}, server CPU ${fmt(submission.pejling.serverCpuMsPerRequest, 2)} ms per request`);
console.log(`  baseline: ${fmt(submission.baseline.requestsPerSecond)} req/s, p50 ${submission.baseline.p50} ms, p99 ${submission.baseline.p99} ms, server CPU ${fmt(submission.baseline.serverCpuMsPerRequest, 2)} ms per request (bare Express + mysql2, same rows, one transaction)`);
const submissionMet = submission.ratio >= 0.8 && submission.pejling.p99 < 100;
console.log(`  ratio ${fmt(submission.ratio, 2)} × baseline (target ≥ 0.80 with p99 < 100 ms) ${submissionMet ? 'MET' : 'NOT MET'}`);
}
if (!only || only === 'cluster') {
const cluster = await clusterBench();
results.cluster = cluster;
console.log(`\nSubmission on a three-node Galera cluster (scripts/galera/cluster.sh, through HAProxy) against the single server; one Pejling process, 20 clients, ${seconds} s`);
console.log(`  single server: ${fmt(cluster.single.requestsPerSecond)} req/s, p50 ${cluster.single.p50} ms, p99 ${cluster.single.p99} ms, non-2xx ${cluster.single.non2xx}`);
console.log(`  Galera (3):    ${fmt(cluster.cluster.requestsPerSecond)} req/s, p50 ${cluster.cluster.p50} ms, p99 ${cluster.cluster.p99} ms, non-2xx ${cluster.cluster.non2xx}`);
console.log(`  ratio ${fmt(cluster.ratio, 2)} × the single server (all three nodes share this machine's cores with the app)`);
}
if (!only || only === 'form') {
const form = await formPageBench(seconds);
results.form = form;
console.log('\nForm page (GET /s/:token, HIR end questionnaire, 10 clients)');
console.log(`  form:   ${fmt(form.form.requestsPerSecond)} req/s, p50 ${form.form.p50} ms, p99 ${form.form.p99} ms, non-2xx ${form.form.non2xx}, server CPU ${fmt(form.form.serverCpuMsPerRequest, 2)} ms per request`);
console.log(`  static: ${fmt(form.staticFile.requestsPerSecond)} req/s, server CPU ${fmt(form.staticFile.serverCpuMsPerRequest, 2)} ms per request (public/js/form.js from the same server)`);
console.log(`  ratio ${fmt(form.ratio, 2)} × the static file (target ≥ 0.30) ${form.ratio >= 0.3 ? 'MET' : 'NOT MET'}`);
}
if (!only || only === 'weight') {
const weight = await pageWeightBench();
results.weight = weight;
console.log('\nForm page weight in headless Chromium (390 × 844; all responses, compressed, headers included)');
for (const w of weight) {
  console.log(`  ${w.questionnaire.padEnd(9)} first visit ${fmt(w.firstVisitBytes / 1000)} kB (target ≤ 100 kB) ${w.firstVisitBytes <= 100_000 ? 'MET' : 'NOT MET'}; repeat visit ${fmt(w.repeatVisitBytes / 1000)} kB (target ≤ 15 kB) ${w.repeatVisitBytes <= 15_000 ? 'MET' : 'NOT MET'}; page sent as ${w.pageEncoding}`);
}
}
if (!only || only === 'comparison') {
const comparison = await comparisonBench(sizes);
results.comparison = comparison;
console.log('\nComparison API (START vs END, HIR; the server in its own process; MariaDB)');
console.log('  computed = cache off (COMPARISON_CACHE_ENTRIES=0), every request reads and analyses the answers;');
console.log('  repeated = default cache: the first request computes, later ones check the data fingerprint and reuse');
for (const f of comparison) {
  console.log(`  ${String(f.respondents).padStart(6)} × 2 rounds (${f.answerRows} answer rows), ${f.mode.padEnd(15)} computed p50 ${fmt(f.computed.p50, 0)} ms, p99 ${fmt(f.computed.p99, 0)} ms; repeated first ${fmt(f.repeated.first, 0)} ms, p50 ${fmt(f.repeated.p50, 0)} ms, p99 ${fmt(f.repeated.p99, 0)} ms; server peak ${fmt(f.peakRssMb, 0)} MB`);
}
const smallest = comparison.find((f) => f.mode === 'paired')!;
for (const f of comparison.filter((x) => x.mode === 'paired' && x !== smallest)) {
  const growth = (f.computed.p50 / smallest.computed.p50) / (f.respondents / smallest.respondents);
  console.log(`  growth of computed p50 ${smallest.respondents} → ${f.respondents}: ${fmt(growth, 2)} × linear (target ≤ 1) ${growth <= 1 ? 'MET' : 'NOT MET'}`);
}
const tenK = comparison.find((f) => f.respondents === 10_000 && f.mode === 'paired');
if (tenK) {
  console.log(`  10,000 respondents, paired: computed p50 ${fmt(tenK.computed.p50, 0)} ms, repeated p50 ${fmt(tenK.repeated.p50, 0)} ms (target < 250 ms): computed ${tenK.computed.p50 < 250 ? 'MET' : 'NOT MET'}, repeated ${tenK.repeated.p50 < 250 ? 'MET' : 'NOT MET'}`);
}
const peak = Math.max(...comparison.map((f) => f.peakRssMb));
console.log(`  server peak memory ${fmt(peak, 0)} MB (target < 400 MB) ${peak < 400 ? 'MET' : 'NOT MET'}`);
}
if (!only || only === 'export') {
const exported = await exportBench();
results.export = exported;
console.log(`\nExport (one round, CSV and .xlsx streamed by the server in its own process; MariaDB)`);
for (const f of exported.exports) {
  console.log(`  ${f.format.padEnd(9)} ${f.submissions} submissions: ${fmt(f.seconds)} s, ${fmt(f.megabytes, 0)} MB${f.format.endsWith('.csv') ? `, ${f.lines} lines` : ''} (target < 60 s) ${f.seconds < 60 ? 'MET' : 'NOT MET'}`);
  console.log(`        server memory at start ${fmt(f.rssMb.atStart, 0)} MB, at each quarter ${f.rssMb.quarters.map((q) => fmt(q, 0)).join(' / ')} MB, peak ${fmt(f.rssMb.peak, 0)} MB`);
}
console.log(`  baseline: mysql2 streaming the round's ${exported.baseline.rows} answer rows out of MariaDB: ${fmt(exported.baseline.seconds)} s`);
}
if (!only || only === 'dashboard') {
const dashboard = await dashboardBench(10_000);
results.dashboard = dashboard;
const met = (ms: number, target: number) => `${fmt(ms, 0)} ms (target < ${target} ms) ${ms < target ? 'MET' : 'NOT MET'}`;
console.log(`\nDashboard in headless Chromium (${dashboard.respondents} respondents × 2 rounds, ${dashboard.answerRows} answer rows; production server in its own process; MariaDB)`);
console.log(`  page load until every chart is on screen: first (server computes) ${met(dashboard.load.first, 1500)}; again p50 ${met(dashboard.load.p50, 1500)}, max ${fmt(dashboard.load.max, 0)} ms`);
console.log(`    of which (from navigation start): page HTML received (the charts' data in it) first ${fmt(dashboard.loadBreakdown.first.htmlReceived, 0)} ms, again p50 ${fmt(dashboard.loadBreakdown.htmlReceived, 0)} ms; the rest is the browser's`);
console.log(`  filter change until redrawn: new municipality (computed) p50 ${met(dashboard.filterChange.computed.p50, 500)}, max ${fmt(dashboard.filterChange.computed.max, 0)} ms`);
console.log(`                               seen before (cached)       p50 ${met(dashboard.filterChange.repeated.p50, 500)}, max ${fmt(dashboard.filterChange.repeated.max, 0)} ms`);
console.log(`  (by the page's clock, until the charts are on screen; as the driver sees them, its round trips and the load event included: first load ${fmt(dashboard.asDriverSees.load.first, 0)} ms, again p50 ${fmt(dashboard.asDriverSees.load.p50, 0)} ms, new municipality p50 ${fmt(dashboard.asDriverSees.filterChange.computed.p50, 0)} ms, seen before p50 ${fmt(dashboard.asDriverSees.filterChange.repeated.p50, 0)} ms)`);
}
// A run of one part (BENCH_ONLY) keeps the other parts' last figures, each with the time it was measured.
const previous = fs.existsSync('bench/results.json') ? (JSON.parse(fs.readFileSync('bench/results.json', 'utf8')) as Record<string, unknown>) : {};
const measured = Object.fromEntries(Object.entries(results).filter(([key]) => !['measuredAt', 'machine'].includes(key)).map(([key, value]) => [key, { measuredAt: results.measuredAt, machine: results.machine, figures: value }]));
fs.writeFileSync('bench/results.json', JSON.stringify({ ...previous, ...measured }, null, 2));
console.log('\nWritten to bench/results.json');
process.exit(0);
