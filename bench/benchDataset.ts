import mysql from 'mysql2/promise';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { demoAnswers } from '../src/demo/demoAnswers.js';
import { seededRandom } from '../src/demo/seededRandom.js';
import { answerRows } from '../src/responses/answerRows.js';
import { answerVectorLayout, encodeAnswerVector } from '../src/responses/answerVector.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { generateInvitationToken, hashInvitationToken } from '../src/rounds/invitationTokens.js';
import { signInForBench } from './signInForBench.js';
import { freshMysqlDatabase, MYSQL_SERVER } from './support.js';

export const BENCH_SECRET_KEY = 'bench-secret-key-0123456789-abcdefghijklmnop';

export interface BenchDataset {
  url: string;
  config: Config;
  projectId: number;
  /** Round ids: START, and END when the dataset has two rounds. */
  rounds: number[];
  respondents: number;
  answerRows: number;
  /** An admin's API token for the requests. */
  token: string;
  drop(): Promise<void>;
}

const MUNICIPALITIES = ['Aarhus', 'Odense', 'Aalborg', 'Køge'];
const BATCH = 1000;

/**
 * A project of n caseworkers who each answered HIR START (and HIR END with two rounds), loaded
 * with plain multi-row INSERTs (the API would take hours at 100,000). With BENCH_KEEP_DATA=true
 * the database is kept and reused by the next run of the same size, because loading 100,000 × 2
 * takes minutes here.
 */
export async function benchDataset(n: number, roundCount: 1 | 2 = 2): Promise<BenchDataset> {
  const name = roundCount === 2 ? `pejling_bench_cmp_${n}` : `pejling_bench_${n}x${roundCount}`;
  const keep = process.env.BENCH_KEEP_DATA === 'true';
  const url = new URL(MYSQL_SERVER);
  url.pathname = `/${name}`;
  const config = loadConfig({ DATABASE_URL: url.toString(), SECRET_KEY: BENCH_SECRET_KEY, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false' });
  const drop = async () => {
    if (keep) return;
    const admin = await mysql.createConnection({ uri: MYSQL_SERVER });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  };
  const reused = keep ? await existingDataset(url.toString(), n) : null;
  if (reused) return { url: url.toString(), config, ...reused, respondents: n, drop };

  await freshMysqlDatabase(name);
  const dataSource = await openDatabase(config);
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires('surveys'));
  const token = await signInForBench(dataSource);
  await dataSource.destroy();

  const connection = await mysql.createConnection({ uri: url.toString() });
  const random = seededRandom(n);
  const [project] = (await connection.query('INSERT INTO project (name, default_language, anonymity_k) VALUES (?, ?, 5)', [`Bench ${n}`, 'da'])) as unknown as [{ insertId: number }];
  const respondentIds: number[] = [];
  for (let i = 0; i < n; i += BATCH) {
    const size = Math.min(BATCH, n - i);
    const [inserted] = (await connection.query('INSERT INTO respondent (project_id, municipality, team, role, group_name, active) VALUES ?', [
      Array.from({ length: size }, (_, j) => [project.insertId, MUNICIPALITIES[(i + j) % 4], `Team ${((i + j) >> 2) % 25}`, 'sagsbehandler', (i + j) % 2 ? 'Forsøg' : 'Kontrol', true]),
    ])) as unknown as [{ insertId: number }];
    // One multi-row INSERT gets consecutive ids from its first insertId (InnoDB, innodb_autoinc_lock_mode ≤ 2 for a single statement).
    for (let j = 0; j < size; j++) respondentIds.push(inserted.insertId + j);
  }
  // Each caseworker keeps a personal tendency across rounds, so pairs correlate as real ones do.
  const people = respondentIds.map(() => ({ optimism: random() * 2 - 1, caseload: 20 + Math.floor(random() * 30) }));
  const rounds: number[] = [];
  let total = 0;
  for (const [index, questionnaireId] of ['hir-start', 'hir-end'].slice(0, roundCount).entries()) {
    const entry = catalog.latest(questionnaireId)!;
    const layout = answerVectorLayout(entry.questionnaire);
    const [round] = (await connection.query(
      "INSERT INTO round (project_id, questionnaire_version_id, label, status, opens_at, closes_at, reminder_days, invite_filter) VALUES (?, ?, ?, 'closed', ?, ?, '[]', '{}')",
      [project.insertId, entry.versionId, index ? 'END' : 'START', new Date(2025, index * 10, 1), new Date(2025, index * 10, 20)],
    )) as unknown as [{ insertId: number }];
    rounds.push(round.insertId);
    for (let i = 0; i < respondentIds.length; i += BATCH) {
      const chunk = respondentIds.slice(i, i + BATCH);
      const [invitations] = (await connection.query('INSERT INTO invitation (round_id, respondent_id, token_hash) VALUES ?', [
        chunk.map((respondentId) => [round.insertId, respondentId, hashInvitationToken(generateInvitationToken())]),
      ])) as unknown as [{ insertId: number }];
      const answered = chunk.map((_, j) => answerRows(entry.questionnaire, demoAnswers(entry.questionnaire, people[i + j]!, index * 0.5, random)));
      // The vector the submission would have stored with the response.
      const [responses] = (await connection.query('INSERT INTO response (invitation_id, round_id, respondent_id, questionnaire_version_id, language, submitted_at, answer_vector) VALUES ?', [
        chunk.map((respondentId, j) => [invitations.insertId + j, round.insertId, respondentId, entry.versionId, 'da', new Date(2025, index * 10, 5), encodeAnswerVector(layout, answered[j]!)]),
      ])) as unknown as [{ insertId: number }];
      const rows = answered.flatMap((own, j) => own.map((r) => [responses.insertId + j, round.insertId, r.itemId, r.subId, r.valueCode, r.valueNumber, r.valueText]));
      await connection.query('INSERT INTO answer (response_id, round_id, item_id, sub_id, value_code, value_number, value_text) VALUES ?', [rows]);
      total += rows.length;
    }
  }
  await connection.query('CREATE TABLE bench_dataset (respondents INT, project_id INT, baseline INT, follow_up INT NULL, answer_rows INT, token VARCHAR(100))');
  await connection.query('INSERT INTO bench_dataset VALUES (?, ?, ?, ?, ?, ?)', [n, project.insertId, rounds[0], rounds[1] ?? null, total, token]);
  await connection.end();
  return { url: url.toString(), config, projectId: project.insertId, rounds, respondents: n, answerRows: total, token, drop };
}

/**
 * A dataset a previous run kept, if it was loaded completely (the marker table is written last).
 * One kept from before response.answer_vector existed is still used: the bench server's own
 * migrations add the column at start, and its start-up backfill or its first, uncounted
 * comparison request stores the missing vectors from the answer rows, so the counted requests
 * read what a submission would have stored.
 */
async function existingDataset(url: string, n: number): Promise<Omit<BenchDataset, 'url' | 'config' | 'respondents' | 'drop'> | null> {
  const connection = await mysql.createConnection({ uri: url }).catch(() => null);
  if (!connection) return null;
  try {
    const [rows] = (await connection.query('SELECT * FROM bench_dataset WHERE respondents = ?', [n])) as unknown as [{ project_id: number; baseline: number; follow_up: number | null; answer_rows: number; token: string }[]];
    const row = rows[0];
    return row ? { projectId: row.project_id, rounds: row.follow_up === null ? [row.baseline] : [row.baseline, row.follow_up], answerRows: row.answer_rows, token: row.token } : null;
  } catch {
    return null;
  } finally {
    await connection.end();
  }
}
