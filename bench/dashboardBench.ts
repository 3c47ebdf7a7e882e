import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/db/dataSource.js';
import { registerUnits } from '../src/projects/projectService.js';
import { launchChromium } from '../test/support/browser.js';
import { BENCH_SECRET_KEY, benchDataset, type BenchDataset } from './benchDataset.js';
import { percentile, startServerProcess } from './support.js';

const LOADS = Number(process.env.BENCH_DASHBOARD_LOADS ?? 5);
const MUNICIPALITIES = ['Aarhus', 'Odense', 'Aalborg', 'Køge'];

export interface DashboardFigure {
  respondents: number;
  answerRows: number;
  /** Navigation start until every chart is drawn (#dashboard[data-charts-drawn]), in ms. */
  load: { first: number; p50: number; max: number };
  /** Where a repeated load's time goes (p50, ms from navigation start): the page's HTML received, the comparison the charts draw from included. */
  loadBreakdown: { htmlReceived: number };
  /** A municipality chosen in the filter until the new content's charts are drawn, in ms. */
  filterChange: { computed: { p50: number; max: number }; repeated: { p50: number; max: number } };
}

/** Choose a municipality and wait for the content and charts of that choice (not the old ones). */
async function changeFilter(page: Page, municipality: string): Promise<number> {
  await page.locator('#dashboard').evaluate((root) => root.setAttribute('data-bench-old', ''));
  const started = performance.now();
  await page.selectOption('#f-municipality', municipality);
  await page.waitForSelector('#dashboard-content[aria-busy="false"] #dashboard[data-charts-drawn]:not([data-bench-old])', { timeout: 60_000 });
  const elapsed = performance.now() - started;
  if ((await page.locator('[data-chart]').count()) !== (await page.locator('[data-chart][data-drawn="true"]').count())) throw new Error('not every chart was drawn');
  return elapsed;
}

/**
 * The dataset's municipalities and teams as a respondent import registers them: the dashboard's
 * filters offer the registered units (benchDataset loads respondents with plain INSERTs).
 */
async function registerDatasetUnits(dataset: BenchDataset): Promise<void> {
  const dataSource = await openDatabase(dataset.config);
  try {
    const units = (await dataSource.query('SELECT DISTINCT municipality, team FROM respondent WHERE project_id = ?', [dataset.projectId])) as { municipality: string; team: string | null }[];
    await dataSource.transaction((manager) => registerUnits(manager, dataset.projectId, units));
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The project lead's dashboard in headless Chromium against the production server (its own
 * process, default comparison cache) on n respondents × 2 rounds: time until every chart is drawn
 * on a page load, and time for a filter change to redraw in place. "computed" is the first time
 * the server sees a selection (it reads and analyses the answers); "repeated" a selection seen
 * before (the cache checks the data fingerprint and reuses the result).
 */
export async function dashboardBench(n: number): Promise<DashboardFigure> {
  const dataset = await benchDataset(n);
  await registerDatasetUnits(dataset);
  const server = await startServerProcess({ DATABASE_URL: dataset.url, SECRET_KEY: BENCH_SECRET_KEY, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const browser = await launchChromium();
  if (!browser) throw new Error('the dashboard bench needs Chromium (CHROMIUM_PATH)');
  try {
    // The bench's admin signs in with an API token; the page's own fetches carry it too.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, extraHTTPHeaders: { authorization: `Bearer ${dataset.token}` } });
    const page = await context.newPage();
    const url = `${server.url}/projects/${dataset.projectId}/dashboard?baseline=${dataset.rounds[0]}&followup=${dataset.rounds[1]}`;
    const load = async () => {
      const started = performance.now();
      await page.goto(url);
      await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 60_000 });
      return performance.now() - started;
    };
    // The browser's own resource timing (ms from navigation start); the page has no DOM types here.
    const breakdown = () => page.evaluate(`(() => ({ htmlReceived: performance.getEntriesByType('navigation')[0].responseEnd }))()`) as Promise<{ htmlReceived: number }>;
    const first = await load();
    const loads: number[] = [];
    const parts: { htmlReceived: number }[] = [];
    for (let i = 0; i < LOADS; i++) {
      loads.push(await load());
      parts.push(await breakdown());
    }
    const computed: number[] = [];
    const repeated: number[] = [];
    for (const municipality of MUNICIPALITIES) computed.push(await changeFilter(page, municipality));
    for (const municipality of MUNICIPALITIES) repeated.push(await changeFilter(page, municipality));
    await context.close();
    const summary = (values: number[]) => ({ p50: percentile(values, 50), max: Math.max(...values) });
    return { respondents: n, answerRows: dataset.answerRows, load: { first, ...summary(loads) },
      loadBreakdown: { htmlReceived: percentile(parts.map((p) => p.htmlReceived), 50) },
      filterChange: { computed: summary(computed), repeated: summary(repeated) } };
  } finally {
    await browser.close();
    await server.stop();
    await dataset.drop();
  }
}
