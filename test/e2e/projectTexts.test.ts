import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { MailOutbox, ProjectTexts } from '../../src/db/entities/index.js';
import { browserApp, signInWithPassword } from '../support/browserApp.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { buildUser } from '../support/auth.js';
import { buildInvitation, buildProject, buildRound } from '../support/builders.js';
import type { TestContext } from '../support/testContext.js';

const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1366, height: 900 }];

/** SCREENSHOT_DIR=/some/dir keeps screenshots of what is in view, for a person to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${name}.png`) });
}

async function expectNoSideways(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number;
  expect(overflow, `${label} scrolls sideways`).to.be.at.most(0);
}

describe('an admin sets a project\'s mail texts and privacy notice in the browser', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
  });

  it('edits, previews, saves and sends a test mail on a phone and a laptop; the caseworker sees the notice first', async () => {
    const admin = await buildUser(ctx, { role: 'admin' });
    const project = await buildProject(ctx.dataSource, { name: 'HIR Ødsted' });
    const round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now(), { projectId: project.id });
    const { token } = await buildInvitation(ctx.dataSource, round);
    for (const viewport of VIEWPORTS) {
      const context = await browser!.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await signInWithPassword(page, server.baseUrl, admin.email);
      await page.goto(`${server.baseUrl}/admin/projects/${project.id}`);
      await page.getByRole('link', { name: 'Mails, kontaktperson og oplysning om databehandling' }).click();
      await expectNoSeriousAxeViolations(page, `texts page ${viewport.width}`);
      await expectNoSideways(page, `texts page ${viewport.width}`);
      await screenshot(page, `project-texts-top-${viewport.width}`);

      await page.getByLabel('Dataansvarlig').fill('Ødsted Kommune, Torvet 1');
      await page.getByLabel('Kontaktperson', { exact: true }).fill('Mette Holm');
      await page.locator('#texts-da-invitationSubject').fill('Til {navn}: {projekt}');
      // The preview follows the typing (public/js/project-texts.js), nothing saved yet.
      await page.waitForFunction("document.getElementById('preview-subject')?.textContent === 'Til Anne Jensen: HIR Ødsted'");
      expect(await ctx.dataSource.getRepository(ProjectTexts).countBy({ projectId: project.id })).to.equal(viewport.width === 390 ? 0 : 1);
      expect(await page.locator('#preview-body').textContent()).to.contain('kontakt Mette Holm.');
      expect(await page.locator('.notice-preview').textContent()).to.contain('Ødsted Kommune, Torvet 1 er dataansvarlig');
      await page.locator('#texts-da-invitationBody').scrollIntoViewIfNeeded();
      await screenshot(page, `project-texts-editing-${viewport.width}`);
      await page.locator('#texts-preview').scrollIntoViewIfNeeded();
      await screenshot(page, `project-texts-preview-${viewport.width}`);

      await page.locator('#texts-da-reminderBody').fill('Hej {navm}');
      await page.getByRole('button', { name: 'Gem teksterne' }).click();
      expect(await page.locator('#error-summary').textContent()).to.contain('ukendt pladsholder {navm}');
      await expectNoSeriousAxeViolations(page, `texts page with errors ${viewport.width}`);
      await page.locator('#texts-da-reminderBody').fill('Hej {navn}, husk {link}');
      await Promise.all([page.waitForURL(/\/mail-texts\?saved=1$/), page.getByRole('button', { name: 'Gem teksterne' }).click()]);
      expect(JSON.parse((await ctx.dataSource.getRepository(ProjectTexts).findOneByOrFail({ projectId: project.id })).content).da.invitationSubject).to.equal('Til {navn}: {projekt}');
      await Promise.all([page.waitForURL(/\/mail-texts\?sent=1$/), page.getByRole('button', { name: 'Send testmail til mig' }).click()]);
      expect(await page.getByRole('status').first().textContent()).to.contain('Testmailen er lagt i udbakken');

      await page.goto(`${server.baseUrl}/s/${token}`);
      expect(await page.getByRole('heading', { name: 'Sådan bruges dine svar' }).isVisible()).to.equal(true);
      await expectNoSeriousAxeViolations(page, `form with notice ${viewport.width}`);
      await expectNoSideways(page, `form ${viewport.width}`);
      await screenshot(page, `form-first-page-${viewport.width}`);
      await page.getByText('Læs mere om behandlingen af dine oplysninger').click();
      await screenshot(page, `form-notice-open-${viewport.width}`);
      await context.close();
    }
    expect(await ctx.dataSource.getRepository(MailOutbox).countBy({ kind: 'test', toAddress: admin.email })).to.equal(2);
  });
});
