import { expect } from 'chai';
import request from 'supertest';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { OrgUnit, ProjectGroup, Respondent, UserAccount } from '../../src/db/entities/index.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildCaseworkers, encode, toCsv } from '../support/csvBuilders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const CASEWORKER_PAGE_TEXT = 'Vi kan ikke vise spørgeskemaet lige nu';

describeWithEachDatabase('admin pages: import redirect, group arms, units without team, the last admin', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
  });
  const api = (method: 'post' | 'patch' | 'get', path: string) => request(ctx().app)[method](path).set('authorization', `Bearer ${admin.apiToken}`);

  async function createProject(body: Record<string, unknown>) {
    const res = await api('post', '/api/projects').send({ defaultLanguage: 'da', anonymityK: 5, ...body });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.project as { id: number; groups: { name: string; kind: string }[] };
  }

  it('a saved page import lands on the list with a Danish success message; the preview carries no CSRF token in any URL', async () => {
    const project = await createProject({ name: 'Import', groups: [{ name: 'Forsøg', kind: 'intervention' }, { name: 'Kontrol', kind: 'control' }] });
    const csv = encode.windows1252(toCsv(buildCaseworkers(12), { delimiter: ';' }));
    const preview = await admin.agent.post(`/admin/projects/${project.id}/respondents/import`)
      .field('_csrf', admin.csrfToken).field('step', 'preview').attach('file', csv, { filename: 'sagsbehandlere.csv', contentType: 'text/csv' });
    expect(preview.status).to.equal(200);
    expect(preview.text).not.to.match(/(action|href)="[^"]*_csrf/);
    const content = /name="content" value="([^"]+)"/.exec(preview.text)![1]!;
    const contentHash = /name="contentHash" value="([^"]+)"/.exec(preview.text)![1]!;
    const confirm = await admin.agent.post(`/admin/projects/${project.id}/respondents/import`).type('form').send({ _csrf: admin.csrfToken, step: 'confirm', content, contentHash });
    expect(confirm.status).to.equal(303);
    expect(confirm.headers.location).to.equal(`/admin/projects/${project.id}/respondents?imported=12`);
    expect(confirm.headers.location).not.to.contain('_csrf');
    const list = await admin.agent.get(confirm.headers.location as string);
    expect(list.status).to.equal(200);
    expect(list.text).to.contain('Importen er gemt: 12 sagsbehandlere oprettet eller opdateret.');
    expect(list.text).not.to.contain(CASEWORKER_PAGE_TEXT);
  });

  it('an admin page ignores query parameters it does not know; a bad known one gets the admin area\'s Danish 400 page', async () => {
    const project = await createProject({ name: 'Parametre' });
    for (const path of [`/admin/projects/${project.id}/respondents?utm_source=mail&imported=x`, '/admin/outbox?foo=1', '/admin/audit?sort=ny', '/admin/users?tab=2']) {
      const page = await admin.agent.get(path);
      expect(page.status, path).to.equal(200);
      expect(page.text).not.to.contain('Importen er gemt');
    }
    const bad = await admin.agent.get(`/admin/projects/${project.id}/respondents?active=måske`);
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Siden kan ikke vises');
    expect(bad.text).to.contain('href="/admin/users"');
    expect(bad.text).not.to.contain(CASEWORKER_PAGE_TEXT);
    // The JSON API stays strict.
    expect((await api('get', `/api/projects/${project.id}/respondents?imported=3`)).status).to.equal(400);
  });

  it('accepts a project with one trial group, and one with three arms, from the API and the page', async () => {
    const oneArm = await createProject({ name: 'Kun forsøg', groups: [{ name: 'Forsøgsafdeling', kind: 'intervention' }] });
    expect(oneArm.groups).to.deep.equal([{ name: 'Forsøgsafdeling', kind: 'intervention' }]);
    const threeArms = await createProject({ name: 'Tre arme', groups: [{ name: 'Arm A', kind: 'intervention' }, { name: 'Arm B', kind: 'intervention' }, { name: 'Kontrol', kind: 'control' }] });
    expect(threeArms.groups.map((g) => g.name).sort()).to.deep.equal(['Arm A', 'Arm B', 'Kontrol']);
    const page = await admin.agent.post('/admin/projects').type('form').send({
      _csrf: admin.csrfToken, name: 'Tre arme fra siden', defaultLanguage: 'da', anonymityK: '5', groupIntervention: 'Team Hurtig\nTeam Grundig', groupControl: 'Ordinær', units: '', leadEmails: '',
    });
    expect(page.status, page.text.slice(0, 300)).to.equal(303);
    const id = Number(/\/admin\/projects\/(\d+)$/.exec(page.headers.location as string)![1]);
    const groups = await ctx().dataSource.getRepository(ProjectGroup).find({ where: { projectId: id } });
    expect(groups.map((g) => `${g.name}:${g.kind}`).sort()).to.deep.equal(['Ordinær:control', 'Team Grundig:intervention', 'Team Hurtig:intervention']);
    const edit = await admin.agent.get(`/admin/projects/${id}/edit`);
    expect(edit.text).to.match(/Team Hurtig\nTeam Grundig|Team Grundig\nTeam Hurtig/);
    // People are imported into any of the arms.
    const csv = 'navn;email;kommune;team;rolle;gruppe\nA;a@x.dk;Aarhus;Nord;sagsbehandler;Team Hurtig\nB;b@x.dk;Aarhus;Nord;sagsbehandler;Team Grundig\nC;c@x.dk;Aarhus;Syd;sagsbehandler;Ordinær\n';
    expect((await api('post', `/api/projects/${id}/respondents/import?dryRun=false`).set('content-type', 'text/csv').send(encode.utf8(csv))).status).to.equal(201);
  });

  it('computes intervention vs control only while the project has both kinds of group', async () => {
    const demo = await createDemoProject(ctx().deps, { respondents: 24, seed: 9, responseRate: 1, name: 'Arme' });
    const compare = () => api('get', `/api/projects/${demo.projectId}/comparison?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`);
    expect((await compare()).body.differenceInDifferences).not.to.equal(null);
    const oneKind = await api('patch', `/api/projects/${demo.projectId}`).send({ groups: [{ name: 'Forsøg', kind: 'intervention' }, { name: 'Kontrol', kind: 'intervention' }] });
    expect(oneKind.status, JSON.stringify(oneKind.body)).to.equal(200);
    const without = await compare();
    expect(without.status).to.equal(200);
    expect(without.body.differenceInDifferences).to.equal(null);
    expect((await admin.agent.get(`/projects/${demo.projectId}/dashboard`)).text).to.contain('Projektet har ikke en indsats- og en kontrolgruppe.');
  });

  it('a municipality-only unit ("Årøsund") is accepted by the project and by the import, and listed without a slash', async () => {
    const project = await createProject({ name: 'Årøsund', units: [{ municipality: 'Årøsund' }, { municipality: 'Aarhus', team: 'Nord' }] });
    const csv = 'navn;email;kommune;team;rolle\nAnne;anne@x.dk;Årøsund;;sagsbehandler\nBo;bo@x.dk;Aarhus;Nord;sagsbehandler\n';
    const preview = await api('post', `/api/projects/${project.id}/respondents/import?dryRun=true`).set('content-type', 'text/csv').send(encode.windows1252(csv));
    expect(preview.body.ok, JSON.stringify(preview.body.rows)).to.equal(true);
    const saved = await api('post', `/api/projects/${project.id}/respondents/import?dryRun=false`).set('content-type', 'text/csv').send(encode.windows1252(csv));
    expect(saved.status).to.equal(201);
    const anne = await ctx().dataSource.getRepository(Respondent).findOneByOrFail({ projectId: project.id, email: 'anne@x.dk' });
    expect(anne).to.deep.include({ municipality: 'Årøsund', team: null });
    const units = await ctx().dataSource.getRepository(OrgUnit).find({ where: { projectId: project.id } });
    expect(units.map((u) => `${u.municipality}/${u.team}`).sort()).to.deep.equal(['Aarhus/', 'Aarhus/Nord', 'Årøsund/']);
    const list = await admin.agent.get(`/admin/projects/${project.id}/respondents`);
    expect(list.text).to.contain('<td>Årøsund</td>');
    expect(list.text).not.to.contain('Årøsund /');
    // The edit page keeps a municipality without team too.
    const bo = await ctx().dataSource.getRepository(Respondent).findOneByOrFail({ projectId: project.id, email: 'bo@x.dk' });
    const edited = await admin.agent.post(`/admin/projects/${project.id}/respondents/${bo.id}`).type('form')
      .send({ _csrf: admin.csrfToken, name: 'Bo', email: 'bo@x.dk', municipality: 'Årøsund', team: '', role: 'sagsbehandler', groupName: '', externalId: '', language: '' });
    expect(edited.status, edited.text.slice(0, 300)).to.equal(303);
    expect(await ctx().dataSource.getRepository(Respondent).findOneByOrFail({ id: bo.id })).to.deep.include({ municipality: 'Årøsund', team: null });
    // A file without a team column at all is accepted as well; a missing municipality is named in Danish.
    const noTeamColumn = await api('post', `/api/projects/${project.id}/respondents/import?dryRun=true`).set('content-type', 'text/csv').send(encode.utf8('navn;email;kommune;rolle\nCai;cai@x.dk;Årøsund;leder\nDea;dea@x.dk;;leder\n'));
    expect(noTeamColumn.body.rows[0].status).to.equal('new');
    expect(noTeamColumn.body.rows[1].errors).to.deep.equal(['Kommune mangler']);
  });

  it('the last active admin cannot deactivate or demote themselves, on the page or through the API; with another admin they can', async () => {
    const self = await signIn(ctx(), { role: 'admin' });
    const accounts = ctx().dataSource.getRepository(UserAccount);
    const others = (await accounts.findBy({ role: 'admin', active: true })).filter((a) => a.id !== self.user.id);
    for (const other of others) await accounts.update(other.id, { active: false });
    try {
      const users = await self.agent.get('/admin/users');
      expect(users.text).not.to.contain(`action="/admin/users/${self.user.id}/deactivate"`);
      const page = await self.agent.post(`/admin/users/${self.user.id}/deactivate`).type('form').send({ _csrf: self.csrfToken });
      expect(page.status).to.equal(409);
      expect(page.text).to.contain('Du kan ikke fjerne den sidste aktive administrator.');
      const demote = await self.agent.post(`/admin/users/${self.user.id}/role`).type('form').send({ _csrf: self.csrfToken, role: 'lead' });
      expect(demote.status).to.equal(409);
      const viaApi = await request(ctx().app).patch(`/api/users/${self.user.id}`).set('authorization', `Bearer ${self.apiToken}`).send({ active: false });
      expect(viaApi.status).to.equal(409);
      expect(viaApi.body.error.code).to.equal('last_admin');
      expect(viaApi.body.error.message).to.contain('mindst én aktiv administrator');
      expect((await accounts.findOneByOrFail({ id: self.user.id })).active).to.equal(true);
      await accounts.update(others[0]!.id, { active: true });
      const allowed = await request(ctx().app).patch(`/api/users/${self.user.id}`).set('authorization', `Bearer ${self.apiToken}`).send({ active: false });
      expect(allowed.status).to.equal(200);
      expect(allowed.body.user.active).to.equal(false);
    } finally {
      for (const other of others) await accounts.update(other.id, { active: true });
    }
  });
});
