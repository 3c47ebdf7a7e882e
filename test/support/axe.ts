import { createRequire } from 'node:module';
import fs from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Run axe-core in the page and fail on serious or critical violations. The page's context needs
 * bypassCSP: the strict Content-Security-Policy (rightly) refuses an injected script.
 */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate('axe.run()')) as { violations: { id: string; impact: string; help: string; nodes: unknown[] }[] };
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} ×${v.nodes.length}`)).to.deep.equal([]);
}
