import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Project } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('attributes a project keeps from its leads', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let lead: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    // Everyone answers both rounds: with a few drop-outs, the differencing rule would refuse a lead
    // "pairs only" and the record-level exports, which is not what these tests are about.
    demo = await createDemoProject(ctx().deps, { respondents: 40, seed: 5, responseRate: 1, name: 'Privat' });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [demo.projectId] });
    const res = await request(ctx().app).patch(`/api/projects/${demo.projectId}`).set('authorization', `Bearer ${admin.apiToken}`).send({ reportableAttributes: ['municipality'] });
    expect(res.status).to.equal(200);
    expect(res.body.project.reportableAttributes).to.deep.equal(['municipality']);
  });
  const get = (who: SignedIn, url: string) => request(ctx().app).get(url).set('authorization', `Bearer ${who.apiToken}`);
  const compare = (who: SignedIn, extra = '') => get(who, `/api/projects/${demo.projectId}/comparison?baseline=${demo.startRoundId}&followup=${demo.endRoundId}${extra}`);

  it('refuses a lead a filter on a private attribute and leaves out the group comparison', async () => {
    const byGroup = await compare(lead, '&group=Forsøg');
    expect(byGroup.status).to.equal(400);
    expect(byGroup.body.error.details[0].field).to.equal('query.group');
    expect((await compare(lead, '&municipality=Aarhus')).status).to.equal(200);
    expect((await compare(lead)).body.differenceInDifferences).to.equal(null);
    expect((await compare(admin, '&group=Forsøg')).status).to.equal(200);
    expect((await compare(admin)).body.differenceInDifferences).to.not.equal(null);
  });

  it('blanks private attributes in a lead\'s exports, not in an admin\'s', async () => {
    const rows = async (who: SignedIn) => parse((await get(who, `/api/projects/${demo.projectId}/exports/wide.csv?round=${demo.startRoundId}`)).text, { columns: true, bom: true }) as Record<string, string>[];
    const forLead = await rows(lead);
    expect(forLead.every((r) => r.group === '' && r.team === '' && r.role === '')).to.equal(true);
    expect(forLead.some((r) => r.municipality !== '')).to.equal(true);
    expect((await rows(admin)).some((r) => r.group !== '')).to.equal(true);
  });

  it('merges the monitor over private attributes for a lead', async () => {
    const monitor = await get(lead, `/api/projects/${demo.projectId}/rounds/${demo.startRoundId}/monitor`);
    expect(monitor.status).to.equal(200);
    expect(monitor.body.units.every((u: { group: string | null; team: string | null }) => u.group === '–' && u.team === '–')).to.equal(true);
    const full = await get(admin, `/api/projects/${demo.projectId}/rounds/${demo.startRoundId}/monitor`);
    expect(monitor.body.total.invited).to.equal(full.body.total.invited);
    expect(monitor.body.units.length).to.be.at.most(full.body.units.length);
    expect(monitor.body.units.reduce((s: number, u: { invited: number }) => s + u.invited, 0)).to.equal(full.body.total.invited);
  });

  it('shows a lead only the visible filters on the dashboard', async () => {
    const page = await lead.agent.get(`/projects/${demo.projectId}/dashboard`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('id="f-municipality"');
    expect(page.text).to.not.contain('id="f-group"');
    expect((await lead.agent.get(`/projects/${demo.projectId}/dashboard?group=Kontrol`)).status).to.equal(400);
  });

  it('admins choose the reportable attributes on the project form', async () => {
    const project = await ctx().dataSource.getRepository(Project).findOneByOrFail({ id: demo.projectId });
    const res = await admin.agent.post(`/admin/projects/${project.id}`).type('form').send(`_csrf=${encodeURIComponent(admin.csrfToken)}&name=Privat&defaultLanguage=da&anonymityK=5&groupIntervention=Fors%C3%B8g&groupControl=Kontrol&units=&leadEmails=&reportableAttributes=&reportableAttributes=municipality&reportableAttributes=group`);
    expect(res.status).to.equal(303);
    expect(JSON.parse((await ctx().dataSource.getRepository(Project).findOneByOrFail({ id: project.id })).reportableAttributes)).to.deep.equal(['municipality', 'group']);
  });
});
