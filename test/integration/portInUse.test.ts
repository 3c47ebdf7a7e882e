import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../../src/db/dataSource.js';
import { Round } from '../../src/db/entities/index.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { buildRound } from '../support/builders.js';
import { surveysDir, TEST_SECRET_KEY } from '../support/testContext.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('starting on a port that is already in use [sqlite]', function () {
  this.timeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-port-'));
  const sqliteFile = path.join(dir, 'pejling.sqlite');
  const occupant = net.createServer();
  after(async () => {
    await new Promise((resolve) => occupant.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits non-zero with a message naming the port, before the scheduler runs', async () => {
    // A round that is due to open: the scheduler's first tick, run at start, would open it.
    const dataSource = await openDatabase({ databaseUrl: undefined, sqliteFile });
    const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(surveysDir));
    const round = await buildRound(dataSource, catalog, new Date(), { status: 'scheduled' });
    await dataSource.destroy();

    await new Promise<void>((resolve) => occupant.listen(0, resolve));
    const port = (occupant.address() as net.AddressInfo).port;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATABASE_URL: '', SQLITE_FILE: sqliteFile, SECRET_KEY: TEST_SECRET_KEY, SEED_DEMO: 'false', LOG_LEVEL: 'info', SCHEDULER_ENABLED: 'true', SCHEDULER_CRON: '* * * * * *' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exitCode = await new Promise<number | null>((resolve) => {
      const deadline = setTimeout(() => { child.kill('SIGKILL'); resolve(null); }, 60_000);
      child.once('exit', (code) => { clearTimeout(deadline); resolve(code); });
    });

    expect(exitCode, `still running after 60 s; stdout: ${stdout}`).to.not.equal(null);
    expect(exitCode).to.not.equal(0);
    expect(stderr).to.contain(`Port ${port} is already in use`);
    expect(stdout).to.not.contain('listens');
    const after = await openDatabase({ databaseUrl: undefined, sqliteFile });
    try {
      expect((await after.getRepository(Round).findOneByOrFail({ id: round.id })).status).to.equal('scheduled');
    } finally {
      await after.destroy();
    }
  });
});
