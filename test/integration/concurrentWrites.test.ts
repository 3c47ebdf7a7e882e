import { expect } from 'chai';
import request from 'supertest';
import { Project } from '../../src/db/entities/index.js';
import { signIn } from '../support/auth.js';
import { buildProject } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('concurrent writes', testDatabases, (ctx: () => TestContext) => {
  it('8 projects created at once, three times over, all succeed', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    const before = await ctx().dataSource.getRepository(Project).count();
    const body = (i: number) => ({
      name: `Samtidig ${i}`, defaultLanguage: 'da', anonymityK: 5, leadEmails: [lead.user.email],
      groups: [{ name: 'Forsøg', kind: 'intervention' }, { name: 'Kontrol', kind: 'control' }],
      units: Array.from({ length: 20 }, (_, u) => ({ municipality: `Kommune ${u % 4}`, team: `Team ${u}` })),
    });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => request(ctx().app).post('/api/projects').set('authorization', `Bearer ${admin.apiToken}`).send(body(round * 8 + i))));
      expect(results.map((r) => r.status), JSON.stringify(results.find((r) => r.status !== 201)?.body)).to.deep.equal(Array(8).fill(201));
    }
    expect(await ctx().dataSource.getRepository(Project).count()).to.equal(before + 24);
  });

  it('a transaction the database picks as a deadlock victim runs again, whole, and both commit', async () => {
    const db = ctx().dataSource;
    const [a, b] = [await buildProject(db), await buildProject(db)];
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothHoldTheirFirstLock = new Promise<void>((resolve) => { release = resolve; });
    // Each takes one row, waits until the other holds its row, then asks for the other's: a deadlock.
    // SQLite runs transactions one at a time, so there the wait ends after a moment instead.
    const crosswise = (first: Project, second: Project, name: string) => db.transaction(async (manager) => {
      attempts++;
      await manager.query('UPDATE project SET name = ? WHERE id = ?', [name, first.id]);
      if (++arrived === 2) release();
      if (arrived <= 2) await Promise.race([bothHoldTheirFirstLock, new Promise((resolve) => setTimeout(resolve, 1000))]);
      await manager.query('UPDATE project SET name = ? WHERE id = ?', [name, second.id]);
    });
    await Promise.all([crosswise(a, b, 'først a'), crosswise(b, a, 'først b')]);
    expect(attempts).to.equal(ctx().deps.config.databaseUrl ? 3 : 2);
    const names = (await db.getRepository(Project).findBy([{ id: a.id }, { id: b.id }])).map((p) => p.name);
    // Whichever committed last wrote both rows: no half of a transaction survives.
    expect(new Set(names).size).to.equal(1);
  });
});
