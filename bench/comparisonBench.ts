import { performance } from 'node:perf_hooks';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { Answer, Invitation, Project, Respondent, Response, Round } from '../src/db/entities/index.js';
import { demoAnswers } from '../src/demo/demoAnswers.js';
import { seededRandom } from '../src/demo/seededRandom.js';
import { answerRows } from '../src/responses/answerRows.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import type { QuestionnaireCatalog } from '../src/questionnaires/questionnaireCatalog.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { createLogger } from '../src/shared/logger.js';
import { freshMysqlDatabase, percentile } from './support.js';

const REQUESTS = Number(process.env.BENCH_COMPARISON_REQUESTS ?? 15);

/** Bulk-load n respondents × START and END with plausible answers (multi-row INSERTs, not the API). */
async function fill(dataSource: DataSource, catalog: QuestionnaireCatalog, n: number): Promise<{ projectId: number; rounds: number[]; answerRows: number }> {
  const random = seededRandom(n);
  const project = await dataSource.getRepository(Project).save({ name: `Bench ${n}`, defaultLanguage: 'da', anonymityK: 5 });
  const ids: number[] = [];
  for (let i = 0; i < n; i += 2000) {
    const inserted = await dataSource.getRepository(Respondent).insert(Array.from({ length: Math.min(2000, n - i) }, (_, j) => ({
      projectId: project.id, name: null, email: null, municipality: ['Aarhus', 'Odense', 'Aalborg', 'Køge'][(i + j) % 4]!, team: 'T', role: 'sb', groupName: (i + j) % 2 ? 'Forsøg' : 'Kontrol', active: true, externalId: null, language: null, erasedAt: null,
    })));
    ids.push(...inserted.identifiers.map((x) => Number(x.id)));
  }
  const rounds: number[] = [];
  let total = 0;
  for (const [index, questionnaireId] of ['hir-start', 'hir-end'].entries()) {
    const entry = catalog.latest(questionnaireId)!;
    const round = await dataSource.getRepository(Round).save({ projectId: project.id, questionnaireVersionId: entry.versionId, label: index ? 'END' : 'START', status: 'closed', opensAt: new Date(2025, index * 10, 1), closesAt: new Date(2025, index * 10, 20), reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null });
    rounds.push(round.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const invitations = await dataSource.getRepository(Invitation).insert(chunk.map((respondentId) => ({ roundId: round.id, respondentId, tokenHash: hashInvitationToken(generateInvitationToken()), openedAt: null, tokenNonce: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null })));
      const responses = await dataSource.getRepository(Response).insert(chunk.map((respondentId, j) => ({ invitationId: Number(invitations.identifiers[j]!.id), roundId: round.id, respondentId, questionnaireVersionId: entry.versionId, language: 'da' as const, submittedAt: new Date(2025, index * 10, 5) })));
      const rows = chunk.flatMap((_, j) => answerRows(entry.questionnaire, demoAnswers(entry.questionnaire, { optimism: random() * 2 - 1, caseload: 30 }, index * 0.5, random))
        .map((r) => ({ ...r, responseId: Number(responses.identifiers[j]!.id), roundId: round.id })));
      for (let k = 0; k < rows.length; k += 5000) await dataSource.getRepository(Answer).insert(rows.slice(k, k + 5000));
      total += rows.length;
    }
  }
  return { projectId: project.id, rounds, answerRows: total };
}

export interface ComparisonFigure {
  respondents: number;
  answerRows: number;
  mode: string;
  p50: number;
  p99: number;
  peakRssMb: number;
}

/** p50/p99 of the comparison API and the server's peak memory, per project size. */
export async function comparisonBench(sizes: number[]): Promise<ComparisonFigure[]> {
  const db = await freshMysqlDatabase('pejling_bench_compare');
  const config = loadConfig({ DATABASE_URL: db.url, SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const dataSource = await openDatabase(config);
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires('surveys'));
  const app = buildApp({ config, dataSource, catalog, logger: createLogger('silent'), secretKey: config.secretKey! });
  const { signInForBench } = await import('./signInForBench.js');
  const token = await signInForBench(dataSource);
  const figures: ComparisonFigure[] = [];
  for (const n of sizes) {
    const filled = await fill(dataSource, catalog, n);
    for (const paired of [true, false]) {
      const timings: number[] = [];
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const res = await request(app).get(`/api/projects/${filled.projectId}/comparison?baseline=${filled.rounds[0]}&followup=${filled.rounds[1]}&paired=${paired}`).set('authorization', `Bearer ${token}`);
        if (res.status !== 200) throw new Error(`comparison answered ${res.status}`);
        timings.push(performance.now() - started);
      }
      clearInterval(sampler);
      figures.push({ respondents: n, answerRows: filled.answerRows, mode: paired ? 'paired' : 'all respondents', p50: percentile(timings, 50), p99: percentile(timings, 99), peakRssMb: peak / 1024 / 1024 });
    }
  }
  await dataSource.destroy();
  await db.drop();
  return figures;
}
