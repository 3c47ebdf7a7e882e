import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/db/dataSource.js';
import { registerUnits } from '../src/projects/projectService.js';
import { launchChromium } from '../test/support/browser.js';
import { BENCH_SECRET_KEY, benchDataset, type BenchDataset } from './benchDataset.js';
import { percentile, startServerProcess } from './support.js';

const LOADS = Number(process.env.BENCH_DASHBOARD_LOADS ?? 5);
const MUNICIPALITIES = ['Aarhus', 'Odense', 'Aalborg', 'Køge'];
/**
 * A just-launched Chromium goes on starting up after its first page: 0.57 s of CPU in the next half
 * second, then nothing (measured from /proc). Without this wait the first load measured that work
 * beside the server's on two cores (first load 1,451–1,537 ms against 852–1,155 ms after 1.5 s).
 */
const BROWSER_SETTLE_MS = 2000;

export interface DashboardFigure {
  respondents: number;
  answerRows: number;
  /**
   * Navigation start until every chart is drawn and on screen, in ms of the page's own clock (the
   * user timing mark public/js/dashboard/main.js sets a frame after drawing).
   */
  load: { first: number; p50: number; max: number };
  /** Where the loads' time goes (ms from navigation start): the page's HTML received, the comparison the charts draw from included. */
  loadBreakdown: { first: { htmlReceived: number }; htmlReceived: number };
  /** A municipality chosen in the filter until the new content's charts are on screen, in ms of the page's clock. */
  filterChange: { computed: { p50: number; max: number }; repeated: { p50: number; max: number } };
  /**
   * The same as the driver sees them: from its command until it has seen the drawn charts,
   * its round trips to the browser and, for a load, the page's load event included.
   */
  asDriverSees: { load: { first: number; p50: number }; filterChange: { computed: { p50: number }; repeated: { p50: number } } };
}

interface Timed {
  /** By the page's clock. */
  page: number;
  /** By the bench's clock, around the driver's commands. */
  driver: number;
}

/** The last user timing mark of this name, in ms from navigation start, once it is set. */
async function lastMark(page: Page, name: string): Promise<number> {
  // A function, not a string: the page's content security policy forbids evaluating strings.
  const handle = await page.waitForFunction((markName) => performance.getEntriesByName(markName).at(-1)?.startTime, name, { timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

/** Choose a municipality and wait for the content and charts of that choice (not the old ones) to be on screen. */
async function changeFilter(page: Page, municipality: string): Promise<Timed> {
  await page.locator('#dashboard').evaluate((root) => root.setAttribute('data-bench-old', ''));
  await page.evaluate(`performance.clearMarks()`);
  const started = performance.now();
  await page.selectOption('#f-municipality', municipality);
  await page.waitForSelector('#dashboard-content[aria-busy="false"] #dashboard[data-charts-drawn]:not([data-bench-old])', { timeout: 60_000 });
  const driver = performance.now() - started;
  const drawn = await lastMark(page, 'pejling:charts-drawn');
  const changed = await lastMark(page, 'pejling:filter-changed');
  if ((await page.locator('[data-chart]').count()) !== (await page.locator('[data-chart][data-drawn="true"]').count())) throw new Error('not every chart was drawn');
  return { page: drawn - changed, driver };
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
    const load = async (): Promise<Timed> => {
      const started = performance.now();
      await page.goto(url);
      await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 60_000 });
      const driver = performance.now() - started;
      return { page: await lastMark(page, 'pejling:charts-drawn'), driver };
    };
    // The browser's own resource timing (ms from navigation start); the page has no DOM types here.
    const htmlReceived = async () => (await page.evaluate(`performance.getEntriesByType('navigation')[0].responseEnd`)) as number;
    // The lead's browser is running before the clock starts: its process for the site and the driver's
    // own scripts in the page are set up on a page of the server without the dashboard's files (its cache stays empty),
    // and the browser has finished starting up (BROWSER_SETTLE_MS).
    await page.goto(`${server.url}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, BROWSER_SETTLE_MS));
    const first = await load();
    const firstHtmlReceived = await htmlReceived();
    const loads: Timed[] = [];
    const received: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      loads.push(await load());
      received.push(await htmlReceived());
    }
    const computed: Timed[] = [];
    const repeated: Timed[] = [];
    for (const municipality of MUNICIPALITIES) computed.push(await changeFilter(page, municipality));
    for (const municipality of MUNICIPALITIES) repeated.push(await changeFilter(page, municipality));
    await context.close();
    const summary = (values: Timed[]) => ({ p50: percentile(values.map((v) => v.page), 50), max: Math.max(...values.map((v) => v.page)) });
    const driverP50 = (values: Timed[]) => ({ p50: percentile(values.map((v) => v.driver), 50) });
    return { respondents: n, answerRows: dataset.answerRows, load: { first: first.page, ...summary(loads) },
      loadBreakdown: { first: { htmlReceived: firstHtmlReceived }, htmlReceived: percentile(received, 50) },
      filterChange: { computed: summary(computed), repeated: summary(repeated) },
      asDriverSees: { load: { first: first.driver, ...driverP50(loads) }, filterChange: { computed: driverP50(computed), repeated: driverP50(repeated) } } };
  } finally {
    await browser.close();
    await server.stop();
    await dataset.drop();
  }
}
