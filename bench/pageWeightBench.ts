import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Invitation, Project, Round } from '../src/db/entities/index.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { createLogger } from '../src/shared/logger.js';
import { launchChromium } from '../test/support/browser.js';
import { measureVisit } from '../test/support/pageWeight.js';
import { freshMysqlDatabase, serve } from './support.js';

export interface PageWeightFigures { questionnaire: string; firstVisitBytes: number; repeatVisitBytes: number; pageEncoding: string }

/**
 * What a caseworker's phone transfers for the form (all resources, compressed, headers
 * included, as Chromium counts them): the first visit with an empty cache and a repeat visit
 * with the cache of the first. The same measurement as test/e2e/pageWeight.test.ts.
 */
export async function pageWeightBench(): Promise<PageWeightFigures[]> {
  const browser = await launchChromium();
  if (!browser) throw new Error('The page weight bench needs Chromium (CHROMIUM_PATH)');
  const db = await freshMysqlDatabase('pejling_bench_weight');
  const config = loadConfig({ DATABASE_URL: db.url, SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const dataSource = await openDatabase(config);
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires('surveys'));
  const project = await dataSource.getRepository(Project).save({ name: 'Bench', defaultLanguage: 'da', anonymityK: 5 });
  const server = await serve(buildApp({ config, dataSource, catalog, logger: createLogger('silent'), secretKey: config.secretKey! }));
  const figures: PageWeightFigures[] = [];
  try {
    for (const questionnaire of ['hir-start', 'hir-end']) {
      const round = await dataSource.getRepository(Round).save({ projectId: project.id, questionnaireVersionId: catalog.latest(questionnaire)!.versionId, label: questionnaire, status: 'open', opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 86400_000), reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null });
      const token = generateInvitationToken();
      await dataSource.getRepository(Invitation).insert({ roundId: round.id, respondentId: null, tokenHash: hashInvitationToken(token), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null });
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'da-DK' });
      const first = await measureVisit(context, `${server.url}/s/${token}`);
      const repeat = await measureVisit(context, `${server.url}/s/${token}`);
      await context.close();
      figures.push({ questionnaire, firstVisitBytes: first.bytes, repeatVisitBytes: repeat.bytes, pageEncoding: first.transfers[0]!.encoding });
    }
  } finally {
    await browser.close();
    await server.close();
    await dataSource.destroy();
    await db.drop();
  }
  return figures;
}
