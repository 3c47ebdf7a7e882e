import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { MailOutbox, Respondent } from '../../src/db/entities/index.js';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { listAppRoutes } from '../support/appRoutes.js';
import { buildUser } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { buildCaseworkers, encode, toCsv } from '../support/csvBuilders.js';
import type { TestContext } from '../support/testContext.js';

/** Questionnaire pages are addressed by the questionnaire's id, not a number. */
const QUESTIONNAIRE_PARAMS: Record<string, string> = { id: 'hir-start' };

describe('admin pages in a browser: a Windows-1252 import, and axe on every admin page', function () {
  // The walk grows with every admin page (axe at two sizes on each).
  this.timeout(360_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };
  let ids: Record<string, number>;
  let adminEmail: string;

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    const demo = await createDemoProject(ctx.deps, { respondents: 20, seed: 4, responseRate: 0.9, name: 'Demo i browseren' });
    const admin = await buildUser(ctx, { role: 'admin' });
    await buildUser(ctx, { role: 'lead' });
    adminEmail = admin.email;
    const respondent = await ctx.dataSource.getRepository(Respondent).findOneByOrFail({ projectId: demo.projectId });
    const mail = await ctx.dataSource.getRepository(MailOutbox).save({
      kind: 'invitation', invitationId: null, toAddress: 'anne@example.dk', subject: 'Spørgeskema om dit arbejde', textBody: 'Hej Anne', htmlBody: null, status: 'held', attempts: 0,
      lastError: null, claimedBy: null, claimedUntil: null, sentAt: null,
    });
    ids = { projectId: demo.projectId, roundId: demo.startRoundId, respondentId: respondent.id, mailId: mail.id, userId: admin.id, tokenId: 1 };
  });

  async function signedIn(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    // axe is injected as a script, which the strict CSP would (rightly) refuse.
    const context = await browser!.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, adminEmail);
    return { context, page };
  }

  it('an admin imports a Windows-1252 file and lands on the list with a Danish success message, no CSRF token in any address', async () => {
    const { context, page } = await signedIn({ width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}/admin/projects/${ids.projectId}/respondents/import`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-csv-')), 'sagsbehandlere.csv');
    const people = buildCaseworkers(12, (i) => ({ email: `ny${i}@jobcenter.dk`, externalId: `N${i}`, group: i % 2 === 0 ? 'Forsøg' : 'Kontrol' }));
    fs.writeFileSync(file, encode.windows1252(toCsv(people, { delimiter: ';' })));
    await page.getByLabel('CSV-fil').setInputFiles(file);
    await page.getByRole('button', { name: 'Vis gennemsyn' }).click();
    await page.waitForLoadState();
    expect(page.url()).not.to.contain('_csrf');
    expect(await page.locator('main').textContent()).to.contain('Læst som windows-1252. 12 nye');
    await expectNoSeriousAxeViolations(page, 'import preview');
    await Promise.all([page.waitForURL(/respondents\?imported=12$/), page.getByRole('button', { name: 'Gem 12 sagsbehandlere' }).click()]);
    expect(page.url()).not.to.contain('_csrf');
    expect(await page.locator('#import-done').textContent()).to.contain('Importen er gemt: 12 sagsbehandlere oprettet eller opdateret.');
    expect(await page.locator('main').textContent()).to.contain('Søren Ørsted Æblegård 1');
    await expectNoSeriousAxeViolations(page, 'caseworker list after import');
    await context.close();
  });

  it('every admin page has no serious or critical axe violation at 1366 and 390 px; tables use the page width and scroll in a focusable region', async () => {
    const fill = (route: string) => route.replace(/:([A-Za-z]+)/g, (_, name: string) => String(ids[name] ?? QUESTIONNAIRE_PARAMS[name] ?? 1));
    const paths = listAppRoutes(ctx.app)
      .filter((route) => route.method === 'GET' && (route.path.startsWith('/admin/') || route.path.startsWith('/projects/')) && !/\.(csv|R|css)$|\/eml$|\/content$|\/download$/.test(route.path))
      .map((route) => fill(route.path));
    expect(paths.length).to.be.greaterThan(12);
    const shots = process.env.PEJLING_SCREENSHOTS;
    for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      const { context, page } = await signedIn(viewport);
      for (const pagePath of paths) {
        const response = await page.goto(`${server.baseUrl}${pagePath}`);
        expect(response!.status(), pagePath).to.be.lessThan(400);
        await expectNoSeriousAxeViolations(page, `${pagePath} at ${viewport.width} px`);
        if (shots) await page.screenshot({ path: path.join(shots, `${viewport.width}${pagePath.replace(/[/?=&]+/g, '_')}.png`), fullPage: true });
        for (const region of await page.locator('.table-responsive').all()) {
          expect(await region.getAttribute('tabindex'), `${pagePath}: table region focusable`).to.equal('0');
          expect(await region.getAttribute('role')).to.equal('region');
          expect(await region.getAttribute('aria-label') ?? await region.getAttribute('aria-labelledby'), `${pagePath}: table region named`).to.match(/\S/);
        }
        // Nothing wider than the screen: wide tables scroll inside their region, not the page.
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow, `${pagePath} at ${viewport.width} px is wider than the screen`).to.be.at.most(0);
      }
      if (viewport.width === 1366) {
        await page.goto(`${server.baseUrl}/admin/projects/${ids.projectId}/respondents`);
        const width = await page.locator('.table-responsive').first().evaluate((element) => element.getBoundingClientRect().width);
        expect(width, 'the caseworker table uses the page width at 1366 px').to.be.greaterThan(1100);
        const button = page.getByRole('button', { name: /^Deaktivér/ }).first();
        const look = await button.evaluate((element) => { const style = element.ownerDocument.defaultView!.getComputedStyle(element); return { border: style.borderTopWidth, background: style.backgroundColor }; });
        expect(look.border === '0px' && look.background === 'rgba(0, 0, 0, 0)', '"Deaktivér" looks like a button').to.equal(false);
      }
      await context.close();
    }
  });
});
