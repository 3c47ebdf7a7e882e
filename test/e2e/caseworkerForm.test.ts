import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Answer, Draft, Response, type Round } from '../../src/db/entities/index.js';
import { answerableItems, type AnswerableItem } from '../../src/questionnaires/answerableItems.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import { answerRows } from '../../src/responses/answerRows.js';
import type { Answers } from '../../src/responses/types.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { listen } from '../support/liveServer.js';
import { createTestContext, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

type ScaleItem = Extract<AnswerableItem, { scale: unknown }>;

/** Click the label of a radio button, as a person with a mouse or a finger does. */
async function tapOption(page: Page, name: string, code: number): Promise<void> {
  const id = await page.locator(`input[type=radio][name="${name}"][value="${code}"]`).getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
}

/** Choose an option with the keyboard only: focus the group, arrows to the option, Space. */
async function keyOption(page: Page, name: string, index: number): Promise<void> {
  await page.locator(`input[type=radio][name="${name}"]`).first().focus();
  if (index === 0) await page.keyboard.press('Space');
  for (let step = 0; step < index; step++) await page.keyboard.press('ArrowDown');
}

async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await page.locator(`[name="${name}"]`).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('the caseworker form in Chromium', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };
  let round: Round;
  let questionnaire: Questionnaire;

  before(async function () {
    browser = await launchChromium();
    if (!browser) this.skip();
    ctx = (await createTestContext(testDatabases[0]!))!;
    server = await listen(ctx.app);
    round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now());
    questionnaire = ctx.catalog.latest('hir-start')!.questionnaire;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  it('on a phone, filled in with keyboard and touch, explains an error, is fixed and submitted; the stored answers equal the input', async () => {
    const { token, invitation } = await buildInvitation(ctx.dataSource, round);
    const context = await browser!.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/s/${token}`);
    expect(await page.locator('h1').textContent()).to.contain(questionnaire.title.da);

    const items = answerableItems(questionnaire);
    const expected: Answers = {};
    const consultantItems = items.filter((item) => item.showIf);
    expect(consultantItems.length).to.be.greaterThan(0);
    expect(await page.locator(`#q-${consultantItems[0]!.id}`).isVisible()).to.equal(false);

    let useKeyboard = false;
    for (const item of items) {
      useKeyboard = !useKeyboard;
      switch (item.kind) {
        case 'likert':
        case 'choice': {
          const options = (item as ScaleItem).scale.options;
          // "Nej" to consultant tasks, so the conditional consultant battery appears.
          const index = item.id === consultantItems[0]!.showIf!.item ? options.findIndex((o) => consultantItems[0]!.showIf!.anyOf.includes(o.code)) : items.indexOf(item) % options.length;
          if (useKeyboard) await keyOption(page, item.id, index);
          else await tapOption(page, item.id, options[index]!.code);
          expected[item.id] = options[index]!.code;
          break;
        }
        case 'number': {
          const value = item.item.maxItem ? 3 : item.item.integer === false ? 9.5 : 20;
          await typeInto(page, item.id, String(value).replace('.', ','));
          expected[item.id] = value;
          break;
        }
        case 'allocation': {
          const shares = [40, 25, 20, 10, 5];
          const result: Record<string, number> = {};
          for (const [index, category] of item.item.categories.entries()) {
            const share = shares[index] ?? 0;
            await typeInto(page, `${item.id}.${category.id}`, String(share));
            result[category.id] = share;
          }
          expect(await page.locator(`[data-allocation-sum]`).first().textContent()).to.match(/^100 af 100/);
          expected[item.id] = result;
          break;
        }
        case 'matrix': {
          const result: Record<string, number> = {};
          for (const [index, row] of item.item.rows.entries()) {
            const option = item.scale.options[index % item.scale.options.length]!;
            await tapOption(page, `${item.id}.${row.id}`, option.code);
            result[row.id] = option.code;
          }
          expected[item.id] = result;
          break;
        }
        case 'text':
          await typeInto(page, item.id, 'Mere tid giver bedre samtaler – også med æøå.');
          expected[item.id] = 'Mere tid giver bedre samtaler – også med æøå.';
          break;
      }
      if (item.id === consultantItems[0]!.showIf!.item) expect(await page.locator(`#q-${consultantItems[0]!.id}`).isVisible()).to.equal(true);
    }

    // One deliberate mistake: more citizens who can get a job than in the caseload.
    const bounded = items.find((item) => item.kind === 'number' && item.item.maxItem)!;
    await typeInto(page, bounded.id, '25');
    await Promise.all([page.waitForURL(new RegExp(`/s/${token}(\\?|$)`)), page.locator('button[name=action][value=submit]').click()]);

    const summary = page.locator('#error-summary');
    expect(await summary.isVisible()).to.equal(true);
    expect(await summary.textContent()).to.contain('Tallet må ikke være større end dit svar på');
    const field = page.locator(`[name="${bounded.id}"]`);
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).to.contain(`q-${bounded.id}-error`);
    expect(await page.locator(`#q-${bounded.id}-error`).textContent()).to.contain('Tallet må ikke være større end');
    expect(await field.inputValue()).to.equal('25');
    const firstLikert = items.find((item) => item.kind === 'likert')!;
    expect(await page.locator(`input[name="${firstLikert.id}"][value="${expected[firstLikert.id]}"]`).isChecked()).to.equal(true);

    await page.locator(`#error-summary a[href="#q-${bounded.id}"]`).click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).to.equal(`q-${bounded.id}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await Promise.all([page.waitForURL(new RegExp(`/s/${token}/tak(\\?|$)`)), page.locator('button[name=action][value=submit]').click()]);
    expect(await page.locator('h1').textContent()).to.contain('Tak for dine svar');
    await context.close();

    const response = await ctx.dataSource.getRepository(Response).findOneByOrFail({ invitationId: invitation.id });
    const stored = await ctx.dataSource.getRepository(Answer).find({ where: { responseId: response.id } });
    const simplify = (rows: { itemId: string; subId: string; valueCode: number | null; valueNumber: number | null; valueText: string | null }[]) =>
      rows.map((r) => `${r.itemId}|${r.subId}|${r.valueCode}|${r.valueNumber}|${r.valueText}`).sort();
    expect(simplify(stored)).to.deep.equal(simplify(answerRows(questionnaire, expected)));
  });

  it('resumes from the server draft in a new browser after the tab was closed', async () => {
    const { token, invitation } = await buildInvitation(ctx.dataSource, round);
    const first = await browser!.newContext(PHONE);
    const page = await first.newPage();
    await page.goto(`${server.baseUrl}/s/${token}`);
    const likert = answerableItems(questionnaire).find((item) => item.kind === 'likert')!;
    await tapOption(page, likert.id, 4);
    const saved = page.waitForResponse((res) => res.url().endsWith(`/api/drafts/${token}`) && res.status() === 200);
    await typeInto(page, 'caseload', '33');
    await saved;
    await first.close();
    expect(await ctx.dataSource.getRepository(Draft).exists({ where: { invitationId: invitation.id } })).to.equal(true);

    const second = await browser!.newContext(PHONE);
    const again = await second.newPage();
    await again.goto(`${server.baseUrl}/s/${token}`);
    expect(await again.locator('[name="caseload"]').inputValue()).to.equal('33');
    expect(await again.locator(`input[name="${likert.id}"][value="4"]`).isChecked()).to.equal(true);
    await second.close();
  });

  it('has no serious or critical axe violations on the form, the form with errors, and a message page', async () => {
    const { token } = await buildInvitation(ctx.dataSource, round);
    const context = await browser!.newContext({ ...PHONE, bypassCSP: true });
    const page = await context.newPage();
    const audit = (label: string) => expectNoSeriousAxeViolations(page, label);
    await page.goto(`${server.baseUrl}/s/${token}`);
    await audit('form');
    await Promise.all([page.waitForURL(new RegExp(`/s/${token}(\\?|$)`)), page.locator('button[name=action][value=submit]').click()]);
    expect(await page.locator('#error-summary').isVisible()).to.equal(true);
    await audit('form with errors');
    await page.goto(`${server.baseUrl}/s/AAAAAAAAAAAAAAAAAAAAAA`);
    await audit('unknown link page');
    await context.close();
  });

  it('runs without console errors or Content-Security-Policy violations', async () => {
    const { token } = await buildInvitation(ctx.dataSource, round);
    const context = await browser!.newContext(PHONE);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.baseUrl}/s/${token}`);
    await typeInto(page, 'caseload', '12');
    await page.waitForResponse((res) => res.url().endsWith(`/api/drafts/${token}`));
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
