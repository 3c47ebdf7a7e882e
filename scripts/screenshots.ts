import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/support/browser.js';
import { startDemoApp } from './demoApp.js';

/**
 * npm run screenshots: the README's pictures, regenerated from the demo data. Builds a temporary
 * SQLite database with demo answers, starts the app, signs in as a project lead and writes
 * docs/images/dashboard-desktop.png (1366 × 900) and docs/images/form-phone.png (390 × 844, a
 * caseworker's form from a personal link). Needs Debian's Chromium (CHROMIUM_PATH).
 */
const outDir = path.resolve(import.meta.dirname, '../docs/images');
fs.mkdirSync(outDir, { recursive: true });
const app = await startDemoApp({ respondents: 120, name: 'Demo: HIR før og efter' });
const browser = await launchChromium();
if (!browser) throw new Error('Chromium is needed for the screenshots');
try {
  const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await desktop.newPage();
  await app.signInAsLead(page);
  await page.goto(`${app.baseUrl}/projects/${app.demo.projectId}/dashboard`);
  await page.waitForSelector('#dashboard[data-charts-drawn]', { timeout: 30_000 });
  // From the project's name down, so the first chart and its legend are in view.
  await page.locator('main h1').evaluate((heading) => heading.scrollIntoView());
  await page.screenshot({ path: path.join(outDir, 'dashboard-desktop.png') });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const form = await phone.newPage();
  await form.goto(app.formUrl);
  await form.waitForSelector('form');
  await form.screenshot({ path: path.join(outDir, 'form-phone.png') });
  console.log(`Wrote ${path.relative(process.cwd(), outDir)}/dashboard-desktop.png and form-phone.png`);
} finally {
  await browser.close();
  await app.close();
}
