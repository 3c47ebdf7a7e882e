import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { browserApp } from '../support/browserApp.js';
import { expectNoSeriousAxeViolations } from '../support/axe.js';
import { TEST_PASSWORD, buildUser } from '../support/auth.js';
import type { TestContext } from '../support/testContext.js';

describe('ending access from the browser: a password change and a deactivation', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> };

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
  });

  async function signedInPage(email: string, password: string) {
    // axe is injected as a script, which the strict CSP would (rightly) refuse.
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Adgangskode').fill(password);
    await Promise.all([page.waitForURL('**/admin/projects'), page.getByRole('button', { name: 'Log ind' }).click()]);
    return page;
  }

  it('the person changing their password stays signed in; their other browser goes to the login; an admin\'s deactivation signs them out', async () => {
    const lead = await buildUser(ctx, { role: 'lead' });
    const admin = await buildUser(ctx, { role: 'admin' });
    const laptop = await signedInPage(lead.email, TEST_PASSWORD);
    const phone = await signedInPage(lead.email, TEST_PASSWORD);

    await laptop.getByRole('link', { name: 'Adgangskode' }).click();
    await expectNoSeriousAxeViolations(laptop, 'password form');
    await laptop.getByLabel('Nuværende adgangskode').fill('forkert forkert');
    await laptop.getByLabel('Ny adgangskode').fill('en ny og lang nok sætning');
    await laptop.getByLabel('Gentag den nye adgangskode').fill('en ny og lang nok sætning');
    await laptop.getByRole('button', { name: 'Skift adgangskode' }).click();
    expect(await laptop.getByRole('alert').textContent()).to.contain('Den nuværende adgangskode er forkert.');
    await expectNoSeriousAxeViolations(laptop, 'password form with an error');
    await laptop.getByLabel('Nuværende adgangskode').fill(TEST_PASSWORD);
    await laptop.getByLabel('Ny adgangskode').fill('en ny og lang nok sætning');
    await laptop.getByLabel('Gentag den nye adgangskode').fill('en ny og lang nok sætning');
    await Promise.all([laptop.waitForURL('**/admin/account/password?changed=1'), laptop.getByRole('button', { name: 'Skift adgangskode' }).click()]);
    expect(await laptop.getByRole('status').textContent()).to.contain('Adgangskoden er skiftet');

    await phone.goto(`${server.baseUrl}/admin/tokens`);
    expect(phone.url()).to.contain('/login?next=');

    const adminPage = await signedInPage(admin.email, TEST_PASSWORD);
    await adminPage.goto(`${server.baseUrl}/admin/users`);
    await expectNoSeriousAxeViolations(adminPage, 'users page');
    await Promise.all([adminPage.waitForURL('**/admin/users'), adminPage.getByRole('button', { name: `Deaktivér ${lead.email}` }).click()]);
    await laptop.goto(`${server.baseUrl}/admin/projects`);
    expect(laptop.url()).to.contain('/login?next=');
    await Promise.all([adminPage.waitForURL('**/admin/users'), adminPage.getByRole('button', { name: `Genaktivér ${lead.email}` }).click()]);
    await laptop.goto(`${server.baseUrl}/admin/projects`);
    expect(laptop.url(), 'reactivation brings no session back').to.contain('/login?next=');
    const again = await signedInPage(lead.email, 'en ny og lang nok sætning');
    expect(again.url()).to.contain('/admin/projects');
  });
});
