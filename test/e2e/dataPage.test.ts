import fs from 'node:fs';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { ProjectLead } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { buildUser } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { englishCatalogue, notDanish } from '../support/danishText.js';
import type { TestContext } from '../support/testContext.js';

/** The Data page as a project lead (and an admin) meets it, on a phone and on a desktop, and the files it hands out. */
describe('the Data page in Chromium', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  const emails = { lead: '', admin: '' };

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    demo = await createDemoProject(ctx.deps, { respondents: 60, seed: 2, responseRate: 1, name: 'Håndholdt Århus' });
    const lead = await buildUser(ctx, { role: 'lead' });
    await ctx.dataSource.getRepository(ProjectLead).save({ projectId: demo.projectId, userId: lead.id });
    emails.lead = lead.email;
    emails.admin = (await buildUser(ctx, { role: 'admin' })).email;
  });

  async function signedIn(viewport: { width: number; height: number }, reader: keyof typeof emails = 'lead'): Promise<Page> {
    // axe's script needs the CSP bypassed.
    const context = await browser!.newContext({ viewport, acceptDownloads: true, bypassCSP: true });
    const page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, emails[reader]);
    if (reader === 'admin') await page.goto(`${server.baseUrl}/admin/projects/${demo.projectId}/data`);
    else await Promise.all([page.waitForURL(`**/admin/projects/${demo.projectId}/data`), page.getByRole('link', { name: 'Data for Håndholdt Århus' }).click()]);
    return page;
  }

  for (const reader of ['lead', 'admin'] as const) for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
    it(`for a${reader === 'admin' ? 'n' : ''} ${reader} at ${viewport.width} px: every export with its sentence and formats, Danish, accessible, nothing wider than the screen`, async () => {
      const page = await signedIn(viewport, reader);
      fs.mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/data-page-${reader}-${viewport.width}.png`, fullPage: true });
      await page.locator('.export-item').first().screenshot({ path: `test-results/data-page-${reader}-${viewport.width}-item.png` });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('Håndholdt Århus');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).to.be.at.most(0);
      await expectNoSeriousAxeViolations(page, `data page at ${viewport.width} px`);
      expect(notDanish(await page.content(), englishCatalogue())).to.deep.equal([]);
      const items = page.locator('.export-item');
      // One entry per dataset (wide and long per round, figures and paired per pair, codebook and script), each with all its formats.
      expect(await items.count()).to.equal(2 * 2 + 2 + 2);
      expect(await page.locator('.export-formats a').count()).to.equal(23);
      for (const item of await items.all()) {
        expect((await item.locator('.export-description').textContent())!.length).to.be.greaterThan(60);
        expect(await item.locator('.export-formats a').count()).to.be.greaterThan(0);
        // Each format says in a few words what it gives; who may take the dataset is said once, above them.
        expect(await item.locator('.export-format-note').count()).to.equal(await item.locator('.export-formats a').count());
        expect((await item.textContent())!.split('kan hente').length - 1).to.equal(1);
      }
      const wide = items.filter({ hasText: 'Bred: én række pr. besvarelse (START)' });
      expect(await wide.locator('.export-formats a').allTextContents()).to.deep.equal(['Excel (.xlsx)', 'CSV', 'CSV til dansk Excel', 'SPSS (.sav)', 'Stata (.dta)']);
      expect(await wide.textContent()).to.contain('SPSS (.sav) – spørgsmål og svarkategorier som etiketter og „ved ikke“ som manglende værdi');
      // Each format link says which file it is to a screen reader, and is a tap target of reasonable height.
      const excel = page.getByRole('link', { name: 'Excel (.xlsx): Bred: én række pr. besvarelse (START)' });
      expect((await excel.boundingBox())!.height).to.be.at.least(24);
      // The way on to the figures.
      expect(await page.getByRole('link', { name: 'Resultater' }).getAttribute('href')).to.equal(`/projects/${demo.projectId}/dashboard`);
      await page.context().close();
    });
  }

  it('the links download a workbook Excel opens and a CSV for Danish Excel, named after project, rounds and day', async () => {
    const page = await signedIn({ width: 390, height: 844 });
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel (.xlsx): Parret: samme personer i START og END' }).click()]);
    expect(workbook.suggestedFilename()).to.match(/^pejling-haandholdt-aarhus-START-END-paired-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await workbook.path())!);
    expect(book.worksheets.map((s) => s.name)).to.deep.equal(['Data', 'Kodebog']);
    expect(book.getWorksheet('Data')!.rowCount).to.be.greaterThan(10);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV til dansk Excel: Bred: én række pr. besvarelse (START)' }).click()]);
    expect(csv.suggestedFilename()).to.match(/^pejling-haandholdt-aarhus-START-wide-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    expect(text.slice(1).split("\r\n")[0]).to.match(/^"person_key";"round";"submitted_at";/);
    // A lead's rows: the date of a submission, not its time.
    expect(text.split('\r\n')[1]).to.match(/^"P\d+";"START";"\d{4}-\d{2}-\d{2}";/);
    await page.context().close();
  });
});
