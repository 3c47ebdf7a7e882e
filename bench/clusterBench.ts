import { execFileSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Invitation, Project, Round } from '../src/db/entities/index.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { buildValidAnswers } from '../test/support/answerBuilders.js';
import { load, MYSQL_SERVER, startServerProcess, type LoadResult } from './support.js';

const CONNECTIONS = 20;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Math.min(3, Number(process.env.BENCH_WARMUP_SECONDS ?? 3));
const TOKENS = 15_000;
const SECRET = 'bench-secret-key-0123456789-abcdefghijklmnop';
const DATABASE = 'pejling_bench_cluster';
const CLUSTER_SCRIPT = 'scripts/galera/cluster.sh';

/** Parse `scripts/galera/cluster.sh urls` (node1=…, haproxy=…). */
function clusterUrls(output: string): Record<string, string> {
  return Object.fromEntries(output.trim().split('\n').map((line) => line.split('=') as [string, string]));
}

/** A fresh database on `server` (created through `adminUrl`), with an open round and `TOKENS` links. */
async function prepare(adminUrl: string, appUrl: string): Promise<{ tokens: string[]; body: string; drop(): Promise<void> }> {
  const admin = await mysql.createConnection({ uri: adminUrl });
  await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
  await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dataSource = await openDatabase(loadConfig({ DATABASE_URL: appUrl, SECRET_KEY: SECRET, LOG_LEVEL: 'silent' }));
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires('surveys'));
  const project = await dataSource.getRepository(Project).save({ name: 'Bench', defaultLanguage: 'da', anonymityK: 5 });
  const round = await dataSource.getRepository(Round).save({
    projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'open', opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 86400_000),
    reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
  });
  const tokens = Array.from({ length: TOKENS }, generateInvitationToken);
  for (let i = 0; i < tokens.length; i += 1000) {
    await dataSource.getRepository(Invitation).insert(tokens.slice(i, i + 1000).map((token) => ({ roundId: round.id, respondentId: null, tokenHash: hashInvitationToken(token), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null })));
  }
  const body = JSON.stringify({ answers: buildValidAnswers(catalog.latest('hir-start')!.questionnaire) });
  await dataSource.destroy();
  return {
    tokens, body,
    async drop() {
      const connection = await mysql.createConnection({ uri: adminUrl });
      await connection.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
      await connection.end();
    },
  };
}

/** One Pejling process (the production build) on `appUrl`, warmed up, then measured. */
async function measure(adminUrl: string, appUrl: string): Promise<LoadResult> {
  const { tokens, body, drop } = await prepare(adminUrl, appUrl);
  const server = await startServerProcess({ DATABASE_URL: appUrl, SECRET_KEY: SECRET, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false', SUBMISSIONS_PER_MINUTE: '1000000' });
  let next = 0;
  const run = (duration: number) => load(server.url, { connections: CONNECTIONS, duration, method: 'POST', body, paths: () => `/api/responses/${tokens[next++ % tokens.length]}` });
  try {
    if (WARMUP > 0) await run(WARMUP);
    return await run(DURATION);
  } finally {
    await server.stop();
    await drop();
  }
}

/**
 * Submissions (POST /api/responses/:token, full HIR answer set, 20 clients) from one Pejling
 * process, first on the single MariaDB server, then on the three-node Galera cluster of
 * scripts/galera/cluster.sh through its HAProxy: the same process and load, so the ratio is what
 * synchronous replication and certification cost. All three nodes run on this machine, so the
 * cluster competes with the app for the same cores: the figure is a floor, not a forecast.
 * Starts the cluster if it is not running, and stops it afterwards in that case.
 */
export async function clusterBench(): Promise<{ single: LoadResult; cluster: LoadResult; ratio: number }> {
  // `status` prints "down" for a node that does not answer.
  const wasRunning = !/down/.test(execFileSync(CLUSTER_SCRIPT, ['status'], { encoding: 'utf8' }));
  const urls = clusterUrls(execFileSync(CLUSTER_SCRIPT, ['start'], { encoding: 'utf8' }));
  try {
    const withDatabase = (url: string) => `${url.replace(/\/$/, '')}/${DATABASE}`;
    const single = await measure(MYSQL_SERVER, withDatabase(MYSQL_SERVER));
    const cluster = await measure(urls.node1!, withDatabase(urls.haproxy!));
    return { single, cluster, ratio: cluster.requestsPerSecond / single.requestsPerSecond };
  } finally {
    if (!wasRunning) execFileSync(CLUSTER_SCRIPT, ['stop']);
  }
}
