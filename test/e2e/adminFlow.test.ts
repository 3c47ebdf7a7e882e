import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { browserApp } from '../support/browserApp.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { Invitation, Respondent, Round } from '../../src/db/entities/index.js';
import { TEST_PASSWORD, buildUser } from '../support/auth.js';
import { buildCaseworkers, encode, toCsv } from '../support/csvBuilders.js';
import type { TestContext } from '../support/testContext.js';
import { SchedulerTick } from '../../src/scheduler/schedulerTick.js';

describe('an admin runs a project from the browser alone', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
  });

  it('logs in, creates a project, imports 100 caseworkers from CSV, schedules START, and sees invitations and response rates', async () => {
    const admin = await buildUser(ctx, { role: 'admin' });
    // axe is injected as a script, which the strict CSP would (rightly) refuse.
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/admin/projects`);
    expect(page.url()).to.contain('/login');
    await expectNoSeriousAxeViolations(page, 'login');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL('**/admin/projects'), page.getByRole('button', { name: 'Log ind' }).click()]);

    await page.getByRole('link', { name: 'Nyt projekt' }).click();
    await expectNoSeriousAxeViolations(page, 'project form');
    await page.getByLabel('Navn', { exact: true }).fill('HIR Aarhus og Odense');
    await page.getByLabel('Indsatsgruppe').fill('Forsøg');
    await page.getByLabel('Kontrolgruppe').fill('Kontrol');
    await Promise.all([page.waitForURL(/\/admin\/projects\/\d+$/), page.getByRole('button', { name: 'Gem projekt' }).click()]);
    const projectId = Number(/\/admin\/projects\/(\d+)$/.exec(page.url())![1]);
    await expectNoSeriousAxeViolations(page, 'project page');

    await page.getByRole('link', { name: 'Importér sagsbehandlere fra CSV' }).click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-csv-')), 'sagsbehandlere.csv');
    fs.writeFileSync(file, encode.windows1252(toCsv(buildCaseworkers(100), { delimiter: ';' })));
    await page.getByLabel('CSV-fil').setInputFiles(file);
    await page.getByRole('button', { name: 'Vis gennemsyn' }).click();
    expect(await page.locator('main').textContent()).to.contain('100 nye');
    await expectNoSeriousAxeViolations(page, 'import preview');
    await Promise.all([page.waitForURL(/respondents\?imported=100/), page.getByRole('button', { name: 'Gem 100 sagsbehandlere' }).click()]);
    expect(await ctx.dataSource.getRepository(Respondent).countBy({ projectId })).to.equal(100);
    await expectNoSeriousAxeViolations(page, 'caseworker list');

    await page.goto(`${server.baseUrl}/admin/projects/${projectId}/rounds/new`);
    await expectNoSeriousAxeViolations(page, 'round form');
    await page.getByLabel('Navn på runden').fill('START');
    await page.getByLabel('Åbner (dansk tid)').fill('2026-03-02T09:00');
    await page.getByLabel('Lukker (dansk tid)').fill('2026-03-16T16:00');
    await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.getByRole('button', { name: 'Gem runde' }).click()]);
    const roundId = Number(/\/rounds\/(\d+)$/.exec(page.url())![1]);

    // Time passes: the scheduler opens the round and invites everyone (mail held: no SMTP here).
    const round = await ctx.dataSource.getRepository(Round).findOneByOrFail({ id: roundId });
    await new SchedulerTick(ctx.deps, undefined).perform(new Date(round.opensAt!.getTime() + 60_000));
    expect(await ctx.dataSource.getRepository(Invitation).countBy({ roundId })).to.equal(100);
    await page.reload();
    expect(await page.locator('#monitor tfoot').textContent()).to.match(/I alt\s*100\s*0\s*0\s*0/);
    await expectNoSeriousAxeViolations(page, 'round monitor');
    await page.screenshot({ path: 'test-results/admin-round-monitor.png', fullPage: true });
    await page.goto(`${server.baseUrl}/admin/outbox`);
    expect(await page.locator('table').textContent()).to.contain('sagsbehandler1@jobcenter.dk');
    await expectNoSeriousAxeViolations(page, 'outbox');
    await context.close();
  });
});
