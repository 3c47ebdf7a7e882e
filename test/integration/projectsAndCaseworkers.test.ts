import { expect } from 'chai';
import request from 'supertest';
import { Answer, AuditLog, OrgUnit, Project, Respondent, Response } from '../../src/db/entities/index.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { buildCaseworkers, encode, toCsv } from '../support/csvBuilders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('projects and the caseworker registry', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
  });

  async function createProject(name = 'HIR Aarhus') {
    const res = await request(ctx().app).post('/api/projects').set('authorization', `Bearer ${admin.apiToken}`)
      .send({ name, defaultLanguage: 'da', anonymityK: 5, groups: [{ name: 'Forsøg', kind: 'intervention' }, { name: 'Kontrol', kind: 'control' }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.project as { id: number };
  }
  const importCsv = (projectId: number, bytes: Buffer, dryRun: boolean) =>
    request(ctx().app).post(`/api/projects/${projectId}/respondents/import?dryRun=${dryRun}`).set('authorization', `Bearer ${admin.apiToken}`).set('content-type', 'text/csv').send(bytes);

  it('an admin creates a project from the page; the form explains a threshold below 3', async () => {
    const bad = await admin.agent.post('/admin/projects').type('form').send({ _csrf: admin.csrfToken, name: 'JKI', defaultLanguage: 'da', anonymityK: '2', groupIntervention: 'Forsøgsafdeling', groupControl: '', units: '', leadEmails: '' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Må ikke være mindre end 3.');
    expect(bad.text).to.contain('value="JKI"');
    const sameName = await admin.agent.post('/admin/projects').type('form').send({ _csrf: admin.csrfToken, name: 'JKI', defaultLanguage: 'da', anonymityK: '5', groupIntervention: 'Forsøg', groupControl: 'forsøg', units: '', leadEmails: '' });
    expect(sameName.status).to.equal(400);
    expect(sameName.text).to.contain('Grupper: Gruppenavnene skal være forskellige.');
    const ok = await admin.agent.post('/admin/projects').type('form').send({ _csrf: admin.csrfToken, name: 'JKI', defaultLanguage: 'da', anonymityK: '5', groupIntervention: 'Forsøgsafdeling', groupControl: 'Ordinære afdelinger', units: 'København / Afdeling 1\nKøbenhavn / Afdeling 2', leadEmails: '' });
    expect(ok.status).to.equal(303);
    const id = Number(/\/admin\/projects\/(\d+)$/.exec(ok.headers.location as string)![1]);
    const units = await ctx().dataSource.getRepository(OrgUnit).find({ where: { projectId: id } });
    expect(units.map((u) => `${u.municipality}/${u.team}`).sort()).to.deep.equal(['København/', 'København/Afdeling 1', 'København/Afdeling 2']);
    expect((await admin.agent.get(`/admin/projects/${id}`)).text).to.contain('Ordinære afdelinger');
    expect(await ctx().dataSource.getRepository(AuditLog).exists({ where: { action: 'project.create', objectId: String(id) } })).to.equal(true);
  });

  it('the API names the field of a bad project', async () => {
    const res = await request(ctx().app).post('/api/projects').set('authorization', `Bearer ${admin.apiToken}`).send({ name: 'X', defaultLanguage: 'da', anonymityK: 1 });
    expect(res.status).to.equal(400);
    expect(res.body.error.details[0].field).to.equal('body.anonymityK');
  });

  it('imports 100 caseworkers through the page: preview first, nothing saved until confirmed', async () => {
    const project = await createProject();
    const csv = encode.windows1252(toCsv(buildCaseworkers(100), { delimiter: ';' }));
    const preview = await admin.agent.post(`/admin/projects/${project.id}/respondents/import`)
      .field('_csrf', admin.csrfToken).field('step', 'preview').attach('file', csv, { filename: 'sagsbehandlere.csv', contentType: 'text/csv' });
    expect(preview.status, preview.text.slice(0, 500)).to.equal(200);
    expect(preview.text).to.contain('Læst som windows-1252. 100 nye');
    expect(preview.text).to.contain('Søren Ørsted Æblegård 1');
    expect(await ctx().dataSource.getRepository(Respondent).countBy({ projectId: project.id })).to.equal(0);
    const content = /name="content" value="([^"]+)"/.exec(preview.text)![1]!;
    const contentHash = /name="contentHash" value="([^"]+)"/.exec(preview.text)![1]!;
    const confirm = await admin.agent.post(`/admin/projects/${project.id}/respondents/import`).type('form').send({ _csrf: admin.csrfToken, step: 'confirm', content, contentHash });
    expect(confirm.status).to.equal(303);
    const stored = await ctx().dataSource.getRepository(Respondent).find({ where: { projectId: project.id }, order: { id: 'ASC' } });
    expect(stored).to.have.length(100);
    expect(stored[0]).to.deep.include({ name: 'Søren Ørsted Æblegård 1', municipality: 'Aarhus', groupName: 'Forsøg', externalId: 'M1000', active: true });
    expect((await ctx().dataSource.getRepository(OrgUnit).findBy({ projectId: project.id })).map((u) => u.municipality)).to.include('Ærø');
  });

  it('re-importing updates people by external id or email instead of duplicating them', async () => {
    const project = await createProject();
    expect((await importCsv(project.id, encode.utf8Bom(toCsv(buildCaseworkers(10))), false)).status).to.equal(201);
    const changed = buildCaseworkers(11, (i) => (i === 0 ? { team: 'Team Øst' } : i === 1 ? { email: 'ny.mail@jobcenter.dk' } : {}));
    const result = await importCsv(project.id, encode.utf8(toCsv(changed)), false);
    expect(result.status).to.equal(201);
    expect(result.body.counts).to.deep.equal({ new: 1, update: 2, unchanged: 8, error: 0, notInFile: 0 });
    expect(await ctx().dataSource.getRepository(Respondent).countBy({ projectId: project.id })).to.equal(11);
    expect((await ctx().dataSource.getRepository(Respondent).findOneByOrFail({ projectId: project.id, externalId: 'M1001' })).email).to.equal('ny.mail@jobcenter.dk');
  });

  it('lists every row error and saves nothing when one row is bad', async () => {
    const project = await createProject();
    const people = buildCaseworkers(5, (i) => (i === 1 ? { email: 'ikke-en-mail' } : i === 2 ? { group: 'Ukendt' } : i === 3 ? { email: 'sagsbehandler1@jobcenter.dk' } : {}));
    const dry = await importCsv(project.id, encode.utf8(toCsv(people)), true);
    expect(dry.status).to.equal(200);
    expect(dry.body.ok).to.equal(false);
    const errors = dry.body.rows.filter((r: { errors: string[] }) => r.errors.length).map((r: { line: number; errors: string[] }) => `${r.line}: ${r.errors.join('; ')}`);
    expect(errors).to.have.length(3);
    expect(errors[0]).to.match(/^3: E-mail „ikke-en-mail“ er ikke en gyldig e-mailadresse/);
    expect(errors[1]).to.match(/^4: Gruppe „Ukendt“ er ikke en af projektets grupper/);
    expect(errors[2]).to.match(/^5: E-mail sagsbehandler1@jobcenter.dk står også i linje 2/);
    const applied = await importCsv(project.id, encode.utf8(toCsv(people)), false);
    expect(applied.status).to.equal(400);
    expect(applied.body.error.code).to.equal('import_invalid');
    expect(await ctx().dataSource.getRepository(Respondent).countBy({ projectId: project.id })).to.equal(0);
  });

  it('refuses a file with missing columns, naming them', async () => {
    const project = await createProject();
    const res = await importCsv(project.id, encode.utf8('navn;e-mail\nA;a@b.dk\n'), true);
    expect(res.body.fileErrors[0]).to.contain('Kolonner mangler: kommune, rolle');
  });

  it('erasing a person removes name and email but keeps their submitted answers', async () => {
    const project = await ctx().dataSource.getRepository(Project).findOneByOrFail({ id: (await createProject()).id });
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: project.id });
    const { token, respondent } = await buildInvitation(ctx().dataSource, round, { groupName: 'Forsøg' });
    const questionnaire = ctx().catalog.latest('hir-start')!.questionnaire;
    expect((await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) })).status).to.equal(201);
    const erased = await admin.agent.post(`/admin/projects/${project.id}/respondents/${respondent.id}/erase`).type('form').send({ _csrf: admin.csrfToken });
    expect(erased.status).to.equal(303);
    const after = await ctx().dataSource.getRepository(Respondent).findOneByOrFail({ id: respondent.id });
    expect(after).to.deep.include({ name: null, email: null, externalId: null, active: false, municipality: respondent.municipality });
    const response = await ctx().dataSource.getRepository(Response).findOneByOrFail({ respondentId: respondent.id });
    expect(await ctx().dataSource.getRepository(Answer).countBy({ responseId: response.id })).to.be.greaterThan(10);
  });

  it('a lead sees only their projects: another project is 404, registry pages 403, anonymous visitors go to login', async () => {
    const mine = await createProject('Mit projekt');
    const other = await createProject('Andet projekt');
    const lead = await signIn(ctx(), { role: 'lead', projectIds: [mine.id] });
    const list = await request(ctx().app).get('/api/projects').set('authorization', `Bearer ${lead.apiToken}`);
    expect(list.body.projects.map((p: { id: number }) => p.id)).to.deep.equal([mine.id]);
    expect((await lead.agent.get(`/admin/projects/${mine.id}`)).status).to.equal(200);
    expect((await lead.agent.get(`/admin/projects/${other.id}`)).status).to.equal(404);
    expect((await request(ctx().app).get(`/api/projects/${other.id}`).set('authorization', `Bearer ${lead.apiToken}`)).status).to.equal(404);
    expect((await lead.agent.get(`/admin/projects/${mine.id}/respondents`)).status).to.equal(403);
    expect((await request(ctx().app).patch(`/api/projects/${mine.id}`).set('authorization', `Bearer ${lead.apiToken}`).send({ name: 'x' })).status).to.equal(403);
    const anonymous = await request(ctx().app).get(`/admin/projects/${mine.id}`).set('accept', 'text/html');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.match(/^\/login\?next=/);
    expect((await request(ctx().app).get('/api/projects')).status).to.equal(401);
  });
});
