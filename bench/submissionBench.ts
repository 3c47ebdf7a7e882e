import express from 'express';
import mysql from 'mysql2/promise';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Invitation, Project, Round } from '../src/db/entities/index.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { answerRows } from '../src/responses/answerRows.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { createLogger } from '../src/shared/logger.js';
import { buildValidAnswers } from '../test/support/answerBuilders.js';
import { freshMysqlDatabase, load, serve, type LoadResult } from './support.js';

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const TOKENS = 40_000;
// Both endpoints are served and loaded from this one process, one after the other. Measured cold,
// the first (Pejling) paid for warming up the code both share (HTTP, Express, mysql2, autocannon)
// and its own, while the baseline ran on warm code: on a 2-core machine Pejling climbed from
// ~190 to ~650 req/s over its first 8 s. So each endpoint first gets the same unmeasured load.
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);

/**
 * POST /api/responses/:token with a full HIR answer set under 50 concurrent clients, next to a
 * bare Express + mysql2 endpoint that inserts the same rows in one transaction. Each is measured
 * after BENCH_WARMUP_SECONDS (default 8) of the same load; that warm-up is reported as the cold start.
 */
export async function submissionBench(): Promise<{ pejling: LoadResult; baseline: LoadResult; ratio: number; warmupSeconds: number; coldStart: { pejling: LoadResult; baseline: LoadResult } | undefined }> {
  const db = await freshMysqlDatabase('pejling_bench_submit');
  const config = { ...loadConfig({ DATABASE_URL: db.url, SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false', SUBMISSIONS_PER_MINUTE: '1000000' }) };
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

  const app = buildApp({ config, dataSource, catalog, logger: createLogger('silent'), secretKey: config.secretKey! });
  const pejlingServer = await serve(app);
  let next = 0;
  const pejlingLoad = (duration: number) => load(pejlingServer.url, { connections: CONNECTIONS, duration, method: 'POST', body, paths: () => `/api/responses/${tokens[next++ % tokens.length]}` });
  const pejlingColdStart = WARMUP > 0 ? await pejlingLoad(WARMUP) : undefined;
  const pejling = await pejlingLoad(DURATION);
  await pejlingServer.close();

  // Baseline: parse the same JSON, insert the same response and answer rows in one transaction.
  const pool = mysql.createPool({ uri: db.url, connectionLimit: 20 });
  const rows = answerRows(questionnaire, answers);
  const bare = express();
  bare.use(express.json({ limit: '100kb' }));
  // The baseline writes for invitations of its own (the same foreign keys), one per request.
  const baselineInvitations: number[] = [];
  for (let i = 0; i < TOKENS; i += 1000) {
    const inserted = await dataSource.getRepository(Invitation).insert(Array.from({ length: 1000 }, () => ({ roundId: round.id, respondentId: null, tokenHash: hashInvitationToken(generateInvitationToken()), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null })));
    baselineInvitations.push(...inserted.identifiers.map((identifier) => Number(identifier.id)));
  }
  let nextInvitation = 0;
  // Requests autocannon sent just before the end still run after it returns; the pool closes after them.
  let inFlight = 0;
  bare.post('/bare/:token', async (req, res) => {
    inFlight++;
    let connection: mysql.PoolConnection | undefined;
    try {
      connection = await pool.getConnection();
      await connection.beginTransaction();
      const [result] = await connection.query('INSERT INTO response (invitation_id, round_id, respondent_id, questionnaire_version_id, language, submitted_at) VALUES (?, ?, NULL, ?, ?, NOW())', [baselineInvitations[nextInvitation++ % baselineInvitations.length], round.id, round.questionnaireVersionId, 'da']) as unknown as [{ insertId: number }];
      await connection.query('INSERT INTO answer (response_id, round_id, item_id, sub_id, value_code, value_number, value_text) VALUES ?', [rows.map((r) => [result.insertId, round.id, r.itemId, r.subId, r.valueCode, r.valueNumber, r.valueText])]);
      await connection.commit();
      res.status(201).json({ responseId: result.insertId, answers: (req.body as { answers: object }).answers ? rows.length : 0 });
    } catch (error) {
      await connection?.rollback().catch(() => undefined);
      res.status(500).json({ error: String(error) });
    } finally {
      connection?.release();
      inFlight--;
    }
  });
  const bareServer = await serve(bare);
  const baselineLoad = (duration: number) => load(bareServer.url, { connections: CONNECTIONS, duration, method: 'POST', body, paths: () => `/bare/${tokens[next++ % tokens.length]}` });
  const baselineColdStart = WARMUP > 0 ? await baselineLoad(WARMUP) : undefined;
  const baseline = await baselineLoad(DURATION);
  await bareServer.close();
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await pool.end();
  await dataSource.destroy();
  await db.drop();
  const coldStart = pejlingColdStart && baselineColdStart ? { pejling: pejlingColdStart, baseline: baselineColdStart } : undefined;
  if (coldStart) {
    console.log(`\nSubmission: each endpoint first ran ${WARMUP} s unmeasured (BENCH_WARMUP_SECONDS); over those cold-start seconds Pejling made ${coldStart.pejling.requestsPerSecond.toFixed(1)} req/s, the baseline ${coldStart.baseline.requestsPerSecond.toFixed(1)} req/s (${(coldStart.pejling.requestsPerSecond / coldStart.baseline.requestsPerSecond).toFixed(2)} ×), non-2xx ${coldStart.pejling.non2xx} and ${coldStart.baseline.non2xx}`);
  }
  return { pejling, baseline, ratio: pejling.requestsPerSecond / baseline.requestsPerSecond, warmupSeconds: WARMUP, coldStart };
}
