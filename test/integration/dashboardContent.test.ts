import { expect } from 'chai';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { Project } from '../../src/db/entities/index.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('the dashboard\'s content for a filter change', testDatabases, (ctx: () => TestContext) => {
  let lead: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  before(async () => {
    demo = await createDemoProject(ctx().deps, { respondents: 40, seed: 5, responseRate: 1, name: 'Indhold' });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [demo.projectId] });
  });
  const content = (query: string) => lead.agent.get(`/projects/${demo.projectId}/dashboard/content?baseline=${demo.startRoundId}&followup=${demo.endRoundId}${query}`);
  const invitedCells = (html: string) => [...html.matchAll(/<tr><td>(?:START|END)<\/td><td class="text-align-right">([^<]*)<\/td>/g)].map((m) => m[1]);

  it('is the content alone, for the selection in its query, with the overview for the segment', async () => {
    const whole = await content('');
    expect(whole.status).to.equal(200);
    expect(whole.text).to.not.contain('<html');
    expect(whole.text).to.contain('id="dashboard"');
    expect(invitedCells(whole.text)).to.deep.equal(['40', '40']);
    // Aarhus holds every fourth of the 40 caseworkers.
    expect(invitedCells((await content('&municipality=Aarhus')).text)).to.deep.equal(['10', '10']);
  });

  it('offers team and role filters and hides an invited count under k', async () => {
    const page = await lead.agent.get(`/projects/${demo.projectId}/dashboard`);
    expect(page.text).to.contain('id="f-team"').and.contain('id="f-role"').and.contain('<option>Team Nord</option>');
    const k = 11;
    await ctx().dataSource.getRepository(Project).update(demo.projectId, { anonymityK: k });
    const aarhus = await content('&municipality=Aarhus&paired=false');
    expect(aarhus.status).to.equal(200);
    expect(invitedCells(aarhus.text)).to.deep.equal([`færre end ${k} svar`, `færre end ${k} svar`]);
    await ctx().dataSource.getRepository(Project).update(demo.projectId, { anonymityK: 5 });
  });

  it('names what the START (hir-start) and END (hir-end) questionnaires do not share, in the page\'s language; the full report linked for admins only', async () => {
    const note = (html: string) => /<div class="alert alert-info" data-questionnaire-differences>([\s\S]*?)<\/div><\/div>/.exec(html)?.[1] ?? '';
    const danish = note((await content('')).text);
    expect(danish).to.contain('Runderne har ikke samme spørgeskema').and.contain('Kun spurgt i END (2)')
      .and.contain('Jeg tilrettelægger mit arbejde med borgere i ressourceforløb efter at borgeren skal opnå ordinære timer')
      .and.contain('Tidsforbrug omregnes: „Forberedelse af samtaler“').and.not.contain('Kun spurgt i START');
    expect(danish).to.not.contain('/admin/');
    const english = note((await content('&lang=en')).text);
    expect(english).to.contain('Asked in END only (2)').and.contain('Time use rescaled: “Preparing conversations”');
    const admin = await signIn(ctx(), { role: 'admin' });
    const adminNote = note((await admin.agent.get(`/projects/${demo.projectId}/dashboard?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`)).text);
    expect(adminNote).to.contain('href="/admin/questionnaires/compare?a=hir-start&amp;b=hir-end"');
    // The same questionnaire in both rounds: no note.
    const same = await createDemoProject(ctx().deps, { respondents: 12, seed: 6, responseRate: 1, name: 'Samme skema', rounds: 3 });
    const sameLead = await signIn(ctx(), { role: 'lead', projectIds: [same.projectId] });
    const page = await sameLead.agent.get(`/projects/${same.projectId}/dashboard`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('id="dashboard"').and.not.contain('data-questionnaire-differences');
  });

  it('says why a view is refused, as content with the status', async () => {
    await ctx().dataSource.getRepository(Project).update(demo.projectId, { reportableAttributes: JSON.stringify(['municipality']) });
    const refused = await content('&role=koordinerende%20sagsbehandler');
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('class="alert alert-warning"').and.not.contain('<html');
    expect((await lead.agent.get(`/projects/${demo.projectId}/dashboard`)).text).to.not.contain('id="f-team"');
  });
});
