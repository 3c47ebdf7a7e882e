import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { buildUser, signIn } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { havePdfToText, pdfPageTexts } from '../support/pdfText.js';
import type { TestContext } from '../support/testContext.js';

/**
 * The report as a project lead prints it for a steering group: Chromium's page.pdf() on A4, read
 * back with pdftotext (poppler-utils). Every page carries content, and page 1 says which rounds,
 * filters, k and N the figures are for.
 */
describe('the printed report (Chromium page.pdf, pdftotext)', function () {
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
    if (!havePdfToText()) this.skip();
    ({ browser, ctx, server } = app);
    demo = await createDemoProject(ctx.deps, { respondents: 120, seed: 1, responseRate: 1, name: 'Demo HIR' });
    const lead = await buildUser(ctx, { role: 'lead' });
    apiToken = (await signIn(ctx, { role: 'lead', user: lead, projectIds: [demo.projectId] })).apiToken;
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, lead.email);
  });

  const comparison = async (query: string) => (await request(ctx.app).get(`/api/projects/${demo.projectId}/comparison?baseline=${demo.startRoundId}&followup=${demo.endRoundId}&${query}`).set('authorization', `Bearer ${apiToken}`)).body;

  async function printReport(query: string): Promise<string[]> {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/report?${query}`);
    await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    return pdfPageTexts(await page.pdf({ format: 'A4' }));
  }

  /** A page's words once its running header (first line) and page number are taken away. */
  function bodyWords(text: string, header: string): string[] {
    const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
    expect(lines[0], 'the running header heads the page').to.equal(header);
    return lines.slice(1).filter((line) => !/^Side \d+ af \d+$/.test(line)).join(' ').split(/\s+/).filter(Boolean);
  }

  it('prints every page with content under a running header and a page number, and page 1 names rounds, filters, k and N', async () => {
    const pages = await printReport('paired=true');
    const n = (await comparison('paired=true')).n;
    expect(pages.length).to.be.greaterThan(4);
    const header = 'Demo HIR · START → END · alle (ingen filtre) · kun par';
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).to.match(new RegExp(`Side ${i + 1} af ${pages.length}\\s*$`));
      // More than a heading: a page holding only "Udsagn" would fail here.
      expect(bodyWords(text, header).length, `words on page ${i + 1}:\n${text}`).to.be.greaterThan(15);
    });
    const first = pages[0]!.replace(/\s+/g, ' ');
    expect(first).to.contain('Filtre alle (ingen filtre)');
    expect(first).to.match(/Før START \(6\. januar 2025 – 27\. januar 2025\)/);
    expect(first).to.match(/Efter END \(1\. december 2025 – 22\. december 2025\)/);
    expect(first).to.contain('Hvem kun dem, der har svaret begge gange');
    expect(first).to.contain('k = 5');
    expect(first).to.contain(`før ${n.baseline}, efter ${n.followUp}, begge gange ${n.paired}`);
    expect(first).to.match(/Udarbejdet \d+\. \w+ \d{4}/);
    expect(first).to.contain('Indhold');
  });

  it('names the segment on page 1 and atop every page when the report is for one municipality', async () => {
    const pages = await printReport('paired=false&municipality=Aarhus');
    const n = (await comparison('paired=false&municipality=Aarhus')).n;
    const header = 'Demo HIR · START → END · Kommune: Aarhus · alle svar';
    pages.forEach((text, i) => expect(bodyWords(text, header).length, `words on page ${i + 1}`).to.be.greaterThan(15));
    const first = pages[0]!.replace(/\s+/g, ' ');
    expect(first).to.contain('Filtre Kommune: Aarhus');
    expect(first).to.contain('Hvem alle, der har svaret');
    expect(first).to.contain(`før ${n.baseline}, efter ${n.followUp}`);
    // The unfiltered project has more answers than Aarhus alone: the two cannot be mistaken.
    expect(n.baseline).to.be.lessThan((await comparison('paired=false')).n.baseline);
  });

  it('links its contents list to sections that exist, and prints sans-serif throughout', async () => {
    await page.goto(`${server.baseUrl}/projects/${demo.projectId}/report`);
    await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    const targets = await page.locator('.report-contents a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(targets.length).to.be.greaterThan(6);
    for (const target of targets) expect(await page.locator(target).count(), target).to.equal(1);
    await page.emulateMedia({ media: 'print' });
    const fonts = (await page.evaluate('[...new Set([...document.querySelectorAll("body, .report p, .report td, .report h2, .report dd")].map((n) => getComputedStyle(n).fontFamily))]')) as string[];
    await page.emulateMedia({ media: 'screen' });
    for (const font of fonts) expect(font).to.match(/^"IBM Plex Sans"/);
  });

  it('has no serious or critical axe violations on a filtered report', async () => {
    const audit = await browser!.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, storageState: await context.storageState() });
    const p = await audit.newPage();
    await p.goto(`${server.baseUrl}/projects/${demo.projectId}/report?municipality=Aarhus`);
    await p.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 20_000 });
    await expectNoSeriousAxeViolations(p, 'report for Aarhus');
    await audit.close();
  });
});
