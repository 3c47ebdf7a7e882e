import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** One violation as a few readable lines: rule, impact, where (CSS selectors) and axe's advice. */
function describeViolation(label: string, violation: AxeViolation): string {
  const nodes = violation.nodes.slice(0, 5).map((node) => `    at ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
  const more = violation.nodes.length > 5 ? [`    … and ${violation.nodes.length - 5} more`] : [];
  return [`${label}: ${violation.id} (${violation.impact}) ${violation.help} ×${violation.nodes.length} – ${violation.helpUrl}`, ...nodes, ...more].join('\n');
}

/**
 * Run axe-core in the page and fail on serious or critical violations. The page's context needs
 * bypassCSP: the strict Content-Security-Policy (rightly) refuses an injected script.
 */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: AxeViolation[] };
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) console.log(`\n${serious.map((v) => describeViolation(label, v)).join('\n')}\n`);
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} ×${v.nodes.length}`), `${label}: serious or critical axe violations`).to.deep.equal([]);
}
