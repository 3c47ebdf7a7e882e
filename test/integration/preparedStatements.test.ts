import { expect } from 'chai';
import { QueryFailedError } from 'typeorm';
import { runPrepared } from '../../src/db/preparedStatement.js';
import { isUniqueViolation } from '../../src/db/uniqueViolation.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

// A DATETIME both databases take as it is (runPrepared does not convert values; its callers do).
const SAVED_AT = '2026-12-06 10:00:00';

// src/db/preparedStatement.ts: the hot paths' statements as prepared statements on MariaDB, as
// queries on SQLite; the answers must be the same either way.
describeWithEachDatabase('prepared statements', testDatabases, (ctx: () => TestContext) => {
  it('give the rows a query gives: dates, nulls, booleans and text alike, in and outside a transaction', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { respondent } = await buildInvitation(ctx().dataSource, round);
    const sql = 'SELECT r.id, r.name, r.email, r.active, r.erased_at, r.created_at, p.name AS project FROM respondent r JOIN project p ON p.id = r.project_id WHERE r.id = ?';
    const asQuery = await ctx().dataSource.query(sql, [respondent.id]);
    expect(await runPrepared(ctx().dataSource, sql, [respondent.id])).to.deep.equal(asQuery);
    await ctx().dataSource.transaction(async (manager) => {
      expect(await runPrepared(manager, sql, [respondent.id])).to.deep.equal(asQuery);
    });
  });

  it('write inside the transaction they run in, and fail as a query fails (a second draft for a link is a unique violation)', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { invitation } = await buildInvitation(ctx().dataSource, round);
    const insert = 'INSERT INTO draft (invitation_id, answers, language, updated_at) VALUES (?, ?, ?, ?)';
    const drafts = async () => Number(((await ctx().dataSource.query('SELECT COUNT(*) AS n FROM draft WHERE invitation_id = ?', [invitation.id])) as { n: number | string }[])[0]!.n);
    await ctx().dataSource.transaction(async (manager) => {
      await runPrepared(manager, insert, [invitation.id, '{}', 'da', SAVED_AT]);
      const failure = await runPrepared(manager, insert, [invitation.id, '{}', 'en', SAVED_AT]).catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(QueryFailedError);
      expect(isUniqueViolation(failure)).to.equal(true);
    }).catch(() => undefined);
    // SQLite's failed statement leaves the transaction usable; either way what was written before it is kept or rolled back with it, never half.
    expect(await drafts()).to.be.oneOf([0, 1]);
    await ctx().dataSource.query('DELETE FROM draft WHERE invitation_id = ?', [invitation.id]);
    await ctx().dataSource.transaction(async (manager) => {
      await runPrepared(manager, insert, [invitation.id, '{}', 'da', SAVED_AT]);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect(await drafts(), 'rolled back with its transaction').to.equal(0);
    await ctx().dataSource.transaction((manager) => runPrepared(manager, insert, [invitation.id, '{}', 'da', SAVED_AT]));
    expect(await drafts(), 'committed with its transaction').to.equal(1);
  });

  it('keep at most 64 statements per connection on MariaDB, under the server\'s limit for all instances', async function () {
    if (ctx().dataSource.options.type !== 'mysql') this.skip();
    const count = async () => Number(((await ctx().dataSource.query("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'")) as { Value: string }[])[0]!.Value);
    const before = await count();
    await ctx().dataSource.transaction(async (manager) => {
      for (let i = 0; i < 80; i++) await runPrepared(manager, `SELECT ? + ${i} AS n FROM respondent WHERE id = ?`, [1, -1]);
    });
    expect(await count() - before).to.be.at.most(64).and.at.least(1);
  });
});
