import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Invitation, Project, Round } from '../src/db/entities/index.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { freshMysqlDatabase, load, percentile, processCpuMs, startServerProcess, type LoadResult } from './support.js';

const BENCH_SECRET = 'bench-secret-key-0123456789-abcdefghijklmnop';
const CONNECTIONS = 10;
const PHASES = 4;

/** A load phase with the server's CPU time per request over it (user + system, ms). */
export type PageLoad = LoadResult & { serverCpuMsPerRequest: number };

/**
 * Rendering the HIR end questionnaire for a personal link, next to a static file from the same
 * server. The server is the production build in its own process, as `npm start` runs it (like
 * the submission and dashboard benches): in the bench's own process the load generator's work on
 * each 70 kB page competed with the server for one thread and was counted against the form.
 * Each path gets the same unmeasured warm-up first (JIT, pools); p50 is the median of the phases'
 * medians, p99 the highest phase's.
 */
export async function formPageBench(seconds: number): Promise<{ form: PageLoad; staticFile: PageLoad; ratio: number }> {
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
    // Form and static file take turns in short phases: this machine's speed drifts by a third from
    // minute to minute, and a drift then falls on both sides of the ratio instead of on one.
    const phase = async (path: string, duration: number) => {
      const cpuBefore = processCpuMs(server.pid);
      const measured = await load(server.url, { connections: CONNECTIONS, duration, paths: () => path });
      return { ...measured, cpuMs: processCpuMs(server.pid) - cpuBefore, duration };
    };
    const formPath = `/s/${token}`;
    const staticPath = '/static/js/form.js';
    await phase(formPath, 2);
    await phase(staticPath, 2);
    const phases: Record<'form' | 'staticFile', Awaited<ReturnType<typeof phase>>[]> = { form: [], staticFile: [] };
    for (let turn = 0; turn < PHASES; turn++) {
      phases.form.push(await phase(formPath, seconds / PHASES));
      phases.staticFile.push(await phase(staticPath, seconds / PHASES));
    }
    const combine = (runs: Awaited<ReturnType<typeof phase>>[]): PageLoad => {
      const requests = runs.reduce((sum, run) => sum + run.requests, 0);
      return {
        requests,
        requestsPerSecond: requests / runs.reduce((sum, run) => sum + run.duration, 0),
        p50: percentile(runs.map((run) => run.p50), 50),
        p99: Math.max(...runs.map((run) => run.p99)),
        non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
        serverCpuMsPerRequest: runs.reduce((sum, run) => sum + run.cpuMs, 0) / requests,
      };
    };
    const form = combine(phases.form);
    const staticFile = combine(phases.staticFile);
    return { form, staticFile, ratio: form.requestsPerSecond / staticFile.requestsPerSecond };
  } finally {
    await server.stop();
    await db.drop();
  }
}
