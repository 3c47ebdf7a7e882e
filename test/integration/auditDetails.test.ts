import { expect } from 'chai';
import request from 'supertest';
import { auditDetailsText, MAX_DETAILS_CHARS, recordAudit } from '../../src/audit/auditLog.js';
import { AuditLog, OrgUnit } from '../../src/db/entities/index.js';
import { signIn } from '../support/auth.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('audit details of any size', testDatabases, (ctx: () => TestContext) => {
  it('a project with 2,000 units is created and its audit entry holds every unit', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const units = Array.from({ length: 2000 }, (_, i) => ({ municipality: `K${i % 98}`, team: `T${i}` }));
    const body = { name: 'Stort projekt', defaultLanguage: 'da', anonymityK: 5, units };
    // More than the 64 KB MySQL's TEXT held, within the API's 100 kB limit.
    expect(JSON.stringify(body).length).to.be.within(65_536, 100_000);
    const res = await request(ctx().app).post('/api/projects').set('authorization', `Bearer ${admin.apiToken}`).send(body);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(await ctx().dataSource.getRepository(OrgUnit).countBy({ projectId: res.body.project.id })).to.equal(98 + 2000);
    const entry = await ctx().dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'project.create', objectId: String(res.body.project.id) });
    expect((JSON.parse(entry.details!) as typeof body).units).to.deep.equal(units);
  });

  it('details beyond what the column holds are stored as a summary, and the action still succeeds', async () => {
    const huge = { comment: '\u0001'.repeat(MAX_DETAILS_CHARS / 5) };
    expect(JSON.stringify(huge).length).to.be.greaterThan(MAX_DETAILS_CHARS);
    await recordAudit(ctx().dataSource, null, { action: 'test.huge', objectType: 'project', objectId: 1, details: huge });
    const entry = await ctx().dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'test.huge' });
    expect(entry.details).to.equal(auditDetailsText(huge));
    expect(JSON.parse(entry.details!)).to.include({ summarised: true, characters: JSON.stringify(huge).length });
  });
});
