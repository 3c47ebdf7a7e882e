import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { buildUser } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { buildProject } from '../support/builders.js';
import { englishCatalogue, notDanish } from '../support/danishText.js';
import { surveysDir, type TestContext } from '../support/testContext.js';

const screenshotDir = path.resolve(import.meta.dirname, '../../test-results');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

describe('an admin writes a questionnaire in the browser, tries it on a phone and uses it in a round', function () {
  this.timeout(180_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    fs.mkdirSync(screenshotDir, { recursive: true });
  });

  /** Axe, the Danish check, no page wider than the screen, and screenshots at both sizes. */
  async function checkPage(page: Page, name: string, options: { danish?: boolean } = {}): Promise<void> {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await expectNoSeriousAxeViolations(page, `${name} at ${viewport.width} px`);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow, `${name} at ${viewport.width} px is wider than the screen`).to.be.at.most(0);
      await page.screenshot({ path: path.join(screenshotDir, `questionnaire-${name}-${viewport.width}.png`), fullPage: true });
    }
    if (options.danish !== false) expect(notDanish(await page.content(), englishCatalogue()), name).to.deep.equal([]);
  }

  it('uploads a broken file and sees each problem, uploads a valid one, previews and tests it at 390×844, and creates a round with it', async () => {
    const admin = await buildUser(ctx, { role: 'admin' });
    const project = await buildProject(ctx.dataSource, { name: 'JKI Aarhus' });
    const context = await browser!.newContext({ viewport: DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, admin.email);

    await page.getByRole('link', { name: 'Spørgeskemaer' }).click();
    await checkPage(page, 'list');
    await page.getByRole('link', { name: 'Nyt spørgeskema' }).click();

    const jki = JSON.parse(fs.readFileSync(path.join(surveysDir, 'jki-round.json'), 'utf8')) as Record<string, unknown>;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-questionnaire-'));
    const broken = path.join(dir, 'jki-aarhus-fejl.json');
    fs.writeFileSync(broken, JSON.stringify({ ...jki, id: 'jki-aarhus', title: { da: 'JKI Aarhus', en: 'JKI Aarhus' }, scales: {} }, null, 2));
    await page.getByLabel('Upload en JSON-fil').setInputFiles(broken);
    await page.getByRole('button', { name: 'Gem spørgeskemaet' }).click();
    const problems = page.locator('#editor-problems');
    await problems.waitFor();
    expect(await problems.textContent()).to.contain('$.sections[0].items[0].scale: ukendt skala „degree4“ (skalaer: ingen)');
    await checkPage(page, 'editor-problems');

    const valid = path.join(dir, 'jki-aarhus.json');
    fs.writeFileSync(valid, JSON.stringify({ ...jki, id: 'jki-aarhus', title: { da: 'JKI Aarhus', en: 'JKI Aarhus' } }, null, 2));
    await page.getByLabel('Upload en JSON-fil').setInputFiles(valid);
    await Promise.all([page.waitForURL('**/admin/questionnaires/jki-aarhus?done=created'), page.getByRole('button', { name: 'Gem spørgeskemaet' }).click()]);
    expect(await page.getByRole('status').textContent()).to.contain('Spørgeskemaet er gemt som revision 1.');
    await checkPage(page, 'editor');

    // The caseworker's view on a phone, in test mode.
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Forhåndsvis og test' }).click();
    await page.waitForURL('**/admin/questionnaires/jki-aarhus/revisions/1/preview');
    expect(await page.locator('.test-mode-banner').textContent()).to.contain('Testvisning – intet bliver gemt');
    // The caseworker's "saved automatically" hint would be untrue here: the test says nothing is saved.
    const saveHint = await page.locator('[data-save-hint]').textContent();
    expect(saveHint).to.contain('I testvisningen gemmes intet').and.not.contain('automatisk');
    expect(await page.content()).to.not.contain('gemt automatisk');
    await checkPage(page, 'preview');
    await page.setViewportSize(PHONE);
    const before = await Promise.all(['response', 'draft', 'answer'].map(async (table) => Number((await ctx.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)));

    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.locator('.alert-error').first().waitFor();
    expect(await page.locator('.test-mode-banner').count()).to.equal(1);
    await checkPage(page, 'preview-errors');
    await page.setViewportSize(PHONE);
    await page.locator('#q-work_contributes').check();
    await page.locator('#q-organisation_helps--2').check();
    await page.getByLabel('Hvad er dine vigtigste arbejdsopgaver?').fill('Samtaler med borgere');
    // Nor is a copy kept in the browser, as the caseworker's form does.
    expect(await page.evaluate<string[]>("Object.keys(window.localStorage).filter((key) => key.startsWith('pejling-draft:'))")).to.deep.equal([]);
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Svarene er gyldige').waitFor();
    const result = await page.locator('main').textContent();
    expect(result).to.contain('Svarene er gyldige');
    expect(result).to.contain('Samtaler med borgere');
    expect(result).to.contain('I mindre grad');
    await checkPage(page, 'test-result');
    const after = await Promise.all(['response', 'draft', 'answer'].map(async (table) => Number((await ctx.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)));
    expect(after).to.deep.equal(before);

    await page.goto(`${server.baseUrl}/admin/questionnaires/compare?a=jki-round&b=jki-aarhus`);
    expect(await page.locator('main').textContent()).to.contain('Spørgeskemaerne er ens for sammenligningen');
    await checkPage(page, 'compare');
    await page.goto(`${server.baseUrl}/admin/questionnaires/compare?a=hir-start&b=hir-end`);
    expect(await page.locator('main').textContent()).to.contain('Forberedelse af samtaler');
    await checkPage(page, 'compare-hir');

    // A round with the new questionnaire.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${server.baseUrl}/admin/projects/${project.id}/rounds/new`);
    await page.getByLabel('Navn på runden').fill('R1');
    await page.getByLabel('Spørgeskema').selectOption({ label: 'JKI Aarhus' });
    await page.getByLabel('Åbner (dansk tid)').fill('2026-04-01T09:00');
    await page.getByLabel('Lukker (dansk tid)').fill('2026-04-15T16:00');
    await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.getByRole('button', { name: 'Gem runde' }).click()]);
    expect(await page.locator('.round-facts').textContent()).to.contain('JKI Aarhus (revision 1)');
    await context.close();
  });
});
