import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Response as PageResponse } from 'playwright-core';
import { Answer, Draft, Response, type Round } from '../../src/db/entities/index.js';
import { answerableItems, type AnswerableItem } from '../../src/questionnaires/answerableItems.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import { answerRows, type AnswerRow } from '../../src/responses/answerRows.js';
import { fieldId, fieldName } from '../../src/responses/formView.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import type { Answers, FormValues } from '../../src/responses/types.js';
import { validationMessages } from '../../src/responses/validationMessages.js';
import { uiText } from '../../src/shared/i18n.js';
import { browserApp } from '../support/browserApp.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import type { TestContext } from '../support/testContext.js';

/*
 * The caseworker's form in a real browser (Debian's Chromium), served by the real app on a
 * loopback port: a phone, filled in with keyboard, mouse and touch; resuming from the server's
 * draft; axe; and the strict CSP. What to fill in is derived from the questionnaire itself.
 */

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'da-DK' };
const ui = uiText('da');
const screenshotDir = path.resolve(import.meta.dirname, '../../test-results');

type ScaleItem = Extract<AnswerableItem, { scale: unknown }>;
type NumberAnswerable = Extract<AnswerableItem, { kind: 'number' }>;
type Input = 'keyboard' | 'tap' | 'click';

/** The id of each radio in a group, in scale order: the first carries the field id (see formView). */
function radioIds(item: ScaleItem, sub?: string): string[] {
  const id = fieldId(item.id, sub);
  return item.scale.options.map((option, index) => (index === 0 ? id : `${id}--${option.code}`));
}

/** `#id` for a locator; ids come from the questionnaire file, so escape anything unusual. */
const byId = (id: string) => `#${id.replace(/([^a-zA-Z0-9_-])/g, '\\$1')}`;

const activeId = (page: Page) => page.evaluate('document.activeElement ? document.activeElement.id : null') as Promise<string | null>;

async function waitForFocus(page: Page, id: string): Promise<void> {
  await page.waitForFunction(`document.activeElement && document.activeElement.id === ${JSON.stringify(id)}`, undefined, { timeout: 5000 });
}

/** Input events are handled asynchronously after a tap or key press: wait (bounded) for the radio to be on. */
async function expectChecked(page: Page, id: string, how: string): Promise<void> {
  try {
    await page.locator(`${byId(id)}:checked`).waitFor({ state: 'attached', timeout: 5000 });
  } catch {
    throw new Error(`${how} did not choose #${id}`);
  }
}

async function expectValue(page: Page, id: string, text: string, how: string): Promise<void> {
  try {
    await page.waitForFunction(`document.getElementById(${JSON.stringify(id)}).value === ${JSON.stringify(text)}`, undefined, { timeout: 5000 });
  } catch {
    throw new Error(`typing ${JSON.stringify(text)} into #${id} (${how}) left ${JSON.stringify(await page.locator(byId(id)).inputValue())}`);
  }
}

/**
 * The focused text field is really visible: what the browser shows at its first line and at its
 * middle (where on screen) is the field itself, not something on top of it (like the sticky
 * allocation sum). A tall textarea may reach below the screen; its first line may not.
 */
async function expectFocusNotObscured(page: Page): Promise<void> {
  const shown = await page.evaluate(`(() => {
    const field = document.activeElement;
    const box = field.getBoundingClientRect();
    const points = [Math.min(box.top + 10, box.top + box.height / 2), box.top + box.height / 2];
    return points.filter((y, index) => index === 0 || y < window.innerHeight).map((y) => {
      const hit = document.elementFromPoint(box.left + 8, y);
      return hit === field ? 'field' : hit ? (hit.id || hit.className || hit.nodeName) : 'outside the viewport';
    });
  })()`) as string[];
  expect(shown.filter((what) => what !== 'field'), `#${await activeId(page)} is covered or off screen`).to.deep.equal([]);
}

