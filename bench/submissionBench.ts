import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Invitation, Project, Round } from '../src/db/entities/index.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { answerRows } from '../src/responses/answerRows.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { buildValidAnswers } from '../test/support/answerBuilders.js';
import { combinePhases, freePort, freshMysqlDatabase, measuredPhase, startServerProcess, summaryOf, type LoadResult, type MeasuredPhase, type PhasedLoad } from './support.js';

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const TOKENS = 40_000;
// Measured phases per endpoint, taking turns.
const PHASES = 4;
// Each server is measured only after the same unmeasured load: a cold server (JIT, pools, buffer
// pool) climbs for its first seconds, and the endpoint measured first used to pay for it.
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);

const BENCH_SECRET = 'bench-secret-key-0123456789-abcdefghijklmnop';

/** bench/bareSubmissionServer.mjs in its own process. */
async function startBareServer(settings: Record<string, unknown>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  // A file, not an environment variable: 40,000 invitation ids exceed what an environment may hold.
  const configFile = path.join(os.tmpdir(), `pejling-bare-${process.pid}.json`);
  fs.writeFileSync(configFile, JSON.stringify({ ...settings, port }));
  const child = spawn(process.execPath, ['bench/bareSubmissionServer.mjs', configFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => { if (line === 'listening') resolve(); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => { fs.rmSync(configFile, { force: true }); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

/**
 * POST /api/responses/:token with a full HIR answer set under 50 concurrent clients, next to a
 * bare Express + mysql2 endpoint that inserts the same rows in one transaction. Both servers run
 * in processes of their own as production runs them (Pejling's build, the baseline as plain
 * JavaScript), the load comes from this process. Each is measured after BENCH_WARMUP_SECONDS
 * (default 8) of the same load; that warm-up is reported as the cold start. Then they take
 * turns in four phases of BENCH_SECONDS / 4 each.
 */
export async function submissionBench(): Promise<{ pejling: PhasedLoad; baseline: PhasedLoad; ratio: number; warmupSeconds: number; coldStart: { pejling: LoadResult; baseline: LoadResult } | undefined }> {
  const db = await freshMysqlDatabase('pejling_bench_submit');
  const config = loadConfig({ DATABASE_URL: db.url, SECRET_KEY: BENCH_SECRET, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const dataSource = await openDatabase(config);
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires('surveys'));
  const questionnaire = catalog.latest('hir-start')!.questionnaire;
  const project = await dataSource.getRepository(Project).save({ name: 'Bench', defaultLanguage: 'da', anonymityK: 5 });
  const round = await dataSource.getRepository(Round).save({
    projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'open', opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 86400_000),
    reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
  });
  const tokens = Array.from({ length: TOKENS }, generateInvitationToken);
  for (let i = 0; i < tokens.length; i += 1000) {
    await dataSource.getRepository(Invitation).insert(tokens.slice(i, i + 1000).map((token) => ({ roundId: round.id, respondentId: null, tokenHash: hashInvitationToken(token), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null })));
  }
  const answers = buildValidAnswers(questionnaire);
  const body = JSON.stringify({ answers });

  // The baseline writes for invitations of its own (the same foreign keys), one per request.
  const baselineInvitations: number[] = [];
  for (let i = 0; i < TOKENS; i += 1000) {
    const inserted = await dataSource.getRepository(Invitation).insert(Array.from({ length: 1000 }, () => ({ roundId: round.id, respondentId: null, tokenHash: hashInvitationToken(generateInvitationToken()), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null })));
    baselineInvitations.push(...inserted.identifiers.map((identifier) => Number(identifier.id)));
  }
  const pejlingServer = await startServerProcess({ DATABASE_URL: db.url, SECRET_KEY: BENCH_SECRET, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false', SUBMISSIONS_PER_MINUTE: '1000000' });
  const bareServer = await startBareServer({ databaseUrl: db.url, roundId: round.id, versionId: round.questionnaireVersionId, invitationIds: baselineInvitations, rows: answerRows(questionnaire, answers) });
  // Every Pejling request submits with a link of its own; the baseline counts its invitations itself.
  let next = 0;
  const endpoints = {
    pejling: pejlingServer,
    baseline: bareServer,
  };
  type Side = keyof typeof endpoints;
  const phase = (side: Side, duration: number) => measuredPhase(endpoints[side].url, endpoints[side].pid, {
    connections: CONNECTIONS, duration, method: 'POST', body, paths: () => side === 'pejling' ? `/api/responses/${tokens[next++ % tokens.length]}` : '/bare/x',
  });
  const phases: Record<Side, MeasuredPhase[]> = { pejling: [], baseline: [] };
  let coldStart: { pejling: LoadResult; baseline: LoadResult } | undefined;
  try {
    if (WARMUP > 0) coldStart = { pejling: summaryOf(await phase('pejling', WARMUP)), baseline: summaryOf(await phase('baseline', WARMUP)) };
    // The two take turns in short phases (see combinePhases), Pejling first in every turn.
    for (let turn = 0; turn < PHASES; turn++) {
      phases.pejling.push(await phase('pejling', DURATION / PHASES));
      phases.baseline.push(await phase('baseline', DURATION / PHASES));
    }
  } finally {
    await pejlingServer.stop();
    await bareServer.stop();
  }
  await dataSource.destroy();
  await db.drop();
  const pejling = combinePhases(phases.pejling);
  const baseline = combinePhases(phases.baseline);
  if (coldStart) {
    console.log(`\nSubmission: each endpoint first ran ${WARMUP} s unmeasured (BENCH_WARMUP_SECONDS); over those cold-start seconds Pejling made ${coldStart.pejling.requestsPerSecond.toFixed(1)} req/s, the baseline ${coldStart.baseline.requestsPerSecond.toFixed(1)} req/s (${(coldStart.pejling.requestsPerSecond / coldStart.baseline.requestsPerSecond).toFixed(2)} ×), non-2xx ${coldStart.pejling.non2xx} and ${coldStart.baseline.non2xx}`);
  }
  return { pejling, baseline, ratio: pejling.requestsPerSecond / baseline.requestsPerSecond, warmupSeconds: WARMUP, coldStart };
}
