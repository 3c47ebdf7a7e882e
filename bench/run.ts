import fs from 'node:fs';
import os from 'node:os';
import { comparisonBench } from './comparisonBench.js';
import { formPageBench } from './formPageBench.js';
import { submissionBench } from './submissionBench.js';

/**
 * npm run bench [-- --sizes 1000,10000,100000]: every figure beside the baseline measured in the
 * same run and its target, printed and written to bench/results.json. Needs MariaDB/MySQL
 * (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306/); creates and drops its own databases.
 */
const sizesArg = process.argv.indexOf('--sizes');
const sizes = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '1000,10000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const fmt = (n: number, d = 1) => n.toFixed(d);

// BENCH_ONLY=comparison (or submission, form) runs one part.
const only = process.env.BENCH_ONLY;
const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version } };
if (!only || only === 'submission') {
const submission = await submissionBench();
results.submission = submission;
console.log(`\nSubmission (POST /api/responses/:token, full HIR answer set, 50 clients, ${seconds} s, MariaDB)`);
console.log(`  Pejling:  ${fmt(submission.pejling.requestsPerSecond)} req/s, p50 ${submission.pejling.p50} ms, p99 ${submission.pejling.p99} ms, non-2xx ${submission.pejling.non2xx}`);
console.log(`  baseline: ${fmt(submission.baseline.requestsPerSecond)} req/s, p50 ${submission.baseline.p50} ms, p99 ${submission.baseline.p99} ms (bare Express + mysql2, same rows, one transaction)`);
console.log(`  ratio ${fmt(submission.ratio, 2)} × baseline (target ≥ 0.60) ${submission.ratio >= 0.6 ? 'MET' : 'NOT MET'}`);
}
if (!only || only === 'form') {
const form = await formPageBench(Math.max(3, Math.round(seconds / 2)));
results.form = form;
console.log('\nForm page (GET /s/:token, HIR end questionnaire, 10 clients)');
console.log(`  form:   ${fmt(form.form.requestsPerSecond)} req/s, p50 ${form.form.p50} ms, p99 ${form.form.p99} ms`);
console.log(`  static: ${fmt(form.staticFile.requestsPerSecond)} req/s (public/js/form.js from the same app)`);
console.log(`  ratio ${fmt(form.ratio, 2)} × the static file`);
}
if (!only || only === 'comparison') {
const comparison = await comparisonBench(sizes);
results.comparison = comparison;
console.log('\nComparison API (START vs END, HIR; 15 requests each; peak RSS of the process serving it)');
for (const f of comparison) {
  console.log(`  ${String(f.respondents).padStart(6)} respondents × 2 rounds (${f.answerRows} answer rows), ${f.mode.padEnd(15)} p50 ${fmt(f.p50, 0)} ms, p99 ${fmt(f.p99, 0)} ms, peak ${fmt(f.peakRssMb, 0)} MB`);
}
const smallest = comparison.find((f) => f.mode === 'paired')!;
for (const f of comparison.filter((x) => x.mode === 'paired' && x !== smallest)) {
  const growth = (f.p50 / smallest.p50) / (f.respondents / smallest.respondents);
  console.log(`  growth ${smallest.respondents} → ${f.respondents}: ${fmt(growth, 2)} × linear (target ≤ 1)`);
}
const tenK = comparison.find((f) => f.respondents === 10_000 && f.mode === 'paired');
if (tenK) console.log(`  10,000 respondents p50 ${fmt(tenK.p50, 0)} ms (target < 250 ms) ${tenK.p50 < 250 ? 'MET' : 'NOT MET'}; peak ${fmt(Math.max(...comparison.map((f) => f.peakRssMb)), 0)} MB (target < 400 MB)`);

}
fs.writeFileSync('bench/results.json', JSON.stringify(results, null, 2));
console.log('\nWritten to bench/results.json');
process.exit(0);
