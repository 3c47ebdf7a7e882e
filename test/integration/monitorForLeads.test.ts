import { expect } from 'chai';
import request from 'supertest';
import { Project } from '../../src/db/entities/index.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

interface Row { municipality: string | null; team: string | null; group: string | null; invited: number; submitted: number; other?: true }

/** Units of 6, 2, 5, 1 and 1 invited caseworkers (15 in all), with k = 5. */
const UNITS = [['Aarhus', 'Team A', 6], ['Aarhus', 'Team B', 2], ['Odense', 'Team C', 5], ['Odense', 'Team D', 1], ['Vejle', 'Team E', 1]] as const;

describeWithEachDatabase('the response monitor for project leads', testDatabases, (ctx: () => TestContext) => {
  let projectId: number;
  let roundId: number;
  let admin: SignedIn;
  let lead: SignedIn;
  before(async () => {
    const project = await buildProject(ctx().dataSource, { anonymityK: 5 });
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: project.id });
    for (const [municipality, team, size] of UNITS) for (let i = 0; i < size; i++) await buildInvitation(ctx().dataSource, round, { municipality, team, groupName: null });
    projectId = project.id;
    roundId = round.id;
    admin = await signIn(ctx(), { role: 'admin' });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [project.id] });
  });
  const monitor = async (who: SignedIn) => {
    const res = await request(ctx().app).get(`/api/projects/${projectId}/rounds/${roundId}/monitor`).set('authorization', `Bearer ${who.apiToken}`);
    expect(res.status).to.equal(200);
    return res.body as { units: Row[]; total: Row };
  };
  const reportable = (attributes: string[]) => ctx().dataSource.getRepository(Project).update(projectId, { reportableAttributes: JSON.stringify(attributes) });

  it('shows an admin every unit', async () => {
    const body = await monitor(admin);
    expect(body.units.map((u) => [u.team, u.invited]).sort()).to.deep.equal([['Team A', 6], ['Team B', 2], ['Team C', 5], ['Team D', 1], ['Team E', 1]]);
  });

  it('merges a lead\'s units under k into "Øvrige", and the smallest shown unit too while "Øvrige" is under k', async () => {
    await reportable(['municipality', 'team', 'group', 'role']);
    const body = await monitor(lead);
    // Team B, D and E (4) are under k; with Team C (5) "Øvrige" holds 9.
    expect(body.units.map((u) => [u.municipality, u.team, u.invited, u.other ?? false])).to.deep.equal([['Aarhus', 'Team A', 6, false], ['Øvrige', null, 9, true]]);
    for (const row of body.units) expect(row.invited, JSON.stringify(row)).to.be.at.least(5);
    expect(body.total.invited).to.equal(15);
    const page = await lead.agent.get(`/admin/projects/${projectId}/rounds/${roundId}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Øvrige');
    expect(page.text).not.to.contain('Team B');
  });

  it('merges over hidden attributes first: by municipality, Vejle (1) is under k and Odense (6), the smallest shown, joins it in "Øvrige"', async () => {
    await reportable(['municipality']);
    const body = await monitor(lead);
    expect(body.units.map((u) => [u.municipality, u.invited])).to.deep.equal([['Aarhus', 8], ['Øvrige', 7]]);
  });

  it('shows a lead only the total when no unit would be left beside "Øvrige"', async () => {
    await ctx().dataSource.getRepository(Project).update(projectId, { anonymityK: 9, reportableAttributes: JSON.stringify(['municipality', 'team', 'group', 'role']) });
    const body = await monitor(lead);
    expect(body.units).to.deep.equal([]);
    expect(body.total.invited).to.equal(15);
    await ctx().dataSource.getRepository(Project).update(projectId, { anonymityK: 5 });
  });
});
