import fs from 'node:fs';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { buildProject } from '../support/builders.js';
import { buildUser, signIn } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import type { TestContext } from '../support/testContext.js';

describe('the project lead\'s dashboard in Chromium', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  let context: BrowserContext;
  let page: Page;
  let apiToken: string;

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    demo = await createDemoProject(ctx.deps, { respondents: 120, seed: 1, responseRate: 1, name: 'Demo HIR' });
    const lead = await buildUser(ctx, { role: 'lead' });
    apiToken = (await signIn(ctx, { role: 'lead', user: lead, projectIds: [demo.projectId] })).apiToken;
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, lead.email);
  });

  const api = (query: string) => request(ctx.app).get(`/api/projects/${demo.projectId}/comparison?${query}`).set('authorization', `Bearer ${apiToken}`);
  const pct = (share: number) => `${Math.round(share * 100)} %`;

  /** The content shown is for the latest selection and its charts are drawn (after a load or a filter change). */
  const redrawn = () => page.waitForSelector('#dashboard-content[aria-busy="false"] #dashboard[data-charts-drawn]', { timeout: 20_000 });

  async function expectChartsMatchApi(query: string): Promise<void> {
    await redrawn();
    const boxes = await page.locator('[data-chart]').count();
    expect(boxes).to.be.greaterThan(3);
    expect(await page.locator('[data-chart][data-drawn="true"]').count()).to.equal(boxes);
    const painted = await page.locator('[data-chart] canvas').first().evaluate((canvas) => (canvas as unknown as { width: number; height: number }).width * (canvas as unknown as { width: number; height: number }).height);
    expect(painted).to.be.greaterThan(0);
    const data = (await api(query)).body;
    expect(await page.locator('[data-n="paired"]').textContent()).to.equal(String(data.n.paired));
    for (const item of data.scaleItems.filter((s: { top2?: unknown }) => s.top2)) {
      const row = page.locator(`[data-table="top2"] tr[data-item="${item.itemId}"]`);
      expect(await row.locator('[data-cell="from"]').textContent(), item.itemId).to.equal(pct(item.top2.baseline.share));
      expect(await row.locator('[data-cell="to"]').textContent(), item.itemId).to.equal(pct(item.top2.followUp.share));
    }
    for (const indicator of data.indicators.filter((i: { baseline: { suppressed?: boolean } }) => !i.baseline.suppressed)) {
      expect(await page.locator(`[data-table="belief"] tr[data-indicator="${indicator.id}"] [data-cell="from"]`).textContent()).to.equal(pct(indicator.baseline.mean));
    }
  }

  it('draws every chart and its data table shows the comparison API\'s numbers, for everyone and for one municipality', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await expectChartsMatchApi(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=true&excludeDontKnow=false`);
    expect(await page.locator('.chart-caption').first().textContent()).to.match(/Andelen, der er helt enige eller enige, (steg|faldt) fra \d+ % til \d+ % \([+−±]\d+ procentpoint, N = \d+ \/ \d+\)/);
    await page.screenshot({ path: 'test-results/dashboard.png', fullPage: false });
    await page.locator('#battery-1').screenshot({ path: 'test-results/dashboard-likert.png' });
    await page.locator('[data-chart="belief"]').screenshot({ path: 'test-results/dashboard-belief.png' });

    await page.selectOption('#f-municipality', 'Aarhus');
    await page.selectOption('#f-paired', 'false');
    await Promise.all([page.waitForURL(/municipality=Aarhus/), page.getByRole('button', { name: 'Vis' }).click()]);
    await expectChartsMatchApi(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=false&excludeDontKnow=false&municipality=Aarhus`);
  });

  it('puts a legend with every answer category, in scale order, on every Likert chart', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await redrawn();
    // The legend the chart draws (legend.js): its entries and how many it laid out on the canvas.
    const charts = await page.evaluate(`[...document.querySelectorAll('[data-chart="likert"] canvas')].map((canvas) => {
      const chart = window.Chart.getChart(canvas);
      return { legend: chart.options.plugins.wrappedLegend.entries.map((e) => e.text), drawn: chart.$legendLayout.items.length };
    })`) as { legend: string[]; drawn: number }[];
    expect(charts.length).to.be.greaterThan(3);
    for (const chart of charts) {
      expect(chart.legend).to.deep.equal(['Meget uenig', 'Uenig', 'Hverken enig eller uenig', 'Enig', 'Helt enig', 'Ved ikke']);
      expect(chart.drawn).to.equal(6);
    }
  });

  it('tells the round, the statement, the share and the count in a bar\'s tooltip', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await redrawn();
    await page.locator('[data-chart="likert"]').first().scrollIntoViewIfNeeded();
    // The middle of the first "Enig" segment on the first Likert chart, in viewport coordinates.
    const point = await page.evaluate(`(() => {
      const canvas = document.querySelector('[data-chart="likert"] canvas');
      const chart = window.Chart.getChart(canvas);
      const d = chart.data.datasets.findIndex((set) => set.label === 'Enig');
      const i = chart.data.datasets[d].data.findIndex((value) => value !== null && value > 2);
      const bar = chart.getDatasetMeta(d).data[i];
      const box = canvas.getBoundingClientRect();
      return { x: box.left + (bar.base + bar.x) / 2, y: box.top + bar.y, label: chart.data.labels[i] };
    })()`) as { x: number; y: number; label: string };
    await page.mouse.move(point.x, point.y);
    // (page.waitForFunction would evaluate a string in the page, which the strict CSP refuses.)
    let tooltip: { title: string[]; body: string[] } | null = null;
    for (let attempt = 0; attempt < 50 && !tooltip; attempt++) {
      tooltip = await page.evaluate(`(() => {
        const tooltip = window.Chart.getChart(document.querySelector('[data-chart="likert"] canvas')).tooltip;
        return tooltip.opacity > 0 && tooltip.body && tooltip.body.length ? { title: tooltip.title, body: tooltip.body[0].lines } : null;
      })()`) as { title: string[]; body: string[] } | null;
      if (!tooltip) await page.waitForTimeout(100);
    }
    if (!tooltip) throw new Error('no tooltip after hovering a bar');
    expect(tooltip.title[0]).to.equal(`${point.label}:`);
    expect(tooltip.title.slice(1).join(' ')).to.equal(await page.locator('[data-table="top2"] tbody th').first().textContent());
    expect(tooltip.body[0]).to.match(/^Enig: \d+ % \(\d+ svar\)$/);
  });

  it('changes a filter without reloading, keeps the URL in step, and Back and Forward show what the URL says', async () => {
    const base = `baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=true&excludeDontKnow=false`;
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await redrawn();
    await page.evaluate("window.marker = 'same page'");
    for (const municipality of ['Aarhus', 'Køge']) {
      await Promise.all([page.waitForURL(new RegExp(`municipality=${encodeURIComponent(municipality)}`)), page.selectOption('#f-municipality', municipality)]);
      await expectChartsMatchApi(`${base}&municipality=${encodeURIComponent(municipality)}`);
    }
    await page.goBack();
    expect(page.url()).to.match(/municipality=Aarhus/);
    await expectChartsMatchApi(`${base}&municipality=Aarhus`);
    expect(await page.inputValue('#f-municipality')).to.equal('Aarhus');
    await page.goForward();
    expect(page.url()).to.match(/municipality=K%C3%B8ge/);
    await expectChartsMatchApi(`${base}&municipality=${encodeURIComponent('Køge')}`);
    expect(await page.inputValue('#f-municipality')).to.equal('Køge');
    await page.goBack();
    await page.goBack();
    expect(page.url()).not.to.match(/municipality=/);
    await expectChartsMatchApi(base);
    expect(await page.inputValue('#f-municipality')).to.equal('');
    expect(await page.evaluate('window.marker')).to.equal('same page');
  });

  it('filters by team and role, and the overview follows the filter', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await redrawn();
    const wholeProject = await page.locator('#overview-table tbody td').nth(1).textContent();
    expect(await page.locator('#f-role option').allTextContents()).to.include('koordinerende sagsbehandler');
    await Promise.all([page.waitForURL(/team=Team\+Nord|team=Team%20Nord/), page.selectOption('#f-team', 'Team Nord')]);
    await expectChartsMatchApi(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=true&excludeDontKnow=false&team=Team%20Nord`);
    const invited = await page.locator('#overview-table tbody td').nth(1).textContent();
    expect(Number(invited)).to.be.lessThan(Number(wholeProject));
    await Promise.all([page.waitForURL(/role=/), page.selectOption('#f-role', 'koordinerende sagsbehandler')]);
    await expectChartsMatchApi(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=true&excludeDontKnow=false&team=Team%20Nord&role=koordinerende%20sagsbehandler`);
  });

  it('downloads a chart as PNG and its table as CSV', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await redrawn();
    const figure = page.locator('#battery-1');
    const [png] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Hent figur (PNG)' }).click()]);
    expect(png.suggestedFilename()).to.match(/^pejling-.+\.png$/);
    const image = fs.readFileSync((await png.path())!);
    expect(image.subarray(1, 4).toString()).to.equal('PNG');
    const [csv] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Hent tabel (CSV)' }).click()]);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFF"Udsagn"')).to.equal(true);
    expect(text.split('\r\n').filter(Boolean).length).to.equal(1 + await figure.locator('tbody tr').count());
  });

  it('fits a 390 px phone screen: nothing wider than the screen, tables scroll in their own focusable region', async () => {
    const phone = await browser!.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
    const p = await phone.newPage();
    for (const view of ['dashboard', 'report']) {
      await p.goto(`${server.baseUrl}/projects/${demo.projectId}/${view}`);
      await p.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
      const widths = await p.evaluate('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })') as { scroll: number; inner: number };
      expect(widths.scroll, view).to.be.at.most(widths.inner);
      const regions = await p.locator('.table-scroll').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('tabindex'), n.getAttribute('role'), n.getAttribute('aria-label')]));
      expect(regions.length).to.be.greaterThan(5);
      for (const [tabindex, role, label] of regions) expect([tabindex, role, Boolean(label)]).to.deep.equal(['0', 'region', true]);
    }
    await phone.close();
  });

  it('draws its charts in the page\'s font on a first visit, even when the font arrives late', async () => {
    const fresh = await browser!.newContext({ viewport: { width: 1366, height: 900 }, storageState: await context.storageState() });
    const p = await fresh.newPage();
    // The font files half a second late, as on a slow connection.
    await p.route(/IBMPlexSans-[A-Za-z]+-[A-Za-z0-9]+\.woff2$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    // Whether the font was there at the moment the charts were drawn (a canvas keeps the letters it was drawn with).
    await p.addInitScript(`new MutationObserver((changes, observer) => {
      if (!document.querySelector('#dashboard[data-charts-drawn]')) return;
      window.fontAtDrawing = document.fonts.check('600 14px "IBM Plex Sans"') && document.fonts.check('400 13px "IBM Plex Sans"', '←');
      observer.disconnect();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-charts-drawn'] });`);
    await p.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await p.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    expect(await p.evaluate('window.fontAtDrawing')).to.equal(true);
    await fresh.close();
  });

  it('redraws its charts to the new width when the window narrows, each as wide as its box and as tall as its rows need', async () => {
    const window = await browser!.newContext({ viewport: { width: 1366, height: 900 }, storageState: await context.storageState() });
    const p = await window.newPage();
    await p.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await p.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    const sizes = () => p.locator('.chart-box').evaluateAll((boxes) => boxes.map((box) => {
      const canvas = box.querySelector('canvas')!;
      return { box: [box.clientWidth, box.clientHeight], canvas: [canvas.clientWidth, canvas.clientHeight] };
    }));
    const wide = await sizes();
    await p.setViewportSize({ width: 390, height: 844 });
    // The page redraws a moment after the window stops changing size.
    let narrow = await sizes();
    for (let tries = 0; tries < 50 && !narrow.every((size) => size.canvas[0] === size.box[0]); tries++) {
      await p.waitForTimeout(200);
      narrow = await sizes();
    }
    expect(narrow.length).to.equal(wide.length);
    for (const [i, size] of narrow.entries()) {
      expect(size.canvas, `chart ${i}`).to.deep.equal(size.box);
      // The statements wrap onto more lines on a phone: the chart grows to keep its bars.
      expect(size.box[0], `chart ${i}`).to.be.lessThan(wide[i]!.box[0]!);
      expect(size.box[1], `chart ${i}`).to.be.at.least(wide[i]!.box[1]!);
    }
    const widths = await p.evaluate('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })') as { scroll: number; inner: number };
    expect(widths.scroll).to.be.at.most(widths.inner);
    await window.close();
  });

  it('still filters by reloading the page without JavaScript', async () => {
    const plain = await browser!.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const p = await plain.newPage();
    await p.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await p.selectOption('#f-municipality', 'Aarhus');
    await Promise.all([p.waitForURL(/municipality=Aarhus/), p.getByRole('button', { name: 'Vis' }).click()]);
    const data = (await api(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=true&excludeDontKnow=false&municipality=Aarhus`)).body;
    expect(await p.locator('[data-n="paired"]').textContent()).to.equal(String(data.n.paired));
    // Downloads need JavaScript: without it they are not offered.
    expect(await p.getByRole('button', { name: 'Hent figur (PNG)' }).count()).to.equal(0);
    expect(await p.locator('.chart-actions').first().isVisible()).to.equal(false);
    await plain.close();
  });

  it('sorts the statements by the size of their change when asked', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard?sort=change`);
    const changes = await page.locator('#battery-1 [data-table="top2"] [data-cell="change"]').allTextContents();
    const values = changes.map((text) => Number(text.replace('−', '-').replace('±', '').replace('+', '').replace(',', '.')));
    expect(values.every(Number.isFinite), changes.join(' ')).to.equal(true);
    expect(values.length).to.be.greaterThan(2);
    expect(values).to.deep.equal([...values].sort((a, b) => b - a));
  });

  it('has no serious or critical axe violations', async () => {
    const audit = await browser!.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, storageState: await context.storageState() });
    const p = await audit.newPage();
    await p.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await p.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    await expectNoSeriousAxeViolations(p, 'dashboard');
    await audit.close();
  });

  it('has no serious or critical axe violations on the report, nor on a phone', async () => {
    for (const [view, width] of [['report', 1280], ['dashboard', 390], ['report', 390]] as const) {
      const audit = await browser!.newContext({ viewport: { width, height: 900 }, bypassCSP: true, storageState: await context.storageState() });
      const p = await audit.newPage();
      await p.goto(`${server.baseUrl}/projects/${demo.projectId}/${view}`);
      await p.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
      await expectNoSeriousAxeViolations(p, `${view} at ${width} px`);
      await audit.close();
    }
  });

  it('prints the report without the navigation', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/report`);
    await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.admin-nav').count()).to.equal(0);
    expect(await page.locator('header').isVisible()).to.equal(false);
    expect(await page.locator('.dashboard-filters').count()).to.equal(0);
    expect(await page.locator('[data-chart][data-drawn="true"]').count()).to.be.greaterThan(3);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).to.be.greaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('answers 404 when the lead opens another project', async () => {
    const other = await buildProject(ctx.dataSource);
    const response = await page.goto(`${server.baseUrl}/projects/${other.id}/dashboard`);
    expect(response!.status()).to.equal(404);
  });
});
