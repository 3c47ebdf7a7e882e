import { expect } from 'chai';
import request from 'supertest';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { mysqlTestUrl, testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('GET /healthz names the database server it reaches', testDatabases, (ctx: () => TestContext) => {
  it('gives host and port on MySQL/MariaDB (no Galera part off a cluster), nothing on SQLite', async () => {
    const res = await request(ctx().app).get('/healthz');
    expect(res.status).to.equal(200);
    if (ctx().dataSource.options.type !== 'mysql') {
      expect(res.body.database).to.deep.equal({ kind: 'sqlite', status: 'up' });
      return;
    }
    expect(res.body.database.kind).to.equal('mysql');
    expect(res.body.database.node.port).to.equal(Number(new URL(mysqlTestUrl).port || 3306));
    expect(res.body.database.node.host).to.be.a('string').and.not.equal('');
    expect(res.body.database.node).not.to.have.property('galera');
  });
});
