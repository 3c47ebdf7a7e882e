import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD } from './auth.js';
import { launchChromium } from './browser.js';
import { listen } from './liveServer.js';
import { createTestContext, type TestContext } from './testContext.js';
import { testDatabases } from './testDatabases.js';

export interface BrowserApp {
  browser: Browser;
  ctx: TestContext;
  server: { baseUrl: string; close(): Promise<void> };
}

/**
 * For a describe block of browser tests: Chromium and the app on the embedded database, served on
 * a free port. Started in a `before` hook registered where this is called (without Chromium the
 * block is skipped, or fails in CI), closed after the block with every browser context in it.
 * Read the fields in hooks and tests, not when the block is declared.
 */
export function browserApp(): BrowserApp {
  const app = {} as BrowserApp;
  before(async function () {
    const browser = await launchChromium();
    if (!browser) return this.skip();
    app.browser = browser;
    app.ctx = (await createTestContext(testDatabases[0]!))!;
    app.server = await listen(app.ctx.app);
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
    await app.ctx?.close();
  });
  return app;
}

/** Sign in on the login page with a password (the test password by default); lands on the person's projects. */
export async function signInWithPassword(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(password);
  await Promise.all([page.waitForURL('**/admin/projects'), page.getByRole('button', { name: 'Log ind' }).click()]);
}
