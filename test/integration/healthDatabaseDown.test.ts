import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/dataSource.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { createLogger } from '../../src/shared/logger.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { surveysDir, testConfig, TEST_SECRET_KEY } from '../support/testContext.js';
import { mysqlTestUrl, testDatabases } from '../support/testDatabases.js';
import { TcpProxy } from '../support/tcpProxy.js';

describe('when MariaDB goes away [mariadb]', function () {
  const target = new URL(mysqlTestUrl);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 3306));

  before(async function () {
    // The shared helper resets the schema (and fails in CI when MariaDB is missing).
    const direct = await testDatabases.find((d) => d.name === 'mariadb')!.open();
    if (!direct) this.skip();
    await direct!.destroy();
  });

  after(() => proxy.stop());

  it('healthz and submissions answer 503 with a clear message while the database is unreachable, and work again once it is back', async () => {
    const port = await proxy.start();
    const url = new URL(mysqlTestUrl);
    url.port = String(port);
    const dataSource = await openDatabase({ databaseUrl: url.toString(), sqliteFile: '' });
    try {
      const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(surveysDir));
      const app = buildApp({ config: testConfig({ databaseUrl: url.toString() }), dataSource, catalog, logger: createLogger('silent'), secretKey: TEST_SECRET_KEY });
      expect((await request(app).get('/healthz')).status).to.equal(200);

      const round = await buildRound(dataSource, catalog, new Date());
      const { token } = await buildInvitation(dataSource, round);
      const answers = buildValidAnswers(catalog.latest('hir-start')!.questionnaire);

      await proxy.stop();
      const down = await request(app).get('/healthz');
      expect(down.status).to.equal(503);
      expect(down.body.database.status).to.equal('down');
      // The caseworker is told to try again, not shown a stack trace; the API says 503 with a reason.
      const form = await request(app).post(`/s/${token}`).type('form').send({ ...answersToFormValues(answers), action: 'submit' });
      expect(form.status).to.equal(503);
      expect(form.text).to.contain('<html');
      expect(form.text).to.not.match(/ECONNREFUSED|at [A-Za-z]+ \(/);
      const api = await request(app).post(`/api/responses/${token}`).send({ answers });
      expect(api.status).to.equal(503);
      expect(api.body.error.code).to.equal('database_unavailable');

      await proxy.start(port);
      let status = 0;
      // The pool notices dead connections on use; a few tries bring it back.
      for (let attempt = 0; attempt < 10 && status !== 200; attempt++) status = (await request(app).get('/healthz')).status;
      expect(status).to.equal(200);
      // Once the database is back the same submission goes through.
      let submitted = 0;
      for (let attempt = 0; attempt < 5 && submitted !== 201; attempt++) submitted = (await request(app).post(`/api/responses/${token}`).send({ answers })).status;
      expect(submitted).to.equal(201);
    } finally {
      await dataSource.destroy().catch(() => undefined);
    }
  });
});
