import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { testDatabases } from '../support/testDatabases.js';

interface PooledConnection {
  promise(): { query(sql: string): Promise<unknown> };
}

/** src/db/reusePromiseWrappers.ts: one mysql2 promise wrapper per pooled connection, still working. */
describe('pooled MariaDB connections [mariadb]', () => {
  let dataSource: DataSource | undefined;

  before(async function () {
    dataSource = await testDatabases.find((d) => d.name === 'mariadb')!.open();
    if (!dataSource) this.skip();
  });

  after(() => dataSource?.destroy());

  it('keep one promise wrapper each across transactions, and their statements still run with it', async () => {
    const wrappers = new Map<unknown, unknown>();
    for (let i = 0; i < 3; i++) {
      await dataSource!.transaction(async (manager) => {
        const connection = (manager.queryRunner as unknown as { databaseConnection: PooledConnection }).databaseConnection;
        const wrapper = connection.promise();
        expect(connection.promise()).to.equal(wrapper);
        if (wrappers.has(connection)) expect(wrappers.get(connection)).to.equal(wrapper);
        wrappers.set(connection, wrapper);
        const [[row]] = (await connection.promise().query('SELECT 1 + 1 AS two')) as [{ two: number }[]];
        expect(Number(row!.two)).to.equal(2);
        expect(await manager.query('SELECT 3 AS three')).to.deep.equal([{ three: 3 }]);
      });
    }
  });
});
