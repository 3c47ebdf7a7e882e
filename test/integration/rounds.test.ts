import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Draft, Invitation, Round } from '../../src/db/entities/index.js';
import { InvitationService } from '../../src/rounds/invitationService.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRespondent } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('rounds, invitations, the open link and monitoring', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
  });
  const api = (method: 'get' | 'post' | 'patch', path: string, who: SignedIn = admin) => request(ctx().app)[method](path).set('authorization', `Bearer ${who.apiToken}`);
  const validRound = { label: 'START', questionnaireId: 'hir-start', opensAt: '2026-03-02T09:00', closesAt: '2026-03-16T16:00', reminderDays: [3, 7] };

  it('validates a round, naming the field', async () => {
    const project = await buildProject(ctx().dataSource);
    const cases: [object, string][] = [
      [{ ...validRound, closesAt: '2026-03-01T09:00' }, 'body.closesAt'],
      [{ ...validRound, recurrenceCron: 'hver måned' }, 'body.recurrenceCron'],
      [{ ...validRound, reminderDays: [20] }, 'body.reminderDays'],
      [{ ...validRound, questionnaireId: 'nope' }, 'body.questionnaireId'],
      [{ ...validRound, opensAt: 'i morgen' }, 'body.opensAt'],
    ];
    for (const [body, field] of cases) {
      const res = await api('post', `/api/projects/${project.id}/rounds`).send(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.details[0].field, JSON.stringify(res.body)).to.equal(field);
    }
    const ok = await api('post', `/api/projects/${project.id}/rounds`).send({ ...validRound, recurrenceCron: '0 9 1 * *' });
    expect(ok.status).to.equal(201);
    expect(ok.body.round).to.deep.include({ opensAt: '2026-03-02T08:00:00.000Z', opensAtLocal: '2026-03-02T09:00', status: 'scheduled', reminderDays: [3, 7] });
  });

  it('an admin schedules a round from the page; errors come back beside their fields', async () => {
    const project = await buildProject(ctx().dataSource);
    const form = { _csrf: admin.csrfToken, label: 'END', questionnaireId: 'hir-end', opensAt: '2026-09-01T09:00', closesAt: '2026-08-01T09:00', reminderDays: '3, 7', recurrenceCron: '' };
    const bad = await admin.agent.post(`/admin/projects/${project.id}/rounds`).type('form').send(form);
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Skal ligge efter åbningstidspunktet.');
    expect(bad.text).to.contain('value="2026-08-01T09:00"');
    const ok = await admin.agent.post(`/admin/projects/${project.id}/rounds`).type('form').send({ ...form, closesAt: '2026-09-15T16:00' });
    expect(ok.status).to.equal(303);
    const page = await admin.agent.get(ok.headers.location as string);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('1. september 2026 kl. 09.00');
  });

  it('invites only eligible caseworkers, once, even when two instances invite at the same time', async () => {
    const { dataSource, catalog, clock } = ctx();
    const project = await buildProject(dataSource);
    for (let i = 0; i < 6; i++) await buildRespondent(dataSource, project.id, { municipality: i < 4 ? 'Aarhus' : 'Odense', groupName: 'Forsøg' });
    await buildRespondent(dataSource, project.id, { municipality: 'Aarhus', active: false });
    await buildRespondent(dataSource, project.id, { municipality: 'Aarhus', erasedAt: new Date(), email: null, name: null });
    const round = await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'open', opensAt: clock.now(), closesAt: new Date(clock.now().getTime() + 86400_000),
      reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: JSON.stringify({ municipality: ['Aarhus'] }), openLinkNonce: null, openLinkHash: null,
    });
    const service = new InvitationService(ctx().deps);
    const created = await Promise.all([1, 2].map(() => dataSource.transaction((manager) => service.inviteEligibleRespondents(manager, round, clock.now()))));
    expect(created[0]! + created[1]!).to.equal(4);
    expect(await dataSource.getRepository(Invitation).countBy({ roundId: round.id })).to.equal(4);
    expect(await dataSource.transaction((manager) => service.inviteEligibleRespondents(manager, round, clock.now()))).to.equal(0);

    const csv = await admin.agent.get(`/admin/projects/${project.id}/rounds/${round.id}/links.csv`);
    expect(csv.status).to.equal(200);
    expect(csv.text.charCodeAt(0)).to.equal(0xfeff);
    const links = (parse(csv.text, { delimiter: ';', bom: true, from_line: 2 }) as string[][]).map((row) => row.at(-1)!);
    expect(links).to.have.length(4);
    expect((await request(ctx().app).get(new URL(links[0]!).pathname)).status).to.equal(200);
  });

  it('the monitor counts invited, opened, started and submitted per unit', async () => {
    const { dataSource, catalog, clock } = ctx();
    const project = await buildProject(dataSource);
    for (let i = 0; i < 5; i++) await buildRespondent(dataSource, project.id, { municipality: i < 3 ? 'Aarhus' : 'Odense', team: 'T' });
    const round = await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'open', opensAt: clock.now(), closesAt: new Date(clock.now().getTime() + 86400_000),
      reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    const service = new InvitationService(ctx().deps);
    await dataSource.transaction((manager) => service.inviteEligibleRespondents(manager, round, clock.now()));
    const invitations = await dataSource.getRepository(Invitation).find({ where: { roundId: round.id }, order: { id: 'ASC' } });
    const token = (i: number) => new URL(service.linkFor(invitations[i]!)!).pathname.slice(3);
    await request(ctx().app).get(`/s/${token(0)}`);
    await request(ctx().app).put(`/api/drafts/${token(1)}`).send({ values: { caseload: '3' } });
    await request(ctx().app).post(`/api/responses/${token(2)}`).send({ answers: buildValidAnswers(catalog.latest('hir-start')!.questionnaire) });
    await request(ctx().app).post(`/api/responses/${token(3)}`).send({ answers: buildValidAnswers(catalog.latest('hir-start')!.questionnaire) });
    expect(await dataSource.getRepository(Draft).countBy({ invitationId: invitations[1]!.id })).to.equal(1);

    const monitor = await api('get', `/api/projects/${project.id}/rounds/${round.id}/monitor`);
    expect(monitor.status).to.equal(200);
    const unit = (m: string) => monitor.body.units.find((u: { municipality: string }) => u.municipality === m);
    expect(unit('Aarhus')).to.deep.include({ invited: 3, opened: 2, started: 2, submitted: 1 });
    expect(unit('Odense')).to.deep.include({ invited: 2, opened: 1, started: 1, submitted: 1, responseRate: 0.5 });
    expect(monitor.body.total).to.deep.include({ invited: 5, submitted: 2, responseRate: 0.4 });
    // Both units have fewer than k = 5 invited: their lead sees the total only.
    const lead = await signIn(ctx(), { role: 'lead', projectIds: [project.id] });
    const forLead = await api('get', `/api/projects/${project.id}/rounds/${round.id}/monitor`, lead);
    expect(forLead.body.units).to.deep.equal([]);
    expect(forLead.body.total).to.deep.include({ invited: 5, submitted: 2 });
    expect((await lead.agent.get(`/admin/projects/${project.id}/rounds/${round.id}`)).status).to.equal(200);
    expect((await api('patch', `/api/projects/${project.id}/rounds/${round.id}`, lead).send({ label: 'X' })).status).to.equal(403);
    expect((await lead.agent.get(`/admin/projects/${project.id}/rounds/${round.id}/links.csv`)).status).to.equal(403);
    const other = await buildProject(dataSource);
    expect((await api('get', `/api/projects/${other.id}/rounds`, lead)).status).to.equal(404);
  });

  it('an open round refuses changes to its opening and questionnaire', async () => {
    const project = await buildProject(ctx().dataSource);
    const created = await api('post', `/api/projects/${project.id}/rounds`).send(validRound);
    await ctx().dataSource.getRepository(Round).update(created.body.round.id, { status: 'open' });
    const res = await api('patch', `/api/projects/${project.id}/rounds/${created.body.round.id}`).send({ opensAt: '2026-03-03T09:00' });
    expect(res.status).to.equal(400);
    expect(res.body.error.details[0].field).to.equal('body.opensAt');
    expect((await api('patch', `/api/projects/${project.id}/rounds/${created.body.round.id}`).send({ closesAt: '2026-03-20T16:00' })).status).to.equal(200);
  });

  it('the anonymous open link asks a self-generated code, lands on the form, and closes with its round', async () => {
    const { clock } = ctx();
    const project = await buildProject(ctx().dataSource);
    const opensAt = new Date(clock.now().getTime() - 3600_000).toISOString();
    const closesAt = new Date(clock.now().getTime() + 86400_000).toISOString();
    const created = await api('post', `/api/projects/${project.id}/rounds`).send({ ...validRound, opensAt, closesAt, reminderDays: [], openLink: true });
    const openLink = new URL(created.body.round.openLinkUrl as string).pathname;
    expect((await request(ctx().app).get(openLink)).text).to.contain('Første bogstav i din mors fornavn').and.contain('Den måned, du er født');
    const bad = await request(ctx().app).post(openLink).type('form').send({ motherInitial: 'KK', birthDay: '7', birthMonth: '5', olderSiblings: '1', streetInitial: 'S' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Skriv ét bogstav.');
    const browser = request.agent(ctx().app);
    const code = { motherInitial: 'k', birthDay: '07', birthMonth: '5', olderSiblings: '1', streetInitial: 's' };
    const first = await browser.post(openLink).type('form').send(code);
    expect(first.status).to.equal(303);
    expect(first.headers.location).to.equal(`${openLink}/skema?lang=da`);
    expect((await browser.get(first.headers.location as string)).status).to.equal(200);
    await ctx().dataSource.getRepository(Round).update(created.body.round.id, { status: 'closed' });
    expect((await request(ctx().app).get(openLink)).status).to.equal(410);
    expect((await browser.put(`${openLink}/kladde`).send({ values: { caseload: '3' } })).status).to.equal(410);
    expect(await ctx().dataSource.getRepository(Invitation).countBy({ roundId: created.body.round.id })).to.equal(0);
  });
});
