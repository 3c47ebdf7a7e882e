import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Invitation, Project, Round } from '../src/db/entities/index.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { createLogger } from '../src/shared/logger.js';
import { freshMysqlDatabase, load, serve, type LoadResult } from './support.js';

/** Rendering the HIR end questionnaire for a personal link, next to a static file from the same app. */
export async function formPageBench(seconds: number): Promise<{ form: LoadResult; staticFile: LoadResult; ratio: number }> {
  const db = await freshMysqlDatabase('pejling_bench_form');
  const config = loadConfig({ DATABASE_URL: db.url, SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const dataSource = await openDatabase(config);
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires('surveys'));
  const project = await dataSource.getRepository(Project).save({ name: 'Bench', defaultLanguage: 'da', anonymityK: 5 });
  const round = await dataSource.getRepository(Round).save({ projectId: project.id, questionnaireVersionId: catalog.latest('hir-end')!.versionId, label: 'END', status: 'open', opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 86400_000), reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null });
  const token = generateInvitationToken();
  await dataSource.getRepository(Invitation).insert({ roundId: round.id, respondentId: null, tokenHash: hashInvitationToken(token), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null });
  const server = await serve(buildApp({ config, dataSource, catalog, logger: createLogger('silent'), secretKey: config.secretKey! }));
  const form = await load(server.url, { connections: 10, duration: seconds, paths: () => `/s/${token}` });
  const staticFile = await load(server.url, { connections: 10, duration: seconds, paths: () => '/static/js/form.js' });
  await server.close();
  await dataSource.destroy();
  await db.drop();
  return { form, staticFile, ratio: form.requestsPerSecond / staticFile.requestsPerSecond };
}
