import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { BENCH_SECRET_KEY, benchDataset } from './benchDataset.js';
import { startServerProcess } from './support.js';

const SUBMISSIONS = Number(process.env.BENCH_EXPORT_SUBMISSIONS ?? 130_000);

export interface ExportFigure {
  format: string;
  submissions: number;
  seconds: number;
  megabytes: number;
  lines: number;
  /** Server memory when the export starts and at each quarter of it, and its peak. */
  rssMb: { atStart: number; quarters: number[]; peak: number };
}

/**
 * One round of 130,000 submissions exported as wide and long CSV and as a wide Excel workbook
 * (lines: of the CSV; the workbook is zipped) by a server in its own process,
 * next to a baseline in the same run: mysql2 streaming the same round's answer rows straight out
 * of MariaDB into comma-joined lines (the database's own read rate, nothing of Pejling).
 */
export async function exportBench(): Promise<{ exports: ExportFigure[]; baseline: { seconds: number; rows: number } }> {
  const dataset = await benchDataset(SUBMISSIONS, 1);
  const server = await startServerProcess({ DATABASE_URL: dataset.url, SECRET_KEY: BENCH_SECRET_KEY, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const exports: ExportFigure[] = [];
  try {
    for (const format of ['wide.csv', 'long.csv', 'wide.xlsx']) {
      const atStart = server.rssMb();
      const started = performance.now();
      const res = await fetch(`${server.url}/api/projects/${dataset.projectId}/exports/${format}?round=${dataset.rounds[0]}`, { headers: { authorization: `Bearer ${dataset.token}` } });
      if (res.status !== 200 || !res.body) throw new Error(`${format} answered ${res.status}`);
      let bytes = 0;
      let lines = 0;
      const samples: { at: number; rss: number }[] = [];
      const sampler = setInterval(() => samples.push({ at: performance.now(), rss: server.rssMb() }), 250);
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) lines++;
      }
      clearInterval(sampler);
      const ended = performance.now();
      const quarterAt = (q: number) => samples.find((s) => s.at >= started + ((ended - started) * q) / 4)?.rss ?? server.rssMb();
      exports.push({ format, submissions: SUBMISSIONS, seconds: (ended - started) / 1000, megabytes: bytes / 2 ** 20, lines, rssMb: { atStart, quarters: [1, 2, 3, 4].map(quarterAt), peak: server.peakRssMb() } });
    }
  } finally {
    await server.stop();
  }

  const connection = mysql.createPool({ uri: dataset.url, connectionLimit: 1 }).pool;
  const baselineStarted = performance.now();
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    connection.query('SELECT response_id, item_id, sub_id, value_code, value_number, value_text FROM answer WHERE round_id = ? ORDER BY response_id, id', [dataset.rounds[0]])
      .stream()
      .on('data', (row: Record<string, unknown>) => {
        rows++;
        void Object.values(row).join(',');
      })
      .on('end', () => resolve())
      .on('error', reject);
  });
  const baseline = { seconds: (performance.now() - baselineStarted) / 1000, rows };
  await new Promise<void>((resolve) => connection.end(() => resolve()));
  await dataset.drop();
  return { exports, baseline };
}
