import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Round } from '../../src/db/entities/index.js';
import { answerableItems } from '../../src/questionnaires/answerableItems.js';
import type { AllocationItem, Questionnaire } from '../../src/questionnaires/types.js';
import { validationMessages } from '../../src/responses/validationMessages.js';
import { uiText } from '../../src/shared/i18n.js';
import { browserApp } from '../support/browserApp.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { englishCatalogue, notDanish } from '../support/danishText.js';
import type { TestContext } from '../support/testContext.js';

/*
 * Issue 14 on a phone (390 × 844), with and without JavaScript: how far one has come ("Del 2 af
 * 8"), short names in the error summary, errors that go once fixed, "%" on the time-use boxes,
 * and a sum the server states after "Gem og fortsæt senere" when nothing runs in the browser.
 */

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'da-DK' };
const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, locale: 'da-DK' };
const ui = uiText('da');
const messages = validationMessages.da;
const screenshotDir = path.resolve(import.meta.dirname, '../../test-results');

describe('the caseworker form: progress, short error labels, fixed errors, time use (Chromium)', function () {
  this.timeout(60_000);
  let ctx: TestContext | undefined;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> } | undefined;
  let round: Round;
  let questionnaire: Questionnaire;
  let timeUse: AllocationItem;
  const contexts: BrowserContext[] = [];

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    // Opened the day before the test clock's 2 March 2026: the period is "januar og februar".
    round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now(), { questionnaireId: 'hir-start' });
    questionnaire = ctx.catalog.latest('hir-start')!.questionnaire;
    timeUse = questionnaire.sections.flatMap((section) => section.items).find((item): item is AllocationItem => item.kind === 'allocation')!;
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  async function openForm(options: BrowserContextOptions): Promise<{ page: Page; token: string }> {
    const context = await browser!.newContext(options);
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const { token } = await buildInvitation(ctx!.dataSource, round);
    const page = await context.newPage();
    await page.goto(`${server!.baseUrl}/s/${token}`);
    return { page, token };
  }

  const sections = () => questionnaire.sections.length;
  const summaryTexts = (page: Page) => page.locator('#error-summary a').allTextContents();
  const category = (index: number) => `#q-${timeUse.id}-${timeUse.categories[index]!.id}`;

  async function expectNoHorizontalOverflow(page: Page): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth'), 'page wider than the screen').to.be.at.most(await page.evaluate('window.innerWidth') as number);
  }

  async function expectStep(page: Page, index: number): Promise<void> {
    const section = page.locator(`#section-${questionnaire.sections[index - 1]!.id}`);
    await section.locator('h2').scrollIntoViewIfNeeded();
    const step = section.locator('.section-step-text');
    expect(await step.textContent()).to.equal(`Del ${index} af ${sections()}`);
    expect(await step.isVisible(), `"Del ${index} af ${sections()}" visible`).to.equal(true);
    const bar = section.locator('progress');
    expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).to.deep.equal([String(index), String(sections())]);
    expect(await bar.isVisible(), 'progress bar visible').to.equal(true);
  }

  it('with JavaScript: steps, time estimate, "%" after each time-use box, short labels in the summary, and errors that go as soon as the field is right', async () => {
    const { page } = await openForm(PHONE);
    expect(await page.locator('.estimated-time').textContent()).to.match(/^Det tager omkring \d+ minutter at svare\.$/);
    await expectStep(page, 1);
    await expectStep(page, 2);
    await expectStep(page, sections());

    // "%" beside each time-use box, to its right, on the same line.
    for (let index = 0; index < timeUse.categories.length; index++) {
      const input = (await page.locator(category(index)).boundingBox())!;
      const unit = page.locator(`${category(index)}-unit`);
      expect(await unit.textContent()).to.equal('%');
      const box = (await unit.boundingBox())!;
      expect(box.x, '% right of the box').to.be.at.least(input.x + input.width - 1);
      expect(Math.abs(box.y + box.height / 2 - (input.y + input.height / 2)), '% on the box\'s line').to.be.below(input.height / 2);
    }
    await expectNoHorizontalOverflow(page);

    // An empty "Send svar": the summary takes focus and names each question briefly.
    await page.getByRole('button', { name: ui.form.submit }).click();
    await page.locator('#error-summary').waitFor();
    await page.waitForFunction('document.activeElement && document.activeElement.id === "error-summary"');
    const links = await summaryTexts(page);
    expect(links).to.include(`Antal borgere i sagsstammen – ${messages.required}`);
    expect(links).to.include(`Samtaler om ugen i januar og februar – ${messages.required}`);
    // A battery's unanswered statements are one line, not one each.
    const opportunities = questionnaire.sections.flatMap((section) => section.items).find((item) => item.id === 'opportunities')!;
    expect(links).to.include(`Mine muligheder (${'statements' in opportunities ? opportunities.statements.length : 0} udsagn) – ${messages.required}`);
    expect(links.filter((link) => link.startsWith('Mine muligheder'))).to.have.length(1);
    const longest = Math.max(...links.map((link) => link.length));
    expect(longest, `longest summary link: ${links.find((link) => link.length === longest)}`).to.be.at.most(140);
    await expectNoHorizontalOverflow(page);

    // A number: a value out of range keeps the error, a right one clears it at once.
    const caseload = page.locator('#q-caseload');
    expect(await caseload.getAttribute('aria-invalid')).to.equal('true');
    await caseload.fill('9999');
    expect(await page.locator('#q-caseload-error').count(), 'error kept for 9999').to.equal(1);
    await caseload.fill('25');
    await page.locator('#q-caseload-error').waitFor({ state: 'detached' });
    expect(await caseload.getAttribute('aria-invalid')).to.equal(null);
    expect(await caseload.getAttribute('aria-describedby')).not.to.contain('q-caseload-error');
    expect(await page.locator('#item-caseload .form-error').count()).to.equal(0);
    // A count bounded by the caseload: above it stays wrong.
    await page.locator('#q-belief_job').fill('30');
    expect(await page.locator('#q-belief_job-error').count(), 'error kept above the caseload').to.equal(1);
    await page.locator('#q-belief_job').fill('5');
    await page.locator('#q-belief_job-error').waitFor({ state: 'detached' });

    // A choice: picking an option clears it.
    const choice = answerableItems(questionnaire).find((item) => item.kind === 'choice')!;
    await page.locator(`label[for="q-${choice.id}"]`).click();
    await page.locator(`#q-${choice.id}-error`).waitFor({ state: 'detached' });

    // Time use: the whole question's error goes when the shares add up to 100.
    await page.locator(category(0)).fill('60');
    expect(await page.locator(`#q-${timeUse.id}-error`).count(), 'sum still 60').to.equal(1);
    await page.locator(category(1)).fill('40');
    await page.locator(`#q-${timeUse.id}-error`).waitFor({ state: 'detached' });
    expect(await page.locator(`#q-${timeUse.id}-sum`).textContent()).to.equal('100 af 100 – passer');

    // The summary stays as the list of what was wrong when the form was sent.
    expect((await summaryTexts(page)).length).to.equal(links.length);
    expect(notDanish(await page.content(), englishCatalogue())).to.deep.equal([]);

    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'form-progress-phone.png'), fullPage: false });
    await page.locator(`#section-${questionnaire.sections[1]!.id} h2`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'form-step-phone.png') });
    await page.locator(`#item-${timeUse.id}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'form-time-use-phone.png') });
  });

  it('without JavaScript: steps, a sum worked out by "Gem og fortsæt senere" and stated after a submit with errors, short labels', async () => {
    const { page } = await openForm({ ...PHONE, javaScriptEnabled: false });
    await expectStep(page, 2);
    const sum = page.locator(`#q-${timeUse.id}-sum`);
    expect(await sum.textContent()).to.equal('0 af 100 – mangler 100');
    // (Playwright's text search skips <noscript>; a CSS locator reaches it.)
    const note = page.locator(`#item-${timeUse.id} noscript .form-hint`);
    expect(await note.textContent()).to.equal(ui.form.sumWithoutScript);
    expect(await note.isVisible(), 'says when the sum is worked out').to.equal(true);

    await page.locator(category(0)).fill('40');
    await page.locator(category(1)).fill('30,5');
    await page.getByRole('button', { name: ui.form.save }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.locator('.alert-success').textContent()).to.contain(ui.form.savedHeading);
    expect(await sum.textContent()).to.equal('70,5 af 100 – mangler 29,5');
    expect(await sum.getAttribute('data-state')).to.equal('mismatch');

    await page.locator(category(2)).fill('29,5');
    await page.getByRole('button', { name: ui.form.submit }).click();
    await page.locator('#error-summary').waitFor();
    expect(await sum.textContent()).to.equal('100 af 100 – passer');
    const links = await summaryTexts(page);
    expect(links).to.include(`Antal borgere i sagsstammen – ${messages.required}`);
    expect(links.some((link) => link.startsWith('Tidsforbrug')), 'time use adds up: not in the summary').to.equal(false);
    await expectStep(page, 2);
    await expectNoHorizontalOverflow(page);
    expect(notDanish(await page.content(), englishCatalogue())).to.deep.equal([]);
    await page.screenshot({ path: path.join(screenshotDir, 'form-noscript-summary-phone.png') });
    await sum.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'form-noscript-sum-phone.png') });
  });

  it('has no axe violations with steps and errors shown, on a phone and a laptop', async function () {
    // Four axe runs over a long page: slow on a shared machine.
    this.timeout(240_000);
    for (const [size, options] of [['phone', PHONE], ['laptop', LAPTOP]] as const) {
      const { page } = await openForm({ ...options, bypassCSP: true });
      await expectNoSeriousAxeViolations(page, `form (${size})`);
      await page.getByRole('button', { name: ui.form.submit }).click();
      await page.locator('#error-summary').waitFor();
      await expectNoSeriousAxeViolations(page, `form with errors (${size})`);
      const all = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => v.id + " (" + v.impact + ")"))')) as string[];
      expect(all, `every axe violation (${size})`).to.deep.equal([]);
      // Generous: a full-page screenshot of a long form is slow on a shared machine.
      await page.screenshot({ path: path.join(screenshotDir, `form-errors-${size}.png`), fullPage: size === 'laptop', timeout: 45_000 });
    }
  });
});
