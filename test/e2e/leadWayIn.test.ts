import fs from 'node:fs';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { browserApp } from '../support/browserApp.js';
import { buildUser, TEST_PASSWORD } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import type { TestContext } from '../support/testContext.js';
import { ProjectLead } from '../../src/db/entities/index.js';

describe('a new project lead finds their results from links alone', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  let context: BrowserContext;
  let page: Page;

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    demo = await createDemoProject(ctx.deps, { respondents: 120, seed: 1, responseRate: 1, name: 'Demo HIR' });
  });

  /** No part of the page reaches past the right edge of the screen. */
  const expectNoOverflow = async (label: string) => expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'), label).to.be.at.most(0);

  it('signs in from the home page and reaches the dashboard, the report and every export by clicking', async () => {
    const lead = await buildUser(ctx, { role: 'lead' });
    await ctx.dataSource.getRepository(ProjectLead).save({ projectId: demo.projectId, userId: lead.id });
    // A phone, and axe's script needs the CSP bypassed.
    context = await browser!.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true, bypassCSP: true });
    page = await context.newPage();

    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('link', { name: 'Log ind' }).click();
    await page.getByLabel('E-mail').fill(lead.email);
    await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL('**/admin/projects'), page.getByRole('button', { name: 'Log ind' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Dine projekter');
    await expectNoOverflow('projects');
    await expectNoSeriousAxeViolations(page, 'projects');

    await Promise.all([page.waitForURL(`**/projects/${demo.projectId}/dashboard`), page.getByRole('link', { name: 'Resultater for Demo HIR' }).click()]);
    await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    expect(await page.locator('[data-table="top2"]').count()).to.be.greaterThan(0);

    await page.getByRole('link', { name: 'Projekter', exact: true }).click();
    await Promise.all([page.waitForURL(`**/projects/${demo.projectId}/report`), page.getByRole('link', { name: 'Rapport for Demo HIR' }).click()]);
    await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });

    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('link', { name: 'Gå til dine projekter' }).click();
    await Promise.all([page.waitForURL(`**/admin/projects/${demo.projectId}/data`), page.getByRole('link', { name: 'Data for Demo HIR' }).click()]);
    await expectNoOverflow('data page');
    await expectNoSeriousAxeViolations(page, 'data page');
    const links = page.locator('.export-formats a');
    const names = await links.evaluateAll((all) => all.map((a) => a.getAttribute('aria-label') ?? ''));
    expect(names).to.have.length(23);
    for (let i = 0; i < names.length; i++) {
      const link = links.nth(i);
      const href = (await link.getAttribute('href'))!;
      const download = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), link.click()]).then(([started]) => started, () => undefined);
      let fileName: string;
      let text: string;
      if (download) {
        fileName = download.suggestedFilename();
        text = fs.readFileSync(await download.path(), 'utf8');
      } else {
        // Chromium now and then fires no download event for a click: once in two full runs on
        // 2026-12-06, never in 17 runs of this file alone, loaded or not. The same link is then
        // asked for with the page's session, so an export that does not answer still fails here.
        console.warn(`      (no download event for "${names[i]}" within 20 s; requesting ${href} with the page's session)`);
        const response = await page.request.get(new URL(href, page.url()).toString(), { timeout: 30_000 });
        expect(response.status(), names[i]).to.equal(200);
        const disposition = response.headers()['content-disposition'] ?? '';
        expect(disposition, names[i]).to.match(/^attachment/);
        fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? '';
        text = (await response.body()).toString('utf8');
      }
      expect(fileName, names[i]).to.match(/^pejling.*\.(csv|xlsx|sav|dta|R)$/);
      expect(text.length, names[i]).to.be.greaterThan(100);
      if (fileName.endsWith('.csv')) expect(text.split('\n').length, names[i]).to.be.greaterThan(2);
    }
  });

  it('shows a lead who opens an admin page where they stand and where to go', async () => {
    const response = await page.goto(`${server.baseUrl}/admin/users`);
    expect(response!.status()).to.equal(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Kun for administratorer');
    await expectNoOverflow('403');
    await Promise.all([page.waitForURL('**/admin/projects'), page.getByRole('link', { name: 'Gå til dine projekter' }).click()]);
  });
});
