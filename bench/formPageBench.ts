import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Invitation, Project, Round } from '../src/db/entities/index.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { combinePhases, freshMysqlDatabase, measuredPhase, startServerProcess, type MeasuredPhase, type PhasedLoad } from './support.js';

const BENCH_SECRET = 'bench-secret-key-0123456789-abcdefghijklmnop';
const CONNECTIONS = 10;
const PHASES = 4;

/**
 * Rendering the HIR end questionnaire for a personal link, next to a static file from the same
 * server. The server is the production build in its own process, as `npm start` runs it (like
 * the submission and dashboard benches): in the bench's own process the load generator's work on
 * each 70 kB page competed with the server for one thread and was counted against the form.
 * Each path gets the same unmeasured warm-up first (JIT, pools).
 */
export async function formPageBench(seconds: number): Promise<{ form: PhasedLoad; staticFile: PhasedLoad; ratio: number }> {
  const db = await freshMysqlDatabase('pejling_bench_form');
  const config = loadConfig({ DATABASE_URL: db.url, SECRET_KEY: BENCH_SECRET, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const dataSource = await openDatabase(config);
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires('surveys'));
  const project = await dataSource.getRepository(Project).save({ name: 'Bench', defaultLanguage: 'da', anonymityK: 5 });
  const round = await dataSource.getRepository(Round).save({ projectId: project.id, questionnaireVersionId: catalog.latest('hir-end')!.versionId, label: 'END', status: 'open', opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 86400_000), reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null });
  const token = generateInvitationToken();
  await dataSource.getRepository(Invitation).insert({ roundId: round.id, respondentId: null, tokenHash: hashInvitationToken(token), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null });
  await dataSource.destroy();
  const server = await startServerProcess({ DATABASE_URL: db.url, SECRET_KEY: BENCH_SECRET, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  try {
    // Form and static file take turns in short phases (see combinePhases), after the same warm-up.
    const phase = (path: string, duration: number) => measuredPhase(server.url, server.pid, { connections: CONNECTIONS, duration, paths: () => path });
    const formPath = `/s/${token}`;
    const staticPath = '/static/js/form.js';
    await phase(formPath, 2);
    await phase(staticPath, 2);
    const phases: Record<'form' | 'staticFile', MeasuredPhase[]> = { form: [], staticFile: [] };
    for (let turn = 0; turn < PHASES; turn++) {
      phases.form.push(await phase(formPath, seconds / PHASES));
      phases.staticFile.push(await phase(staticPath, seconds / PHASES));
    }
    const form = combinePhases(phases.form);
    const staticFile = combinePhases(phases.staticFile);
    return { form, staticFile, ratio: form.requestsPerSecond / staticFile.requestsPerSecond };
  } finally {
    await server.stop();
    await db.drop();
  }
}
