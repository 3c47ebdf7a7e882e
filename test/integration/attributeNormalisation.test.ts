import { expect } from 'chai';
import request from 'supertest';
import { NormaliseAttributeValues1764600000000 } from '../../src/db/migrations/1764600000000-NormaliseAttributeValues.js';
import { OrgUnit, Project, ProjectGroup, Respondent } from '../../src/db/entities/index.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRespondent } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const AABY = 'Nørre Åby';
const AABY_NFD = AABY.normalize('NFD');

/** The distinct values of one attribute, compared exactly (in JavaScript, not by the database's collation). */
const valuesOf = (people: Respondent[], field: 'municipality' | 'team' | 'role' | 'groupName') => [...new Set(people.map((p) => p[field]))].sort();

describeWithEachDatabase('attribute values are normalised at import, on edit and by the migration', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let projectId: number;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    const created = await api('post', '/api/projects').send({
      name: 'Stavemåder', defaultLanguage: 'da', anonymityK: 5, groups: [{ name: ' Forsøg ', kind: 'intervention' }, { name: 'Kontrol', kind: 'control' }],
      units: [{ municipality: AABY, team: 'Team Nord' }],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    projectId = created.body.project.id;
  });
  function api(method: 'post' | 'patch', path: string) {
    return request(ctx().app)[method](path).set('authorization', `Bearer ${admin.apiToken}`);
  }
  const importCsv = (csv: string, dryRun: boolean) => api('post', `/api/projects/${projectId}/respondents/import?dryRun=${dryRun}`).set('content-type', 'text/csv').send(Buffer.from(csv, 'utf8'));
  const people = () => ctx().dataSource.getRepository(Respondent).find({ where: { projectId }, order: { id: 'ASC' } });

  it('stores group names normalised and refuses two that differ only in case', async () => {
    const groups = await ctx().dataSource.getRepository(ProjectGroup).find({ where: { projectId }, order: { id: 'ASC' } });
    expect(groups.map((g) => g.name)).to.deep.equal(['Forsøg', 'Kontrol']);
    const twice = await api('patch', `/api/projects/${projectId}`).send({ groups: [{ name: 'Forsøg', kind: 'intervention' }, { name: 'FORSØG', kind: 'control' }] });
    expect(twice.status).to.equal(400);
  });

  it('merges case, space and NFD variants at import to the first spelling, and says so in the preview', async () => {
    expect((await importCsv(`name;email;municipality;team;role;group\nAnne;anne@x.dk;${AABY};Team Nord;koordinerende sagsbehandler;Forsøg\n`, false)).status).to.equal(201);
    const csv = [
      'name;email;municipality;team;role;group',
      `Bo;bo@x.dk;${AABY_NFD};team nord;KOORDINERENDE SAGSBEHANDLER;forsøg`,
      'Cai;cai@x.dk;Nørre  Åby;Team Nord;koordinerende\tsagsbehandler;Kontrol',
      'Dea;dea@x.dk;Vejle;Team Syd;leder;Kontrol',
      'Eva;eva@x.dk;VEJLE;team syd;Leder;kontrol',
    ].join('\n');
    const preview = await importCsv(csv, true);
    expect(preview.status, JSON.stringify(preview.body)).to.equal(200);
    const changes = (preview.body.valueChanges as { field: string; from: string; to: string; lines: number[]; message: string }[]);
    const change = (field: string, from: string) => changes.find((c) => c.field === field && c.from === from);
    expect(change('municipality', AABY_NFD)).to.deep.include({ to: AABY, lines: [2] });
    expect(change('municipality', AABY_NFD)!.message).to.contain('Unicode NFC');
    expect(change('team', 'team nord')).to.deep.include({ to: 'Team Nord', lines: [2] });
    expect(change('team', 'team nord')!.message).to.contain('der allerede findes i projektet');
    expect(change('role', 'KOORDINERENDE SAGSBEHANDLER')).to.deep.include({ to: 'koordinerende sagsbehandler' });
    expect(change('group', 'forsøg')).to.deep.include({ to: 'Forsøg' });
    expect(change('municipality', 'Nørre  Åby')!.message).to.contain('mellemrum rettet');
    expect(change('role', 'koordinerende\tsagsbehandler')).to.deep.include({ to: 'koordinerende sagsbehandler', lines: [3] });
    expect(change('municipality', 'VEJLE')).to.deep.include({ to: 'Vejle', lines: [5] });
    expect(change('municipality', 'VEJLE')!.message).to.contain('i linje 4');
    expect(change('team', 'team syd')).to.deep.include({ to: 'Team Syd', lines: [5] });
    expect(changes.map((c) => c.from)).not.to.include('Team Nord');

    const page = await admin.agent.post(`/admin/projects/${projectId}/respondents/import`)
      .field('_csrf', admin.csrfToken).field('step', 'preview').attach('file', Buffer.from(csv, 'utf8'), { filename: 'sagsbehandlere.csv', contentType: 'text/csv' });
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Værdier, der gemmes ens');
    expect(page.text).to.contain('Linje 5: Kommune „VEJLE“ gemmes som „Vejle“');

    expect((await importCsv(csv, false)).status).to.equal(201);
    const stored = await people();
    expect(stored).to.have.length(5);
    expect(valuesOf(stored, 'municipality')).to.deep.equal([AABY, 'Vejle']);
    expect(valuesOf(stored, 'team')).to.deep.equal(['Team Nord', 'Team Syd']);
    expect(valuesOf(stored, 'role')).to.deep.equal(['koordinerende sagsbehandler', 'leder']);
    expect(valuesOf(stored, 'groupName')).to.deep.equal(['Forsøg', 'Kontrol']);
    const units = await ctx().dataSource.getRepository(OrgUnit).find({ where: { projectId } });
    expect(units.map((u) => `${u.municipality}/${u.team}`).sort()).to.deep.equal([`${AABY}/`, `${AABY}/Team Nord`, 'Vejle/', 'Vejle/Team Syd']);
    // Imported again unchanged: the variants are the stored values now, so nothing is to update.
    expect((await importCsv(csv, true)).body.counts).to.deep.include({ update: 0, unchanged: 4 });
  });

  it('normalises an edit through the API and spells it as the project does; a group must be one of the project\'s', async () => {
    const eva = (await people()).find((p) => p.name === 'Eva')!;
    const edited = await api('patch', `/api/projects/${projectId}/respondents/${eva.id}`).send({ team: '  team   NORD ', municipality: AABY_NFD, groupName: 'forsøg' });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body.respondent).to.deep.include({ team: 'Team Nord', municipality: AABY, group: 'Forsøg' });
    const unknownGroup = await api('patch', `/api/projects/${projectId}/respondents/${eva.id}`).send({ groupName: 'Ingen' });
    expect(unknownGroup.status).to.equal(400);
    expect(unknownGroup.body.error.code).to.equal('unknown_group');
    expect((await api('patch', `/api/projects/${projectId}/respondents/${eva.id}`).send({ role: ' \t ' })).status).to.equal(400);
    const form = { _csrf: admin.csrfToken, name: 'Eva', email: 'eva@x.dk', municipality: 'vejle ', team: 'Team  Syd', role: 'LEDER', groupName: 'Kontrol' };
    const blank = await admin.agent.post(`/admin/projects/${projectId}/respondents/${eva.id}`).type('form').send({ ...form, role: '   ' });
    expect(blank.status).to.equal(400);
    expect(blank.text).to.contain('Skal udfyldes; mellemrum alene tæller ikke.');
    expect((await admin.agent.post(`/admin/projects/${projectId}/respondents/${eva.id}`).type('form').send(form)).status).to.equal(303);
    expect(await ctx().dataSource.getRepository(Respondent).findOneByOrFail({ id: eva.id })).to.deep.include({ municipality: 'Vejle', team: 'Team Syd', role: 'leder' });

    // A unit added to the project is named as the caseworkers spell it, so the dashboard offers a value the filter accepts.
    expect((await api('patch', `/api/projects/${projectId}/respondents/${eva.id}`).send({ municipality: 'Skive' })).status).to.equal(200);
    expect((await api('patch', `/api/projects/${projectId}`).send({ units: [{ municipality: 'SKIVE ' }, { municipality: 'vejle', team: 'team syd' }] })).status).to.equal(200);
    const units = await ctx().dataSource.getRepository(OrgUnit).find({ where: { projectId } });
    expect(units.map((u) => `${u.municipality}/${u.team}`).sort()).to.deep.equal([`${AABY}/`, `${AABY}/Team Nord`, 'Skive/', 'Vejle/', 'Vejle/Team Syd']);
  });

  it('the migration normalises values stored before it, merging case variants of a project to the first spelling by id', async () => {
    const { dataSource } = ctx();
    const old = await buildProject(dataSource, { name: 'Gamle data' });
    const other = await buildProject(dataSource, { name: 'Andet projekt' });
    await dataSource.getRepository(ProjectGroup).save([{ projectId: old.id, name: 'Forsøg', kind: 'intervention' }, { projectId: old.id, name: 'Kontrol ', kind: 'control' }]);
    await dataSource.getRepository(OrgUnit).save([{ projectId: old.id, municipality: AABY, team: '' }, { projectId: old.id, municipality: AABY, team: 'Team Nord' }, { projectId: old.id, municipality: AABY, team: 'Team  Nord' }]);
    const r1 = await buildRespondent(dataSource, old.id, { municipality: `${AABY_NFD} `, team: 'Team  Nord', role: 'leder', groupName: 'forsøg' });
    const r2 = await buildRespondent(dataSource, old.id, { municipality: 'nørre åby', team: 'TEAM NORD', role: ' Leder', groupName: 'Forsøg' });
    const r3 = await buildRespondent(dataSource, old.id, { municipality: 'Vejle', team: 't1', role: 'LEDER', groupName: 'kontrol' });
    const o1 = await buildRespondent(dataSource, other.id, { team: 't1' });
    const o2 = await buildRespondent(dataSource, other.id, { team: 'T1 ' });

    const runner = dataSource.createQueryRunner();
    try {
      await new NormaliseAttributeValues1764600000000().up(runner);
    } finally {
      await runner.release();
    }

    const byId = async (id: number) => dataSource.getRepository(Respondent).findOneByOrFail({ id });
    expect(await byId(r1.id)).to.deep.include({ municipality: AABY, team: 'Team Nord', role: 'leder', groupName: 'Forsøg' });
    expect(await byId(r2.id)).to.deep.include({ municipality: AABY, team: 'Team Nord', role: 'leder', groupName: 'Forsøg' });
    expect(await byId(r3.id)).to.deep.include({ municipality: 'Vejle', team: 't1', role: 'leder', groupName: 'Kontrol' });
    expect((await byId(o1.id)).team).to.equal('t1');
    expect((await byId(o2.id)).team, 'each project has its own first spelling').to.equal('t1');
    expect((await dataSource.getRepository(ProjectGroup).find({ where: { projectId: old.id }, order: { id: 'ASC' } })).map((g) => g.name)).to.deep.equal(['Forsøg', 'Kontrol']);
    const units = await dataSource.getRepository(OrgUnit).find({ where: { projectId: old.id } });
    expect(units.map((u) => `${u.municipality}/${u.team}`).sort()).to.deep.equal([`${AABY}/`, `${AABY}/Team Nord`]);
    expect((await dataSource.getRepository(Project).findOneByOrFail({ id: old.id })).respondentsVersion).to.equal(old.respondentsVersion + 1);
  });
});
