import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/dataSource.js';
import { Answer, Response } from '../../src/db/entities/index.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { answerRows, type AnswerRow } from '../../src/responses/answerRows.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import type { Answers, FormValues } from '../../src/responses/types.js';
import { uiText } from '../../src/shared/i18n.js';
import { createLogger } from '../../src/shared/logger.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { launchChromium } from '../support/browser.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { listen } from '../support/liveServer.js';
import { TcpProxy } from '../support/tcpProxy.js';
import { surveysDir, testConfig, TEST_SECRET_KEY } from '../support/testContext.js';
import { mysqlTestUrl, testDatabases } from '../support/testDatabases.js';

/*
 * A caseworker fills in her form in Chromium while the server reaches MariaDB through a TCP proxy;
 * the proxy is cut before she presses "Send svar" and restored before she presses it again.
 */

const ui = uiText('da');
const comparable = (rows: Pick<AnswerRow, 'itemId' | 'subId' | 'valueCode' | 'valueNumber' | 'valueText'>[]) =>
  rows.map((r) => JSON.stringify([r.itemId, r.subId, r.valueCode === null ? null : Number(r.valueCode), r.valueNumber === null ? null : Number(r.valueNumber), r.valueText])).sort();

/** Every answer typed or clicked into the page, as a person would (fill and check fire the input events form.js listens to). */
async function fillIn(page: Page, values: FormValues): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const fields = page.locator(`[name="${name}"]`);
    if ((await fields.first().getAttribute('type')) === 'radio') await page.locator(`input[type=radio][name="${name}"][value="${value}"]`).check();
    else await fields.fill(value);
  }
}

/** The answer fields as the form would post them, read from the page. */
const fieldsOnPage = (page: Page) => page.evaluate(`(() => {
  const values = {};
  new FormData(document.getElementById('pejling-form')).forEach((value, name) => { if (name !== '_lang' && value !== '') values[name] = value; });
  return values;
})()`) as Promise<FormValues>;

const nonEmpty = (values: FormValues) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));

describe('a caseworker submits while the database is down [mariadb, Chromium]', function () {
  this.timeout(120_000);
  const target = new URL(mysqlTestUrl);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
  let browser: Browser | undefined;
  let dataSource: DataSource | undefined;
  let server: { baseUrl: string; close(): Promise<void> } | undefined;

  before(async function () {
    browser = await launchChromium();
    if (!browser) this.skip();
    // The shared helper resets the schema (and fails in CI when MariaDB is missing).
    const direct = await testDatabases.find((d) => d.name === 'mariadb')!.open();
    if (!direct) this.skip();
    await direct!.destroy();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await proxy.stop();
    await dataSource?.destroy().catch(() => undefined);
  });

  it('keeps every answer on the page and in the browser, says "try again" in Danish, and stores exactly her answers once the database is back', async () => {
    const port = await proxy.start();
    const url = new URL(mysqlTestUrl);
    url.port = String(port);
    dataSource = await openDatabase({ databaseUrl: url.toString(), sqliteFile: '' });
    const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(surveysDir));
    server = await listen(buildApp({ config: testConfig({ databaseUrl: url.toString() }), dataSource, catalog, logger: createLogger('silent'), secretKey: TEST_SECRET_KEY }));
    const round = await buildRound(dataSource, catalog, new Date());
    const questionnaire: Questionnaire = catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    const { token, invitation } = await buildInvitation(dataSource, round);
    const answers: Answers = buildValidAnswers(questionnaire, { comment: 'Svar skrevet under et nedbrud: æøå.' });
    const values = nonEmpty(answersToFormValues(answers));

    const context = await browser!.newContext({ locale: 'da-DK' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/s/${token}`);
    await fillIn(page, values);
    expect(await fieldsOnPage(page)).to.deep.equal(values);
    const draft = () => page.evaluate(`JSON.parse(localStorage.getItem(${JSON.stringify(`pejling-draft:${token}`)}) || 'null')`) as Promise<{ values: FormValues } | null>;
    await page.waitForFunction(`(JSON.parse(localStorage.getItem(${JSON.stringify(`pejling-draft:${token}`)}) || '{"values":{}}').values.comment || '') !== ''`);

    await proxy.stop();
    const health = async () => (await fetch(`${server!.baseUrl}/healthz`)).status;
    expect(await health()).to.equal(503);

    const send = page.getByRole('button', { name: ui.form.submit });
    const refused = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/s/${token}`);
    await send.click();
    expect((await refused).status()).to.equal(503);
    const alert = page.locator('#submit-failed');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.getAttribute('role')).to.equal('alert');
    expect(await alert.textContent()).to.contain(ui.form.submitFailedText);
    expect(ui.form.submitFailedText).to.match(/prøv .*igen/i);
    expect(new URL(page.url()).pathname).to.equal(`/s/${token}`);
    expect(await fieldsOnPage(page), 'the fields still hold every answer').to.deep.equal(values);
    expect(nonEmpty((await draft())!.values), 'the browser copy holds every answer').to.deep.equal(values);
    expect(await dataSource.getRepository(Response).countBy({ invitationId: invitation.id }).catch(() => 'unreachable')).to.equal('unreachable');

    await proxy.start(port);
    // The pool finds its dead connections on use: a few health checks bring it back (bounded).
    let status = 0;
    for (let attempt = 0; attempt < 10 && status !== 200; attempt++) status = await health();
    expect(status).to.equal(200);
    // She presses "Send svar" again; a connection the pool has not yet found dead may still fail once more.
    for (let attempt = 0; attempt < 5 && new URL(page.url()).pathname !== `/s/${token}/tak`; attempt++) {
      const posted = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/s/${token}`);
      await send.click();
      if ((await posted).status() !== 503) await page.waitForURL((to) => to.pathname === `/s/${token}/tak`);
    }
    expect(new URL(page.url()).pathname).to.equal(`/s/${token}/tak`);
    expect(await page.locator('h1').textContent()).to.equal(ui.messages.submitted.heading);
    expect(await draft(), 'the thank-you page forgets the browser copy').to.equal(null);

    const responses = await dataSource.getRepository(Response).findBy({ invitationId: invitation.id });
    expect(responses).to.have.length(1);
    const stored = await dataSource.getRepository(Answer).findBy({ responseId: responses[0]!.id });
    expect(comparable(stored)).to.deep.equal(comparable(answerRows(questionnaire, answers)));
    await context.close();
  });
});
