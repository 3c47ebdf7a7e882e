import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Draft, Invitation } from '../../src/db/entities/index.js';
import { deriveLinkToken, newLinkNonce } from '../../src/rounds/invitationLinks.js';
import { hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { launchChromium } from '../support/browser.js';
import { buildRound } from '../support/builders.js';
import { listen } from '../support/liveServer.js';
import { createTestContext, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/*
 * Two people on two devices give the same four facts (and birth month) on an open link. The
 * first one's comment, autosaved as she types, must never reach the second one's form.
 */
/** Until form.js reports that the server has the draft ("Gemt kl. …"). */
const waitForAutosave = (page: Page) => page.locator('#autosave-status').filter({ hasText: /Gemt kl\./ }).waitFor({ timeout: 15_000 });

const SECRET_COMMENT = 'Lederen lytter ikke til os – skrevet af den første';

describe('the open link keeps a draft to the browser that wrote it [sqlite, Chromium]', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let ctx: TestContext | undefined;
  let server: { baseUrl: string; close(): Promise<void> } | undefined;
  let link = '';

  before(async function () {
    browser = await launchChromium();
    if (!browser) this.skip();
    ctx = await createTestContext(testDatabases.find((d) => d.name === 'sqlite')!);
    const nonce = newLinkNonce();
    const token = deriveLinkToken(ctx!.deps.secretKey, 'open-link', nonce);
    await buildRound(ctx!.dataSource, ctx!.catalog, ctx!.clock.now(), { openLinkNonce: nonce, openLinkHash: hashInvitationToken(token) });
    server = await listen(ctx!.app);
    link = `${server.baseUrl}/a/${token}`;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  async function enterFacts(page: Page): Promise<void> {
    await page.goto(link);
    await page.fill('#code-motherInitial', 'k');
    await page.fill('#code-birthDay', '7');
    await page.selectOption('#code-birthMonth', '3');
    await page.fill('#code-olderSiblings', '1');
    await page.fill('#code-streetInitial', 's');
    await Promise.all([page.waitForURL(/\/skema/), page.click('button[type=submit]')]);
  }

  it('the second browser context with the same facts gets an empty form, not the first one\'s typed comment', async () => {
    const first = await (await browser!.newContext()).newPage();
    await enterFacts(first);
    await first.fill('textarea[name="comment"]', SECRET_COMMENT);
    await first.fill('[name="caseload"]', '30');
    // form.js autosaves to the server (and a copy in this browser) shortly after typing stops.
    await waitForAutosave(first);
    const drafts = await ctx!.dataSource.getRepository(Draft).find();
    expect(drafts.map((draft) => JSON.parse(draft.answers).comment)).to.deep.equal([SECRET_COMMENT]);

    const second = await (await browser!.newContext()).newPage();
    await enterFacts(second);
    expect(await second.inputValue('textarea[name="comment"]')).to.equal('');
    expect(await second.inputValue('[name="caseload"]')).to.equal('');
    expect(await second.content()).not.to.contain(SECRET_COMMENT);
    // Its own typing lands in its own draft; the first one's is untouched.
    await second.fill('textarea[name="comment"]', 'Den andens kommentar');
    await waitForAutosave(second);
    const invitations = await ctx!.dataSource.getRepository(Invitation).find({ order: { id: 'ASC' } });
    expect(invitations.map((invitation) => invitation.selfCode)).to.deep.equal(['K-07-03-1-S', 'K-07-03-1-S']);
    const comments = (await ctx!.dataSource.getRepository(Draft).find({ order: { invitationId: 'ASC' } })).map((draft) => JSON.parse(draft.answers).comment);
    expect(comments).to.deep.equal([SECRET_COMMENT, 'Den andens kommentar']);

    // The first browser, coming back with its code, still has its own comment.
    await enterFacts(first);
    expect(await first.inputValue('textarea[name="comment"]')).to.equal(SECRET_COMMENT);
  });
});
