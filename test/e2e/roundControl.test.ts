import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { MailOutbox, Round } from '../../src/db/entities/index.js';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { buildUser } from '../support/auth.js';
import { buildProject, buildRespondent } from '../support/builders.js';
import type { TestContext } from '../support/testContext.js';

/** Screenshots for a person to look at (not compared): SCREENSHOT_DIR, else the temp folder. */
const shots = process.env.SCREENSHOT_DIR ?? path.join(process.env.TMPDIR ?? '/tmp', 'pejling-screenshots');

describe('an admin steers a round by hand and reads who is missing', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
    fs.mkdirSync(shots, { recursive: true });
  });

  it('opens a round now, sends a reminder now, and filters the list to those who have not answered', async () => {
    const { dataSource, catalog, clock } = ctx;
    const admin = await buildUser(ctx, { role: 'admin' });
    const project = await buildProject(dataSource, { name: 'HIR Vejle' });
    for (let i = 0; i < 6; i++) await buildRespondent(dataSource, project.id, { name: `Sagsbehandler ${i}`, email: `vejle${i}@jobcenter.dk`, externalId: `V${i}`, municipality: i < 3 ? 'Vejle' : 'Kolding' });
    const round = await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'scheduled',
      opensAt: new Date(clock.now().getTime() + 7 * 86400_000), closesAt: new Date(clock.now().getTime() + 21 * 86400_000), reminderDays: '[]',
      recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    const roundUrl = `${server.baseUrl}/admin/projects/${project.id}/rounds/${round.id}`;

    const context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await signInWithPassword(page, server.baseUrl, admin.email);

    await page.goto(roundUrl);
    await expectNoSeriousAxeViolations(page, 'round page before opening');
    await Promise.all([page.waitForURL(/done=opened$/), page.getByRole('button', { name: 'Åbn nu' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.contain('Runden er åbnet');
    expect(await dataSource.getRepository(MailOutbox).countBy({ kind: 'invitation', status: 'held' })).to.equal(6);

    // Two answer; an hour later the admin reminds the other four.
    const links = await (await page.request.get(`${server.baseUrl}/api/projects/${project.id}/rounds/${round.id}/links`)).json() as { links: { link: string }[] };
    const answers = buildValidAnswers(catalog.latest('hir-start')!.questionnaire);
    for (const { link } of links.links.slice(0, 2)) {
      expect((await page.request.post(`${server.baseUrl}/api/responses/${new URL(link).pathname.slice(3)}`, { data: { answers } })).status()).to.equal(201);
    }
    clock.advance(3600_000);
    await page.reload();
    await Promise.all([page.waitForURL(/done=reminded$/), page.getByRole('button', { name: 'Send påmindelse nu' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.contain('Påmindelser er lagt i udbakken');
    expect(await dataSource.getRepository(MailOutbox).countBy({ kind: 'reminder' })).to.equal(4);
    expect(await page.locator('main').textContent()).to.contain('Påmindelser sendt: 4.');
    await page.screenshot({ path: path.join(shots, 'round-page-1366.png'), fullPage: true });
    await page.goto(`${roundUrl}/invitations`);
    await page.screenshot({ path: path.join(shots, 'invitations-1366.png'), fullPage: true });
    await page.goto(`${roundUrl}?done=reminded`);
    await expectNoSeriousAxeViolations(page, 'round page, open');

    await page.getByRole('link', { name: /Hvem har svaret/ }).click();
    expect(await page.locator('main').textContent()).to.contain('6 inviterede');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Ikke åbnet' });
    await page.getByLabel('Kommune', { exact: true }).selectOption('Kolding');
    await Promise.all([page.waitForURL(/status=not_opened/), page.getByRole('button', { name: 'Filtrér' }).click()]);
    const missing = await page.locator('#invitations tbody tr').allTextContents();
    expect(missing).to.have.length(3);
    for (const row of missing) expect(row).to.contain('Ikke åbnet').and.to.contain('Kolding');
    await expectNoSeriousAxeViolations(page, 'who has answered');
    const download = await page.request.get(`${page.url().replace('/invitations?', '/invitations.csv?')}`);
    expect((await download.text()).split('\r\n').filter(Boolean)).to.have.length(4);

    const phone = await browser!.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
    const small = await phone.newPage();
    await small.goto(roundUrl);
    await small.screenshot({ path: path.join(shots, 'round-page-390.png'), fullPage: true });
    const overflow = await small.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number;
    expect(overflow, 'no sideways scrolling on a phone').to.be.at.most(0);
    await small.goto(`${roundUrl}/invitations`);
    await small.screenshot({ path: path.join(shots, 'invitations-390.png'), fullPage: true });
    expect(await small.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number, 'the list scrolls in its region, not the page').to.be.at.most(0);
    await phone.close();
    await context.close();
  });
});
