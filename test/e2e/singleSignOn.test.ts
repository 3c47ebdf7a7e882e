import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { ProjectLead } from '../../src/db/entities/index.js';
import { buildUser, TEST_PASSWORD } from '../support/auth.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { launchChromium } from '../support/browser.js';
import { listen } from '../support/liveServer.js';
import { englishCatalogue, notDanish } from '../support/danishText.js';
import { startOidcProvider, type TestOidcProvider, type TestPeople } from '../support/oidcTestProvider.js';
import { createTestContext, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };
const shots = process.env.PEJLING_SCREENSHOTS ?? 'test-results';

describe('signing in through the municipality\'s provider, and with a second factor, in Chromium', function () {
  this.timeout(180_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let provider: TestOidcProvider;
  let baseUrl: string;
  let server: http.Server;
  let projectId: number;
  const people: TestPeople = {};
  const catalogue = englishCatalogue();

  before(async function () {
    browser = await launchChromium();
    if (!browser) this.skip();
    ctx = (await createTestContext(testDatabases[0]!))!;
    projectId = (await createDemoProject(ctx.deps, { respondents: 60, seed: 3, responseRate: 1, name: 'Demo HIR' })).projectId;
    // Pejling's address must be known before the app is built: it is the redirect URI registered at the provider.
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    provider = await startOidcProvider({ redirectUris: [`${baseUrl}/login/oidc/callback`], postLogoutRedirectUris: [`${baseUrl}/login`], people });
    server.on('request', buildApp({ ...ctx.deps, config: { ...ctx.deps.config, publicUrl: baseUrl, oidc: provider.config() } }));
    fs.mkdirSync(shots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await provider?.close();
    await ctx?.close();
  });

  const noOverflow = async (page: Page, label: string) => expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'), label).to.be.at.most(0);
  /** Axe, the Danish check, no sideways scrolling and a screenshot to look at. */
  async function check(page: Page, label: string) {
    await expectNoSeriousAxeViolations(page, label);
    expect(notDanish(await page.content(), catalogue), label).to.deep.equal([]);
    await noOverflow(page, label);
    const width = page.viewportSize()!.width;
    await page.screenshot({ path: path.join(shots, `sso-${label}-${width}.png`), fullPage: true });
  }

  /** The provider's own (English, development) login and consent pages. */
  async function signInAtProvider(page: Page, login: string) {
    await page.waitForURL(`${provider.issuer}/**`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('hvad som helst');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  for (const viewport of [PHONE, LAPTOP]) {
    it(`a lead signs in with "Log ind med Testkommune" and reaches the project's dashboard (${viewport.width} px)`, async () => {
      const login = `leder-${viewport.width}`;
      people[login] = { email: `Leder.${viewport.width}@Kommune.dk`, name: 'Lea Leder' };
      const lead = await buildUser(ctx, { role: 'lead', email: `leder.${viewport.width}@kommune.dk`, passwordHash: null });
      await ctx.dataSource.getRepository(ProjectLead).save({ projectId, userId: lead.id });
      // Axe's script needs the CSP bypassed; the laptop run keeps the CSP, so the sign-out's redirect to the provider is tested under it.
      const context = await browser!.newContext({ viewport, bypassCSP: viewport === PHONE });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.getByRole('link', { name: 'Log ind' }).click();
      if (viewport === PHONE) await check(page, 'login');
      await page.getByRole('link', { name: 'Log ind med Testkommune' }).click();
      await signInAtProvider(page, login);
      await page.waitForURL(`${baseUrl}/admin/projects`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Dine projekter');
      await Promise.all([page.waitForURL(`**/projects/${projectId}/dashboard`), page.getByRole('link', { name: 'Resultater for Demo HIR' }).click()]);
      await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 30_000 });
      await noOverflow(page, 'dashboard');
      if (viewport === LAPTOP) {
        // Signing out of Pejling leads on to the provider's own sign-out.
        await page.getByRole('button', { name: /^Log ud/ }).click();
        await page.waitForURL(`${provider.issuer}/**`);
        expect(new URL(page.url()).pathname).to.contain('session/end');
        await page.goto(`${baseUrl}/admin/projects`);
        expect(page.url()).to.contain('/login?next=');
      }
      await context.close();
    });
  }

  it('a person the provider refuses or Pejling does not know gets a Danish page with a way back', async () => {
    const login = 'deaktiveret';
    people[login] = { email: 'deaktiveret@kommune.dk' };
    await buildUser(ctx, { role: 'lead', email: 'deaktiveret@kommune.dk', active: false });
    for (const viewport of [PHONE, LAPTOP]) {
      const context = await browser!.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login/oidc`);
      await signInAtProvider(page, login);
      await page.waitForURL(`${baseUrl}/login/oidc/callback**`);
      expect(await page.locator('main').textContent()).to.contain('Din konto i Pejling er deaktiveret');
      await check(page, 'refused');
      await context.close();
    }
  });

  it('with password sign-in turned off, the break-glass admin finds the password form folded away and signs in with it', async () => {
    const breakGlass = await buildUser(ctx, { role: 'admin' });
    const locked = await listen(buildApp({ ...ctx.deps, config: { ...ctx.deps.config, publicUrl: baseUrl, oidc: provider.config(), localSignIn: { enabled: false, breakGlassEmail: breakGlass.email } } }));
    try {
      for (const viewport of [PHONE, LAPTOP]) {
        const context = await browser!.newContext({ viewport, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${locked.baseUrl}/login`);
        expect(await page.getByLabel('E-mail').isVisible()).to.equal(false);
        await check(page, 'login-break-glass');
        await page.getByText('Nødadgang for administrator').click();
        await page.getByLabel('E-mail').fill(breakGlass.email);
        await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
        await page.getByRole('button', { name: 'Log ind', exact: true }).click();
        await page.waitForURL('**/admin/projects');
        await context.close();
      }
    } finally {
      await locked.close();
    }
  });

  it('an admin sets up two-factor with the QR code page, keeps the recovery codes, and signs in with a code', async () => {
    const admin = await buildUser(ctx, { role: 'admin' });
    const epoch = () => Math.floor(ctx.clock.now().getTime() / 1000);
    // Set up on the phone, used on the laptop.
    let secret = '';
    for (const viewport of [PHONE, LAPTOP]) {
      const context = await browser!.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('E-mail').fill(admin.email);
      await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Log ind', exact: true }).click();
      if (viewport === PHONE) {
        await page.waitForURL('**/admin/projects');
        await page.getByRole('link', { name: 'Totrinsbekræftelse' }).click();
        expect(await page.getByRole('img', { name: 'QR-kode til din godkendelsesapp' }).isVisible()).to.equal(true);
        await check(page, 'two-factor-setup');
        secret = (await page.locator('.two-factor-secret').textContent())!.replace(/\s/g, '');
        await page.getByLabel('Skriv koden på seks cifre, som appen viser').fill(await generate({ secret, epoch: epoch() }));
        await page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }).click();
        expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Dine reservekoder');
        expect(await page.locator('.recovery-codes li').count()).to.equal(10);
        await check(page, 'recovery-codes');
        await page.getByRole('link', { name: 'Jeg har gemt koderne' }).click();
        await page.waitForURL('**/admin/projects');
      } else {
        await page.waitForURL('**/login/two-factor');
        await check(page, 'two-factor-code');
        ctx.clock.advance(30_000);
        await page.getByLabel('Kode').fill('000000' === (await generate({ secret, epoch: epoch() })) ? '111111' : '000000');
        await page.getByRole('button', { name: 'Fortsæt' }).click();
        expect(await page.locator('#code-error').textContent()).to.contain('Koden passer ikke');
        await check(page, 'two-factor-wrong');
        await page.getByLabel('Kode').fill(await generate({ secret, epoch: epoch() }));
        await page.getByRole('button', { name: 'Fortsæt' }).click();
        await page.waitForURL('**/admin/projects');
        await page.goto(`${baseUrl}/admin/account/two-factor`);
        await check(page, 'two-factor-on');
      }
      await context.close();
    }
  });
});
