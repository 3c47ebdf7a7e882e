import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../../src/db/dataSource.js';
import { Answer, Response } from '../../src/db/entities/index.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { answerRows } from '../../src/responses/answerRows.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { surveysDir, TEST_SECRET_KEY } from '../support/testContext.js';

const root = path.resolve(import.meta.dirname, '../..');
const CLIENTS = 80;

function startServer(sqliteFile: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), SQLITE_FILE: sqliteFile, SECRET_KEY: TEST_SECRET_KEY, SEED_DEMO: 'false', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent', SUBMISSIONS_PER_MINUTE: '100000' },
    stdio: 'ignore',
  });
}

async function waitUntilUp(port: number): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not start');
}

describe('the server killed with SIGKILL during a load of submissions [sqlite]', function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-kill-'));
  const sqliteFile = path.join(dir, 'kill.sqlite');
  let server: ChildProcess | undefined;
  after(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves every stored response whole, and clients without a 2xx can resubmit', async () => {
    const setup = await openDatabase({ databaseUrl: undefined, sqliteFile });
    const catalog = await syncQuestionnaireVersions(setup, loadQuestionnaires(surveysDir));
    const questionnaire = catalog.latest('hir-start')!.questionnaire;
    const round = await buildRound(setup, catalog, new Date());
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) tokens.push((await buildInvitation(setup, round)).token);
    await setup.destroy();
    const answers = buildValidAnswers(questionnaire);
    const rowsPerResponse = answerRows(questionnaire, answers).length;

    const port = 31900 + (process.pid % 50);
    server = startServer(sqliteFile, port);
    await waitUntilUp(port);
    const submit = (token: string) => fetch(`http://127.0.0.1:${port}/api/responses/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) }).then((r) => r.status, () => 0);
    let firstDone: () => void;
    const firstSuccess = new Promise<void>((resolve) => { firstDone = resolve; });
    const results = tokens.map((token) => submit(token).then((status) => { if (status === 201) firstDone(); return status; }));
    await firstSuccess;
    server.kill('SIGKILL');
    const statuses = await Promise.all(results);
    const acknowledged = statuses.filter((s) => s === 201).length;
    expect(acknowledged).to.be.within(1, CLIENTS);

    server = startServer(sqliteFile, port);
    await waitUntilUp(port);
    const check = await openDatabase({ databaseUrl: undefined, sqliteFile });
    try {
      const stored = await check.getRepository(Response).find();
      expect(stored.length).to.be.at.least(acknowledged);
      for (const response of stored) expect(await check.getRepository(Answer).countBy({ responseId: response.id }), `response ${response.id}`).to.equal(rowsPerResponse);
      // Everyone who got no 2xx tries again: each ends with exactly one response.
      const retries = await Promise.all(tokens.map((token, i) => (statuses[i] === 201 ? Promise.resolve(201) : submit(token))));
      expect(retries.every((s) => s === 201 || s === 409), JSON.stringify(retries)).to.equal(true);
      expect(await check.getRepository(Response).count()).to.equal(CLIENTS);
      expect(await check.getRepository(Answer).count()).to.equal(CLIENTS * rowsPerResponse);
    } finally {
      await check.destroy();
    }
  });
});