/** Press Tab until focus lands on one of these ids, as a keyboard user moves through the form. */
async function tabTo(page: Page, ids: string[], maxPresses = 12): Promise<void> {
  const visited: (string | null)[] = [];
  for (let press = 0; press <= maxPresses; press++) {
    const current = await activeId(page);
    if (current !== null && ids.includes(current)) return;
    visited.push(current);
    if (press < maxPresses) await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach #${ids[0]} within ${maxPresses} presses; focus went ${visited.map((id) => id || '(no id)').join(' → ')}`);
}

/** Keyboard only: Tab into the group, then Space on the first option or arrow keys to another. */
async function chooseByKeyboard(page: Page, ids: string[], index: number): Promise<void> {
  const current = await activeId(page);
  if (current === null || !ids.includes(current)) await tabTo(page, ids);
  const from = ids.indexOf((await activeId(page))!);
  if (from === index) await page.keyboard.press('Space');
  for (let step = from; step < index; step++) await page.keyboard.press('ArrowDown');
  for (let step = from; step > index; step--) await page.keyboard.press('ArrowUp');
  await expectChecked(page, ids[index]!, 'the keyboard');
}

/** Mouse or finger: on the option's visible label, not on the (small) radio itself. */
async function chooseByPointer(page: Page, ids: string[], index: number, input: 'tap' | 'click'): Promise<void> {
  const label = page.locator(`label[for="${ids[index]}"]`);
  if (input === 'tap') await label.tap();
  else await label.click();
  await expectChecked(page, ids[index]!, `a ${input} on its label`);
}

/**
 * Reach an empty text field by Tab, tap or click, then type into it. After a tap the text comes
 * as a phone's on-screen keyboard sends it (input events, character by character), not as key
 * presses: emulated Chromium drops key presses sent right after a touch tap now and then.
 */
async function typeInField(page: Page, id: string, text: string, input: Input): Promise<void> {
  if (input === 'keyboard') await tabTo(page, [id]);
  else if (input === 'tap') await page.locator(byId(id)).tap();
  else await page.locator(byId(id)).click();
  await waitForFocus(page, id);
  if (input === 'keyboard') await expectFocusNotObscured(page);
  if (input === 'tap') for (const char of text) await page.keyboard.insertText(char);
  else await page.keyboard.type(text);
  await expectValue(page, id, text, input);
}

/** Danish number input: decimal comma. */
const danish = (value: number) => String(value).replace('.', ',');

/** Shares that add up to the total, all different, so a swapped category would show. */
function sharesFor(total: number, count: number): number[] {
  const shares: number[] = [];
  let left = total;
  for (let index = 0; index < count - 1; index++) {
    const share = Math.floor(left / 2);
    shares.push(share);
    left -= share;
  }
  shares.push(left);
  return shares;
}

/** The form shows exactly these raw values in its text fields and these checked radios, nothing else. */
async function expectFormShows(page: Page, questionnaire: Questionnaire, values: FormValues): Promise<void> {
  const problems: string[] = [];
  for (const item of answerableItems(questionnaire)) {
    const names = item.kind === 'allocation' ? item.item.categories.map((c) => fieldName(item.id, c.id))
      : item.kind === 'matrix' ? item.item.rows.map((r) => fieldName(item.id, r.id)) : [fieldName(item.id)];
    for (const name of names) {
      const want = values[name] ?? '';
      let shown: string;
      if (item.kind === 'likert' || item.kind === 'choice' || item.kind === 'matrix') {
        const checked = page.locator(`input[type=radio][name="${name}"]:checked`);
        shown = (await checked.count()) === 1 ? (await checked.getAttribute('value'))! : '';
      } else {
        shown = await page.locator(`[name="${name}"]`).inputValue();
      }
      if (shown !== want) problems.push(`${name}: shows ${JSON.stringify(shown)}, expected ${JSON.stringify(want)}`);
    }
  }
  expect(problems).to.deep.equal([]);
}

const isFormPost = (token: string) => (res: PageResponse) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/s/${token}`;

/** Rows as comparable values: no ids, a stable order. */
const comparable = (rows: AnswerRow[]) =>
  rows.map(({ itemId, subId, valueCode, valueNumber, valueText }) => ({ itemId, subId, valueCode, valueNumber, valueText }))
    .sort((a, b) => `${a.itemId}\u0000${a.subId}`.localeCompare(`${b.itemId}\u0000${b.subId}`));

describe('the caseworker form in Chromium', function () {
  this.timeout(60_000);
  let ctx: TestContext | undefined;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> } | undefined;
  let round: Round;
  let questionnaire: Questionnaire;
  const contexts: BrowserContext[] = [];

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now(), { questionnaireId: 'hir-start' });
    questionnaire = ctx.catalog.latest('hir-start')!.questionnaire;
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  /** A fresh browser profile (no cookies, no localStorage) with bounded waits; closed after each test. */
  async function newContext(options: BrowserContextOptions = PHONE): Promise<BrowserContext> {
    const context = await browser!.newContext(options);
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(15_000);
    contexts.push(context);
    return context;
  }

  const linkOf = (token: string) => `${server!.baseUrl}/s/${token}`;

  /** Press "Send svar" on a form that has a mistake: the form comes back (400), summary focused. */
  async function submitExpectingErrors(page: Page, token: string, input: 'tap' | 'click'): Promise<void> {
    let posts = 0;
    const countPosts = (request: { method(): string; url(): string }) => { if (request.method() === 'POST' && new URL(request.url()).pathname === `/s/${token}`) posts++; };
    page.on('request', countPosts);
    const rejected = page.waitForResponse(isFormPost(token));
    const button = page.getByRole('button', { name: ui.form.submit });
    if (input === 'tap') await button.tap();
    else await button.click();
    expect((await rejected).status()).to.equal(400);
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    await page.waitForLoadState('load');
    // form.js moves focus to the summary, so screen readers start there.
    await waitForFocus(page, 'error-summary');
    page.off('request', countPosts);
    // The page with the errors is the answer to the one POST, not to a second one (each counts against the link's rate limit).
    expect(posts, 'POSTs of the form').to.equal(1);
  }

  it('on a phone, filled in with keyboard, mouse and touch, explains an error, is fixed and submitted; the stored answers equal the input', async () => {
    const { token, invitation } = await buildInvitation(ctx!.dataSource, round);
    const page = await (await newContext()).newPage();
    await page.goto(linkOf(token));
    expect(await page.locator('h1').textContent()).to.equal(questionnaire.title.da);

    const items = answerableItems(questionnaire);
    const expected: Answers = {};
    const values: FormValues = {};
    const used = new Set<string>();
    const inputs: Input[] = ['keyboard', 'tap', 'keyboard', 'click'];
    let turn = 0;
    const nextInput = (kind: string, forced?: Input): Input => {
      const input = forced ?? inputs[turn++ % inputs.length]!;
      used.add(`${kind}:${input}`);
      return input;
    };

    // The conditional battery and the question that controls it, from the questionnaire.
    const conditional = items.filter((item) => item.showIf);
    expect(conditional, 'hir-start has conditional items').to.not.be.empty;
    const condition = conditional[0]!.showIf!;
    const wrappers = [...new Set(conditional.map((item) => `#item-${item.item.id}`))];
    const conditionalHidden = async () => (await Promise.all(wrappers.map((w) => page.locator(w).isHidden()))).every(Boolean);
    expect(await conditionalHidden(), 'conditional questions hidden at first').to.equal(true);

    // One deliberate mistake: more citizens who can get a job than the caseload holds.
    const bounded = items.filter((item): item is NumberAnswerable => item.kind === 'number' && item.item.maxItem !== undefined);
    const wrong = bounded.find((item) => item.id === 'belief_job') ?? bounded[0]!;
    const boundOf = (item: NumberAnswerable) => expected[item.item.maxItem!] as number;

    for (const item of items) {
      if (item.showIf && !item.showIf.anyOf.includes(expected[item.showIf.item] as number)) continue;
      switch (item.kind) {
        case 'likert':
        case 'choice': {
          const ids = radioIds(item);
          let index = turn % item.scale.options.length;
          if (item.id === condition.item) {
            // First the answer that keeps the battery hidden (mouse), then the one that shows it (keyboard).
            const hides = item.scale.options.findIndex((option) => !condition.anyOf.includes(option.code));
            await chooseByPointer(page, ids, hides, 'click');
            used.add(`${item.kind}:click`);
            expect(await conditionalHidden(), `conditional questions hidden after "${item.scale.options[hides]!.label.da}"`).to.equal(true);
            index = item.scale.options.findIndex((option) => condition.anyOf.includes(option.code));
            expect(item.scale.options[index]!.label.da).to.equal('Nej');
            await chooseByKeyboard(page, ids, index);
            used.add(`${item.kind}:keyboard`);
            for (const wrapper of wrappers) await page.locator(wrapper).waitFor({ state: 'visible' });
          } else {
            const input = nextInput(item.kind);
            if (input === 'keyboard') await chooseByKeyboard(page, ids, index);
            else await chooseByPointer(page, ids, index, input);
          }
          expected[item.id] = item.scale.options[index]!.code;
          values[item.id] = String(expected[item.id]);
          break;
        }
        case 'matrix': {
          const result: Record<string, number> = {};
          for (const row of item.item.rows) {
            const ids = radioIds(item, row.id);
            const index = turn % item.scale.options.length;
            const input = nextInput(item.kind);
            if (input === 'keyboard') await chooseByKeyboard(page, ids, index);
            else await chooseByPointer(page, ids, index, input);
            result[row.id] = item.scale.options[index]!.code;
            values[fieldName(item.id, row.id)] = String(result[row.id]);
          }
          expected[item.id] = result;
          break;
        }
        case 'number': {
          const { min, max, integer } = item.item;
          const bound = item.item.maxItem ? boundOf(item) : max;
          const decimals = integer === false;
          let value = item.item.maxItem ? (decimals ? Math.round(bound * 5) / 10 : Math.floor(bound / 2)) : decimals ? 12.5 : 37;
          value = Math.max(min, Math.min(bound, value));
          let typed = danish(value);
          if (item === wrong) typed = String(bound + 5);
          else expected[item.id] = value;
          await typeInField(page, fieldId(item.id), typed, nextInput(item.kind));
          values[item.id] = typed;
          break;
        }
        case 'allocation': {
          const categories = item.item.categories;
          const shares = sharesFor(item.item.total, categories.length);
          const sum = page.locator(byId(`${fieldId(item.id)}-sum`));
          const result: Record<string, number> = {};
          for (const [index, category] of categories.entries()) {
            if (index === categories.length - 1) {
              // Before the last share: the live sum says how much is missing.
              expect(await sum.textContent()).to.contain(ui.form.sumMissing(danish(shares[index]!)));
              expect(await sum.getAttribute('data-state')).to.equal('mismatch');
            }
            await typeInField(page, fieldId(item.id, category.id), String(shares[index]), nextInput(item.kind));
            result[category.id] = shares[index]!;
            values[fieldName(item.id, category.id)] = String(shares[index]);
          }
          expect(shares.reduce((a, b) => a + b, 0)).to.equal(item.item.total);
          expect(await sum.textContent()).to.equal(`${item.item.total} ${ui.form.sumOf} ${item.item.total} – ${ui.form.sumMatches}`);
          expect(await sum.getAttribute('data-state')).to.equal('match');
          expected[item.id] = result;
          break;
        }
        case 'text': {
          // Two lines (Enter in the textarea): stored with "\n", as typed, not the CRLF browsers send.
          const text = 'Mere tid til hver borger giver bedre samtaler.\nOgså med æøå og „citater“.';
          await typeInField(page, fieldId(item.id), text, nextInput(item.kind, 'keyboard'));
          expected[item.id] = text;
          values[item.id] = text;
          break;
        }
      }
    }
    for (const needed of ['likert:keyboard', 'likert:tap', 'likert:click', 'number:keyboard', 'number:tap', 'text:keyboard', 'choice:keyboard', 'matrix:keyboard', 'matrix:tap', 'allocation:keyboard']) {
      expect([...used], `answered some ${needed.replace(':', ' by ')}`).to.include(needed);
    }
    await expectFormShows(page, questionnaire, values);

    // "Send svar": the page comes back with the mistake explained and everything else kept.
    await submitExpectingErrors(page, token, 'tap');
    const summary = page.locator('#error-summary');
    expect(await page.title()).to.match(new RegExp(`^${ui.form.titleErrorPrefix}`));
    expect(await summary.getAttribute('role')).to.equal('alert');
    const caseloadItem = items.find((item) => item.id === wrong.item.maxItem)!;
    const message = validationMessages.da.aboveOther(caseloadItem.text.da, boundOf(wrong));
    expect(message).to.match(/^Tallet må ikke være større end dit svar på „/);
    const links = summary.locator('a');
    expect(await links.count(), 'exactly one error').to.equal(1);
    expect(await links.first().textContent()).to.contain(message);
    expect(await links.first().getAttribute('href')).to.equal(`#${fieldId(wrong.id)}`);

    const field = page.locator(byId(fieldId(wrong.id)));
    const errorId = `${fieldId(wrong.id)}-error`;
    expect(await field.getAttribute('aria-invalid')).to.equal('true');
    expect((await field.getAttribute('aria-describedby'))!.split(' ')).to.include(errorId);
    expect(await page.locator(byId(errorId)).textContent()).to.contain(message);
    await expectFormShows(page, questionnaire, values);
    for (const wrapper of wrappers) expect(await page.locator(wrapper).isVisible(), `${wrapper} still shown`).to.equal(true);
    fs.mkdirSync(screenshotDir, { recursive: true });
    // Scrolled to the end, so the sticky allocation sum sits in its place in the full-page picture.
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    // A full-page picture of the whole form at DPR 2 takes more than the default 10 s on a busy machine.
    await page.screenshot({ path: path.join(screenshotDir, 'form-phone-error.png'), fullPage: true, timeout: 45_000 });

    // Follow the link in the summary: focus goes to the field; fix it and press Enter ("Send svar" is the default button).
    await links.first().click();
    await waitForFocus(page, fieldId(wrong.id));
    const fixed = Math.floor(boundOf(wrong) / 3);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(String(fixed));
    expect(await field.inputValue()).to.equal(String(fixed));
    expected[wrong.id] = fixed;
    await Promise.all([page.waitForURL((url) => url.pathname === `/s/${token}/tak`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).to.equal(ui.messages.submitted.heading);
    expect(ui.messages.submitted.heading).to.equal('Tak for dine svar');

    const response = await ctx!.dataSource.getRepository(Response).findOneByOrFail({ invitationId: invitation.id });
    const stored = await ctx!.dataSource.getRepository(Answer).findBy({ responseId: response.id });
    const wanted = answerRows(questionnaire, expected);
    expect(wanted.length, 'every item answered, the battery included').to.equal(answerRows(questionnaire, buildValidAnswers(questionnaire, { [condition.item]: condition.anyOf[0]! })).length);
    expect(comparable(stored)).to.deep.equal(comparable(wanted));
  });

  it('resumes from the server draft in a new browser after the tab was closed', async () => {
    const { token, invitation } = await buildInvitation(ctx!.dataSource, round);
    const items = answerableItems(questionnaire);
    const firstContext = await newContext();
    const page = await firstContext.newPage();
    await page.goto(linkOf(token));

    const number = items.find((item) => item.kind === 'number')!;
    const likert = items.find((item): item is Extract<AnswerableItem, { kind: 'likert' }> => item.kind === 'likert' && !item.showIf)!;
    const conditional = items.find((item): item is Extract<AnswerableItem, { kind: 'likert' }> => item.kind === 'likert' && item.showIf !== undefined)!;
    const controlling = items.find((item): item is ScaleItem => item.id === conditional.showIf!.item && 'scale' in item)!;
    const shows = controlling.scale.options.findIndex((option) => conditional.showIf!.anyOf.includes(option.code));
    const allocation = items.find((item): item is Extract<AnswerableItem, { kind: 'allocation' }> => item.kind === 'allocation')!;
    const firstCategory = allocation.item.categories[0]!.id;
    const values: FormValues = {
      [number.id]: '33',
      [likert.id]: String(likert.scale.options[1]!.code),
      [controlling.id]: String(controlling.scale.options[shows]!.code),
      [conditional.id]: String(conditional.scale.options[2]!.code),
      [fieldName(allocation.id, firstCategory)]: '60',
    };

    await typeInField(page, fieldId(number.id), '33', 'keyboard');
    await chooseByPointer(page, radioIds(likert), 1, 'tap');
    await chooseByPointer(page, radioIds(controlling), shows, 'click');
    await page.locator(`#item-${conditional.item.id}`).waitFor({ state: 'visible' });
    await chooseByPointer(page, radioIds(conditional), 2, 'tap');
    const lastSave = page.waitForResponse((res) => res.request().method() === 'PUT' && new URL(res.url()).pathname === `/api/drafts/${token}`
      && (JSON.parse(res.request().postData() ?? '{}') as { values?: FormValues }).values?.[fieldName(allocation.id, firstCategory)] === '60');
    await typeInField(page, fieldId(allocation.id, firstCategory), '60', 'click');

    // The status line (a polite live region) tells the person when the answers are safe.
    const status = page.locator('#autosave-status');
    expect(await status.getAttribute('role')).to.equal('status');
    expect(await status.getAttribute('aria-live')).to.equal('polite');
    expect((await lastSave).status()).to.be.within(200, 299);
    await page.locator('#autosave-status', { hasText: /^Gemt kl\. \d\d:\d\d$/ }).waitFor();
    await firstContext.close();
    expect(await ctx!.dataSource.getRepository(Draft).existsBy({ invitationId: invitation.id }), 'draft stored').to.equal(true);

    // Another browser profile: no localStorage copy, so whatever comes back is the server's draft.
    const again = await (await newContext()).newPage();
    await again.goto(linkOf(token));
    expect(await again.evaluate(`localStorage.getItem(${JSON.stringify(`pejling-draft:${token}`)})`)).to.equal(null);
    expect(await again.locator(`#item-${conditional.item.id}`).isVisible(), 'conditional battery shown for the saved answer').to.equal(true);
    await expectFormShows(again, questionnaire, values);
    expect(await again.locator(byId(`${fieldId(allocation.id)}-sum`)).textContent()).to.contain(`60 ${ui.form.sumOf} ${allocation.item.total}`);
  });

  it('on a phone, a field reached by Tab is never hidden under the sticky sum of the time-use question', async () => {
    const { token } = await buildInvitation(ctx!.dataSource, round);
    const items = answerableItems(questionnaire);
    const allocation = items.find((item): item is Extract<AnswerableItem, { kind: 'allocation' }> => item.kind === 'allocation')!;
    const before = items[items.indexOf(allocation) - 1]!;
    expect(before.kind, 'the question before the time use is a number field').to.equal('number');
    // Several screen heights: where a field lands after Tab depends on what fits above it.
    for (const height of [844, 700, 568]) {
      const page = await (await newContext({ ...PHONE, viewport: { width: 390, height } })).newPage();
      await page.goto(linkOf(token));
      await page.locator(byId(fieldId(before.id))).focus();
      for (const category of allocation.item.categories) {
        await tabTo(page, [fieldId(allocation.id, category.id)], 1);
        await expectFocusNotObscured(page);
      }
      for (const category of allocation.item.categories.slice(0, -1).reverse()) {
        await page.keyboard.press('Shift+Tab');
        expect(await activeId(page)).to.equal(fieldId(allocation.id, category.id));
        await expectFocusNotObscured(page);
      }
    }
  });

  it('has no serious or critical axe violations on the form, the form with errors, and the message pages', async () => {
    const { token } = await buildInvitation(ctx!.dataSource, round);
    // Only here: axe is injected as an inline script, which the app's CSP (rightly) refuses.
    const context = await newContext({ ...PHONE, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(linkOf(token));
    await expectNoSeriousAxeViolations(page, 'form');

    await submitExpectingErrors(page, token, 'click');
    expect(await page.locator('#error-summary a').count()).to.be.greaterThan(10);
    await expectNoSeriousAxeViolations(page, 'form with errors');

    // The thank-you page after a valid submission, and "already answered" on opening the link again.
    const form = { ...answersToFormValues(buildValidAnswers(questionnaire)), _lang: 'da', action: 'submit' };
    const submitted = await context.request.post(linkOf(token), { form, maxRedirects: 0 });
    expect(submitted.status()).to.equal(303);
    await page.goto(`${linkOf(token)}/tak`);
    expect(await page.locator('h1').textContent()).to.equal(ui.messages.submitted.heading);
    await expectNoSeriousAxeViolations(page, 'thank-you page');
    await page.goto(linkOf(token));
    expect(await page.locator('h1').textContent()).to.equal(ui.messages.alreadySubmitted.heading);
    await expectNoSeriousAxeViolations(page, 'already answered page');

    await page.goto(`${server!.baseUrl}/s/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(await page.locator('h1').textContent()).to.equal(ui.messages.unknownLink.heading);
    await expectNoSeriousAxeViolations(page, 'unknown link page');
  });

  it('runs without console errors or Content-Security-Policy violations, with and without errors shown', async () => {
    const { token } = await buildInvitation(ctx!.dataSource, round);
    const context = await newContext();
    // Init scripts come in through the DevTools protocol, not the page, so the CSP does not block this listener.
    await context.addInitScript(`window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`);
    const page = await context.newPage();
    const problems: string[] = [];
    const failedRequests: string[] = [];
    // The form coming back with errors is a 400 on purpose (and Chromium logs every 4xx document); anything else is a fault.
    const intended400 = (url: string) => new URL(url).pathname === `/s/${token}`;
    page.on('console', (message) => {
      const expectedLog = /status of 400/.test(message.text()) && intended400(message.location().url);
      if ((message.type() === 'error' || message.type() === 'warning') && !expectedLog) problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (res) => {
      if (res.status() >= 400 && !(isFormPost(token)(res) && res.status() === 400)) failedRequests.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
    });

    await page.goto(linkOf(token));
    // Exercise everything form.js does: live sum, showing the conditional battery, autosave.
    const items = answerableItems(questionnaire);
    const allocation = items.find((item): item is Extract<AnswerableItem, { kind: 'allocation' }> => item.kind === 'allocation')!;
    await typeInField(page, fieldId(allocation.id, allocation.item.categories[0]!.id), String(allocation.item.total), 'click');
    expect(await page.locator(byId(`${fieldId(allocation.id)}-sum`)).textContent()).to.contain(ui.form.sumMatches);
    const conditional = items.find((item) => item.showIf)!;
    const controlling = items.find((item): item is ScaleItem => item.id === conditional.showIf!.item)!;
    // Wait for the save that carries the last change, so no save is still under way when the page is left.
    const saved = page.waitForResponse((res) => res.request().method() === 'PUT' && new URL(res.url()).pathname === `/api/drafts/${token}`
      && (JSON.parse(res.request().postData() ?? '{}') as { values?: FormValues }).values?.[controlling.id] !== undefined);
    await chooseByPointer(page, radioIds(controlling), controlling.scale.options.findIndex((o) => conditional.showIf!.anyOf.includes(o.code)), 'tap');
    await page.locator(`#item-${conditional.item.id}`).waitFor({ state: 'visible' });
    expect((await saved).status()).to.be.within(200, 299);
    await page.locator('#autosave-status', { hasText: /^Gemt kl\./ }).waitFor();

    // The form with errors: summary focused, its links move focus to the fields.
    await submitExpectingErrors(page, token, 'click');
    const firstLink = page.locator('#error-summary a').first();
    const target = (await firstLink.getAttribute('href'))!.slice(1);
    await firstLink.click();
    await waitForFocus(page, target);

    // Everything the page refers to loads (the linked icon included), and so does the /favicon.ico browsers ask for anyway.
    const assets = (await page.evaluate('[...document.querySelectorAll("link[href], script[src]")].map((e) => e.href || e.src)')) as string[];
    expect(assets.some((url) => new RegExp(`^${server!.baseUrl}/static/[0-9a-f]{12}/favicon\\.svg$`).test(url)), assets.join(', ')).to.equal(true);
    for (const url of assets) expect((await context.request.get(url)).status(), url).to.equal(200);
    const favicon = await context.request.get(`${server!.baseUrl}/favicon.ico`);
    expect(favicon.status()).to.equal(200);
    expect(favicon.headers()['content-type']).to.match(/^image\/svg\+xml/);

    expect(await page.evaluate('window.__cspViolations'), 'CSP violations').to.deep.equal([]);
    expect(problems, 'console errors').to.deep.equal([]);
    expect(failedRequests, 'failed requests').to.deep.equal([]);
  });
});
