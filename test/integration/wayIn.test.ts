import { expect } from 'chai';
import request from 'supertest';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { buildProject } from '../support/builders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** Every href in a page, with &amp; decoded. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
/** The Data page's download links, each with the title and the sentence printed above it. */
const exportsOf = (html: string) => [...html.matchAll(/<li class="export-item"><p class="export-title">([^<]+)<\/p><p class="form-hint export-description">([^<]+)<\/p><ul class="nobullet-list export-formats">(.*?)<\/ul><\/li>/g)]
  .flatMap((m) => [...m[3]!.matchAll(/<a href="([^"]+)" download aria-label="[^"]+">([^<]+)</g)].map((link) => ({ href: link[1]!.replaceAll('&amp;', '&'), name: `${link[2]!}: ${m[1]!}`, description: m[2]! })));

describeWithEachDatabase('the way in for leads and admins', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let lead: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  let otherProjectId: number;
  let small: { projectId: number };
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    demo = await createDemoProject(ctx().deps, { respondents: 40, seed: 5, responseRate: 1, name: 'Vejen ind' });
    otherProjectId = (await buildProject(ctx().dataSource, { name: 'Ikke din' })).id;
    // So few caseworkers that some combination of municipality, team, group and role holds fewer than k.
    small = await createDemoProject(ctx().deps, { respondents: 12, seed: 7, responseRate: 1, name: 'Lille' });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [demo.projectId, small.projectId] });
  });
  const setReportable = async (attributes: string[]) => {
    const res = await request(ctx().app).patch(`/api/projects/${demo.projectId}`).set('authorization', `Bearer ${admin.apiToken}`).send({ reportableAttributes: attributes });
    expect(res.status).to.equal(200);
  };

  it('the home page links to the sign-in, and /admin leads to the projects', async () => {
    const home = await request(ctx().app).get('/');
    expect(hrefs(home.text)).to.include('/login');
    expect(home.text).to.contain('Log ind');
    expect(hrefs((await lead.agent.get('/')).text)).to.include('/admin/projects');
    const adminArea = await lead.agent.get('/admin');
    expect(adminArea.status).to.equal(303);
    expect(adminArea.headers.location).to.equal('/admin/projects');
    expect((await request(ctx().app).get('/admin')).headers.location).to.equal('/login?next=%2Fadmin');
    expect((await request(ctx().app).get('/admin/projects')).headers.location).to.equal('/login?next=%2Fadmin%2Fprojects');
  });

  it('a lead lands on their projects, each with Resultater, Rapport and Data; an admin finds the same on the project page', async () => {
    const list = await lead.agent.get('/admin/projects');
    expect(list.status).to.equal(200);
    expect(hrefs(list.text)).to.include.members([`/projects/${demo.projectId}/dashboard`, `/projects/${demo.projectId}/report`, `/admin/projects/${demo.projectId}/data`]);
    expect(list.text).to.not.contain('Ikke din');
    const page = await admin.agent.get(`/admin/projects/${demo.projectId}`);
    expect(hrefs(page.text)).to.include.members([`/projects/${demo.projectId}/dashboard`, `/projects/${demo.projectId}/report`, `/admin/projects/${demo.projectId}/data`]);
    for (const href of [`/projects/${demo.projectId}/dashboard`, `/projects/${demo.projectId}/report`]) expect((await lead.agent.get(href)).status, href).to.equal(200);
  });

  it('the Data page lists every export the reader may take, with a sentence each, and every link downloads', async () => {
    await setReportable(['municipality']);
    const rounds = [demo.startRoundId, demo.endRoundId];
    const exports = `/api/projects/${demo.projectId}/exports`;
    const pair = `baseline=${demo.startRoundId}&followup=${demo.endRoundId}`;
    const expected = [
      ...rounds.flatMap((id) => [`${exports}/wide.xlsx?round=${id}`, `${exports}/wide.csv?round=${id}`, `${exports}/wide.csv?round=${id}&dialect=excel-da`, `${exports}/wide.sav?round=${id}`, `${exports}/wide.dta?round=${id}`, `${exports}/long.csv?round=${id}`, `${exports}/long.csv?round=${id}&dialect=excel-da`]),
      `${exports}/figures.xlsx?${pair}`, `${exports}/paired.xlsx?${pair}`, `${exports}/paired.csv?${pair}`, `${exports}/paired.csv?${pair}&dialect=excel-da`, `${exports}/paired.sav?${pair}`, `${exports}/paired.dta?${pair}`,
      `${exports}/codebook.csv`, `${exports}/codebook.csv?dialect=excel-da`, `${exports}/pejling.R`,
    ];
    for (const reader of [lead, admin]) {
      const page = await reader.agent.get(`/admin/projects/${demo.projectId}/data`);
      expect(page.status).to.equal(200);
      const links = exportsOf(page.text);
      expect(links.map((l) => l.href)).to.have.members(expected);
      // One entry per dataset: the SPSS and Stata files sit under the wide and paired entries, beside Excel and the CSVs.
      expect(new Set(links.map((l) => l.name.slice(l.name.indexOf(': ') + 2))).size).to.equal(2 * 2 + 2 + 2);
      expect(links.filter((l) => l.href.includes('wide.sav')).map((l) => l.name)).to.deep.equal(['SPSS (.sav): Bred: én række pr. besvarelse (START)', 'SPSS (.sav): Bred: én række pr. besvarelse (END)']);
      for (const link of links) {
        expect(link.description, link.name).to.match(/^\p{Lu}.{40,}\.$/u);
        expect(link.description, link.name).to.match(/(administratorer og projektets ledere|alle, der må se Resultater,) kan hente/);
        const download = await reader.agent.get(link.href);
        expect(download.status, link.href).to.equal(200);
        expect(download.headers['content-disposition'], link.href).to.match(/^attachment/);
      }
      // Leads see only the attributes the project gives them, and the page says so.
      expect(links.find((l) => l.href.includes('wide.csv'))!.description).to.contain('kun med kommune');
    }
  });

  it('tells a lead, instead of a 409 after clicking, when the k rule keeps the record-level files from them', async () => {
    const rounds = (await request(ctx().app).get(`/api/projects/${small.projectId}/rounds`).set('authorization', `Bearer ${admin.apiToken}`)).body.rounds as { id: number }[];
    expect((await lead.agent.get(`/api/projects/${small.projectId}/exports/wide.csv?round=${rounds[0]!.id}`)).status, 'the small project has combinations of attributes under k').to.equal(409);
    const page = await lead.agent.get(`/admin/projects/${small.projectId}/data`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('færre end 5 personer');
    // Figures keep their own k rules (as on Resultater); codebook and script hold no answers.
    expect(exportsOf(page.text).map((l) => l.href.split('?')[0]!.split('/').at(-1))).to.have.members(['figures.xlsx', 'codebook.csv', 'codebook.csv', 'pejling.R']);
    // Admins are not bound by it.
    expect(exportsOf((await admin.agent.get(`/admin/projects/${small.projectId}/data`)).text)).to.have.length(23);
  });

  it('a 403 or 404 in the admin area is a Danish page of that area with a way on; the API keeps JSON', async () => {
    const forbidden = await lead.agent.get('/admin/users').set('accept', 'text/html');
    expect(forbidden.status).to.equal(403);
    expect(forbidden.text).to.contain('Kun for administratorer');
    expect(forbidden.text).to.contain('class="admin-nav"');
    expect(hrefs(forbidden.text)).to.include('/admin/projects');
    expect(forbidden.text).to.not.contain('spørgeskemaet');

    for (const path of [`/admin/projects/${otherProjectId}`, `/admin/projects/${otherProjectId}/data`, `/projects/${otherProjectId}/dashboard`, '/admin/no-such-page']) {
      const notFound = await lead.agent.get(path).set('accept', 'text/html');
      expect(notFound.status, path).to.equal(404);
      expect(notFound.text, path).to.contain('Siden findes ikke');
      expect(notFound.text, path).to.contain('class="admin-nav"');
      expect(notFound.text, path).to.not.contain('Vi kan ikke vise spørgeskemaet');
      expect(hrefs(notFound.text), path).to.include('/admin/projects');
    }
    const api = await lead.agent.get(`/api/projects/${otherProjectId}`);
    expect(api.status).to.equal(404);
    expect(api.body.error.code).to.equal('project_not_found');
    const apiForbidden = await request(ctx().app).get('/api/users').set('authorization', `Bearer ${lead.apiToken}`);
    expect(apiForbidden.status).to.equal(403);
    expect(apiForbidden.body.error.code).to.equal('forbidden');
    // The caseworker's pages keep their own error page.
    expect((await request(ctx().app).get('/s/not-a-real-token')).text).to.not.contain('class="admin-nav"');
  });
});
