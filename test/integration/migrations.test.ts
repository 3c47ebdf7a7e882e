import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { testDatabases } from '../support/testDatabases.js';

const tables = [
  'project', 'questionnaire_version', 'round', 'respondent', 'invitation', 'response', 'answer', 'draft',
  'user_account', 'project_lead', 'web_session', 'api_token', 'audit_log', 'project_group', 'org_unit', 'mail_outbox', 'job_lease',
];

for (const database of testDatabases) {
  describe(`migrations [${database.name}]`, function () {
    let dataSource: DataSource | undefined;
    before(async function () {
      dataSource = await database.open();
      if (!dataSource) this.skip();
    });
    after(() => dataSource?.destroy());

    it('create every table, undo cleanly, and apply again', async () => {
      const runner = dataSource!.createQueryRunner();
      try {
        for (const table of tables) expect(await runner.hasTable(table), table).to.equal(true);
        while ((await dataSource!.query('SELECT COUNT(*) AS n FROM migrations').then((rows: { n: number | string }[]) => Number(rows[0]!.n))) > 0) {
          await dataSource!.undoLastMigration();
        }
        for (const table of tables) expect(await runner.hasTable(table), table).to.equal(false);
        const applied = await dataSource!.runMigrations();
        expect(applied.length).to.be.greaterThan(0);
        for (const table of tables) expect(await runner.hasTable(table), table).to.equal(true);
      } finally {
        await runner.release();
      }
    });
  });
}
