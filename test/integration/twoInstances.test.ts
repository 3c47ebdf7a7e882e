import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import mysql from 'mysql2/promise';
import { openDatabase } from '../../src/db/dataSource.js';
import { Project, QuestionnaireVersion, Round, UserAccount } from '../../src/db/entities/index.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { buildRespondent } from '../support/builders.js';
import { SmtpTestServer } from '../support/smtpTestServer.js';
import { TEST_SECRET_KEY } from '../support/testContext.js';
import { mysqlTestUrl } from '../support/testDatabases.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { surveysDir } from '../support/testContext.js';

const root = path.resolve(import.meta.dirname, '../..');
const RECIPIENTS = 20;

async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('two app instances on one MariaDB [mariadb]', function () {
  this.timeout(120_000);
  const smtp = new SmtpTestServer();
  const processes: ChildProcess[] = [];
  const output: string[] = [];
  const url = new URL(mysqlTestUrl);
  url.pathname = `${url.pathname}_two`;
  const databaseUrl = url.toString();
  const database = url.pathname.slice(1);
  const server = new URL(mysqlTestUrl);
  server.pathname = '';

  before(async function () {
    let admin: mysql.Connection;
    try {
      admin = await mysql.createConnection({ uri: server.toString(), connectTimeout: 3000 });
    } catch (error) {
      if (process.env.CI) throw error;
      this.skip();
    }
    await admin!.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin!.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin!.end();
    await smtp.start();
  });

  after(async () => {
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(processes.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)))));
    await smtp.stop();
    const admin = await mysql.createConnection({ uri: server.toString() }).catch(() => undefined);
    await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin?.end();
  });

  function startInstance(port: number): void {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: {
        ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, SECRET_KEY: TEST_SECRET_KEY, SEED_DEMO: 'false', LOG_LEVEL: 'warn',
        PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURITY: 'none', SCHEDULER_CRON: '* * * * * *',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => output.push(`[${port}] ${chunk.toString()}`));
    child.stderr!.on('data', (chunk: Buffer) => output.push(`[${port}] ${chunk.toString()}`));
    processes.push(child);
  }

  it('share sessions, send each invitation exactly once, and both take submissions', async () => {
    const ports = [31871, 31872];
    // Started together on an empty database: the start-up lock lets one migrate at a time.
    ports.forEach(startInstance);
    for (const port of ports) {
      await waitFor(`instance ${port} (output: ${output.join('')})`, 60_000, async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200 ? true : undefined));
    }

    const dataSource = await openDatabase({ databaseUrl, sqliteFile: '' });
    try {
      const project = await dataSource.getRepository(Project).save({ name: 'To instanser', defaultLanguage: 'da', anonymityK: 5 });
      for (let i = 0; i < RECIPIENTS; i++) await buildRespondent(dataSource, project.id, { email: `to${i}@jobcenter.dk` });
      const version = await dataSource.getRepository(QuestionnaireVersion).findOneOrFail({ where: { questionnaireId: 'hir-start' }, order: { revision: 'DESC' } });
      await dataSource.getRepository(Round).save({
        projectId: project.id, questionnaireVersionId: version.id, label: 'START', status: 'scheduled', opensAt: new Date(Date.now() - 1000), closesAt: new Date(Date.now() + 86400_000),
        reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
      });
      await dataSource.getRepository(UserAccount).save({ email: 'delt@example.dk', name: 'Delt', role: 'admin', passwordHash: await hashPassword('en lang nok adgangskode'), setupTokenHash: null, setupExpiresAt: null, active: true, lastLoginAt: null });
    } finally {
      await dataSource.destroy();
    }

    const mine = () => smtp.received.filter((mail) => mail.to.some((to) => to.startsWith('to')));
    await waitFor('all invitations', 45_000, async () => (mine().length >= RECIPIENTS ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const perRecipient = new Map<string, number>();
    for (const mail of mine()) perRecipient.set(mail.to[0]!, (perRecipient.get(mail.to[0]!) ?? 0) + 1);
    expect(perRecipient.size).to.equal(RECIPIENTS);
    expect([...perRecipient.values()].every((count) => count === 1), JSON.stringify([...perRecipient])).to.equal(true);

    // A session made on one instance works on the other.
    const loginPage = await fetch(`http://127.0.0.1:${ports[0]}/login`);
    let cookie = (loginPage.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
    const login = await fetch(`http://127.0.0.1:${ports[0]}/login`, {
      method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'delt@example.dk', password: 'en lang nok adgangskode', _csrf: csrf }).toString(),
    });
    expect(login.status).to.equal(303);
    cookie = (login.headers.get('set-cookie') ?? cookie).split(';')[0]!;
    const session = await fetch(`http://127.0.0.1:${ports[1]}/api/session`, { headers: { cookie } });
    expect(session.status).to.equal(200);
    expect(((await session.json()) as { user: { email: string } }).user.email).to.equal('delt@example.dk');

    // Submissions to both instances land.
    const answers = buildValidAnswers(loadQuestionnaires(surveysDir).find((q) => q.id === 'hir-start')!);
    const tokens = mine().slice(0, 2).map((mail) => /\/s\/([A-Za-z0-9_-]{22})/.exec(mail.text)![1]!);
    for (const [index, token] of tokens.entries()) {
      const res = await fetch(`http://127.0.0.1:${ports[index]}/api/responses/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
      expect(res.status).to.equal(201);
    }
    for (const port of ports) expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
  });
});
