import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/dataSource.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import { createLogger } from '../../src/shared/logger.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { surveysDir, testConfig, TEST_SECRET_KEY } from '../support/testContext.js';
import { mysqlTestUrl, testDatabases } from '../support/testDatabases.js';
import { TcpProxy } from '../support/tcpProxy.js';

/** The requirement: a stalled database answers 503 within 10 s, never a hanging request. */
const REQUIRED_MS = 10_000;

describe('when MariaDB stops answering but keeps the connection open [mariadb]', function () {
  this.timeout(120_000);
  const target = new URL(mysqlTestUrl);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 3306));

  before(async function () {
    // The shared helper resets the schema (and fails in CI when MariaDB is missing).
    const direct = await testDatabases.find((d) => d.name === 'mariadb')!.open();
    if (!direct) this.skip();
    await direct!.destroy();
  });

  after(() => proxy.stop());

  it('a submission answers 503 within 10 s with the default time limit, and goes through once the database answers again', async () => {
    const port = await proxy.start();
    const url = new URL(mysqlTestUrl);
    url.port = String(port);
    const config = testConfig({ databaseUrl: url.toString() });
    const dataSource = await openDatabase(config);
    try {
      const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(surveysDir));
      const app = buildApp({ config, dataSource, catalog, logger: createLogger('silent'), secretKey: TEST_SECRET_KEY });
      const round = await buildRound(dataSource, catalog, new Date());
      const { token } = await buildInvitation(dataSource, round);
      const answers = buildValidAnswers(catalog.latest('hir-start')!.questionnaire);

      proxy.freeze();
      const timed = async (send: () => request.Test) => {
        const started = Date.now();
        const res = await send();
        return { res, ms: Date.now() - started };
      };
      // The API and the form, one after the other and two at once: each gets its 503 in time.
      const api = await timed(() => request(app).post(`/api/responses/${token}`).send({ answers }));
      expect(api.res.status).to.equal(503);
      expect(api.res.body.error.code).to.equal('database_unavailable');
      expect(api.ms).to.be.below(REQUIRED_MS);
      const [form, again] = await Promise.all([
        timed(() => request(app).post(`/s/${token}`).type('form').send({ ...answersToFormValues(answers), action: 'submit' })),
        timed(() => request(app).post(`/api/responses/${token}`).send({ answers })),
      ]);
      expect([form.res.status, again.res.status]).to.deep.equal([503, 503]);
      expect(form.res.text).to.contain('<html');
      expect(Math.max(form.ms, again.ms)).to.be.below(REQUIRED_MS);
      // More requests than the pool has connections: those waiting for a connection get theirs too.
      const crowd = await Promise.all(Array.from({ length: 30 }, () => timed(() => request(app).post(`/api/responses/${token}`).send({ answers }))));
      expect([...new Set(crowd.map((c) => c.res.status))]).to.deep.equal([503]);
      expect(Math.max(...crowd.map((c) => c.ms))).to.be.below(REQUIRED_MS);

      proxy.thaw();
      let submitted = 0;
      // Connections cut during the stall are replaced on use; a few tries bring the pool back.
      for (let attempt = 0; attempt < 5 && submitted !== 201; attempt++) submitted = (await request(app).post(`/api/responses/${token}`).send({ answers })).status;
      expect(submitted).to.equal(201);
    } finally {
      proxy.thaw();
      await dataSource.destroy().catch(() => undefined);
    }
  });
});
