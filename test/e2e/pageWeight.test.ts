import { expect } from 'chai';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { browserApp } from '../support/browserApp.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeTransfers, measureVisit } from '../support/pageWeight.js';
import type { TestContext } from '../support/testContext.js';

/*
 * The page weight budget of issue 14: a caseworker on a mobile network opening the form from
 * the invitation. The first visit (empty cache) may transfer at most 100 kB, everything
 * included (page, CSS, scripts, fonts, icons); a repeat visit at most 15 kB, the page itself,
 * since every static file may be kept. Counted as Chromium counts transferred bytes.
 */

const FIRST_VISIT_BUDGET = 100_000;
const REPEAT_VISIT_BUDGET = 15_000;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'da-DK' };

describe('page weight of the caseworker\'s form (Chromium)', function () {
  let ctx: TestContext | undefined;
  let browser: Browser | undefined;
  let server: { baseUrl: string; close(): Promise<void> } | undefined;

  const app = browserApp();

  before(async function () {
    ({ browser, ctx, server } = app);
  });

  for (const questionnaireId of ['hir-start', 'hir-end', 'jki-round']) {
    it(`${questionnaireId}: first visit ≤ 100 kB, repeat visit ≤ 15 kB, every static file from the cache the second time`, async () => {
      const round = await buildRound(ctx!.dataSource, ctx!.catalog, ctx!.clock.now(), { questionnaireId });
      const { token } = await buildInvitation(ctx!.dataSource, round);
      const link = `${server!.baseUrl}/s/${token}`;
      const context = await browser!.newContext(PHONE);
      try {
        const first = await measureVisit(context, link);
        const firstReport = `first visit, ${first.bytes} B:\n${describeTransfers(first)}`;
        // What a page needs came over the network and was counted: the page, the design system's CSS, a font, the script.
        const paths = first.transfers.map((t) => new URL(t.url).pathname);
        for (const needed of [`/s/${token}`, '/dkfds/css/dkfds.min.css', '.woff2', '/js/form.js']) {
          expect(paths.some((p) => p.endsWith(needed)), `${needed} loaded\n${firstReport}`).to.equal(true);
        }
        expect(first.transfers.every((t) => t.bytes > 0 && !t.fromCache), firstReport).to.equal(true);
        expect(first.bytes, firstReport).to.be.at.most(FIRST_VISIT_BUDGET);

        const repeat = await measureVisit(context, link);
        const repeatReport = `repeat visit, ${repeat.bytes} B:\n${describeTransfers(repeat)}`;
        const fetchedAgain = repeat.transfers.filter((t) => t.bytes > 0 && new URL(t.url).pathname !== `/s/${token}`);
        expect(fetchedAgain, repeatReport).to.deep.equal([]);
        expect(repeat.bytes, repeatReport).to.be.at.most(REPEAT_VISIT_BUDGET);
        if (process.env.SHOW_WEIGHT) console.log(firstReport, repeatReport);
        console.log(`      ${questionnaireId}: first visit ${first.bytes} B, repeat visit ${repeat.bytes} B (page ${first.transfers[0]!.encoding})`);
      } finally {
        await context.close();
      }
    });
  }
});
