import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless (a Playwright browser download cannot work here). Missing outside
 * CI: undefined, so the suite skips with a warning; in CI a missing browser is a failure.
 */
export async function launchChromium(): Promise<Browser | undefined> {
  if (!fs.existsSync(chromiumPath)) {
    if (process.env.CI) throw new Error(`Chromium is required in CI but ${chromiumPath} does not exist (apt-get install chromium)`);
    console.warn(`    (no Chromium at ${chromiumPath}: skipping the browser tests; set CHROMIUM_PATH)`);
    return undefined;
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
