import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Project } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { buildUser, signIn } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import type { TestContext } from '../support/testContext.js';

describe('the trend over three rounds in Chromium', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };
  let demo: { projectId: number; roundIds: number[] };
  let context: BrowserContext;
  let page: Page;

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    demo = await createDemoProject(ctx.deps, { respondents: 120, seed: 3, responseRate: 0.75, name: 'Demo tre runder', rounds: 3 });
    // The lead may see the groups, so the charts have intervention and control lines.
    await ctx.dataSource.getRepository(Project).update(demo.projectId, { reportableAttributes: JSON.stringify(['group']) });
    const lead = await buildUser(ctx, { role: 'lead' });
    await signIn(ctx, { role: 'lead', user: lead, projectIds: [demo.projectId] });
    context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, lead.email);
  });

  const drawn = () => page.waitForSelector('#trend[data-charts-drawn]', { timeout: 20_000 });

  it('is reached from the dashboard and draws a chart with a legend and a data table per statement and measure', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/dashboard`);
    await Promise.all([page.waitForURL(`**/projects/${demo.projectId}/trend`), page.getByRole('link', { name: 'Udvikling over flere runder' }).click()]);
    await drawn();
    const figures = page.locator('.trend-figure');
    const count = await figures.count();
    expect(count).to.be.greaterThan(10);
    expect(await page.locator('[data-trend-chart][data-drawn="true"]').count()).to.equal(count);
    for (let i = 0; i < count; i++) {
      const figure = figures.nth(i);
      expect(await figure.locator('.trend-legend li').allTextContents()).to.deep.equal(['Alle', 'Forsøgsgruppen', 'Kontrolgruppen']);
      expect(await figure.locator('table tbody tr th').allTextContents()).to.deep.equal(['R1', 'R2', 'R3']);
      const painted = await figure.locator('canvas').evaluate((canvas) => (canvas as unknown as { width: number }).width);
      expect(painted).to.be.greaterThan(0);
    }
    expect(await page.locator('.chart-caption').first().textContent()).to.match(/^Andelen, der svarer „Helt enig“ eller „Enig“, (steg|faldt|var uændret)/);
    expect(await page.locator('.trend-tests').first().textContent()).to.contain("Cochran's Q");
    await expectNoSeriousAxeViolations(page, 'trend 1366');
    await page.screenshot({ path: 'test-results/trend-1366.png', fullPage: false });
    await figures.first().screenshot({ path: 'test-results/trend-1366-figure.png' });
    await page.locator('section[aria-labelledby="s-measures"] .trend-figure').last().screenshot({ path: 'test-results/trend-1366-measure.png' });
  });

  it('lets the lead choose two of the rounds and everyone, by the form', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/trend`);
    await page.getByLabel('R2').uncheck();
    await page.getByLabel('Hvem').selectOption('false');
    await Promise.all([page.waitForURL(/paired=false/), page.getByRole('button', { name: 'Vis' }).click()]);
    await drawn();
    expect(await page.locator('.trend-figure').first().locator('table tbody tr th').allTextContents()).to.deep.equal(['R1', 'R3']);
    expect(await page.locator('.trend-tests').first().textContent()).to.contain('kræver, at kun dem, der har svaret i alle runderne, er med');
  });

  it('fits a phone: no horizontal overflow at 390 × 844', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/trend`);
    await drawn();
    const widths = await page.evaluate('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })') as { scroll: number; inner: number };
    expect(widths.scroll, JSON.stringify(widths)).to.be.at.most(widths.inner);
    await expectNoSeriousAxeViolations(page, 'trend 390');
    await page.screenshot({ path: 'test-results/trend-390.png', fullPage: false });
    await page.locator('.trend-figure').first().screenshot({ path: 'test-results/trend-390-figure.png' });
  });
});
