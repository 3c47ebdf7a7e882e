import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { AuditLog, Round } from '../../src/db/entities/index.js';
import { smtpTransport } from '../../src/mail/mailTransport.js';
import { SchedulerTick } from '../../src/scheduler/schedulerTick.js';
import type { ServiceDeps } from '../../src/shared/serviceDeps.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRespondent } from '../support/builders.js';
import { SmtpTestServer } from '../support/smtpTestServer.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describeWithEachDatabase('round control by hand beside a running scheduler', testDatabases, (base) => {
  const smtp = new SmtpTestServer();
  let ctx: TestContext;
  let admin: SignedIn;
  /** Two scheduler instances with SMTP, ticking beside every action. */
  let ticks: SchedulerTick[];
  before(async () => {
    await smtp.start();
    const config = { ...base().deps.config, smtp: { host: '127.0.0.1', port: smtp.port, user: undefined, password: undefined, security: 'none' as const } };
    const deps: ServiceDeps = { ...base().deps, config };
    ctx = { ...base(), deps, app: buildApp(deps) };
    ticks = [new SchedulerTick(deps, smtpTransport(config.smtp)), new SchedulerTick(deps, smtpTransport(config.smtp))];
    admin = await signIn(ctx, { role: 'admin' });
  });
  after(() => smtp.stop());

  const api = (method: 'get' | 'post', path: string, who: SignedIn = admin) => request(ctx.app)[method](path).set('authorization', `Bearer ${who.apiToken}`);
  const tickBoth = () => Promise.all(ticks.map((tick) => tick.perform(ctx.clock.now())));
  const audits = (action: string, objectId: number) => ctx.dataSource.getRepository(AuditLog).countBy({ action, objectId: String(objectId) });

  async function scheduledRound(people: number, opensIn = DAY, reminderDays = '[]') {
    const project = await buildProject(ctx.dataSource);
    const emails = Array.from({ length: people }, (_, i) => `hand${project.id}-${i}@jobcenter.dk`);
    for (const [i, email] of emails.entries()) await buildRespondent(ctx.dataSource, project.id, { email, externalId: `X-${project.id}-${i}` });
    const now = ctx.clock.now().getTime();
    const round = await ctx.dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: ctx.catalog.latest('hir-start')!.versionId, label: 'START', status: 'scheduled',
      opensAt: new Date(now + opensIn), closesAt: new Date(now + opensIn + 14 * DAY), reminderDays, recurrenceCron: null, parentRoundId: null,
      inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    return { project, round, emails, url: `/api/projects/${project.id}/rounds/${round.id}` };
  }

  /** Open a round by hand and let the scheduler send its invitations; returns each person's link path. */
  async function openedRound(people: number) {
    const setup = await scheduledRound(people);
    expect((await api('post', `${setup.url}/open`)).body.outcome).to.equal('opened');
    await tickBoth();
    const links = (await api('get', `${setup.url}/links`)).body.links as { email: string; link: string; invitationId: number }[];
    return { ...setup, links: links.map((l) => ({ ...l, token: new URL(l.link).pathname.slice(3) })) };
  }

  it('"open now" opens once, even clicked twice while two scheduler instances tick: each person gets one mail, one audit entry', async () => {
    const { round, emails, url } = await scheduledRound(4);
    const [first, second] = await Promise.all([api('post', `${url}/open`), api('post', `${url}/open`), tickBoth()]);
    expect([first!.status, second!.status]).to.deep.equal([200, 200]);
    expect([first!.body.outcome, second!.body.outcome].sort()).to.deep.equal(['already_open', 'opened']);
    expect(first!.body.round.availability).to.equal('open');
    await tickBoth();
    await tickBoth();
    for (const email of emails) expect(smtp.to(email), email).to.have.length(1);
    expect(smtp.to(emails[0]!)[0]!.subject).to.match(/^Spørgeskema: /);
    expect(await audits('round.open_now', round.id)).to.equal(1);
    const again = await api('post', `${url}/open`);
    expect(again.body).to.deep.include({ outcome: 'already_open', mailsQueued: 0 });
    expect(again.body.message).to.equal('Runden var allerede åben; intet er ændret.');
    const stored = await ctx.dataSource.getRepository(Round).findOneByOrFail({ id: round.id });
    expect(stored.status).to.equal('open');
    expect(stored.opensAt!.getTime()).to.equal(ctx.clock.now().getTime());
  });

  it('"remind now" reaches only those who have not submitted, once per click even with two ticks, and not again within 15 minutes', async () => {
    const { round, emails, url, links } = await openedRound(3);
    const answers = buildValidAnswers(ctx.catalog.latest('hir-start')!.questionnaire);
    expect((await request(ctx.app).post(`/api/responses/${links[0]!.token}`).send({ answers })).status).to.equal(201);
    ctx.clock.advance(HOUR);
    const results = await Promise.all([api('post', `${url}/remind`), api('post', `${url}/remind`), tickBoth()]);
    expect(results.slice(0, 2).map((r) => (r as request.Response).body.outcome).sort()).to.deep.equal(['nobody_to_remind', 'reminded']);
    await tickBoth();
    const subjects = (email: string) => smtp.to(email).map((m) => m.subject.split(':')[0]);
    expect(subjects(links[0]!.email)).to.deep.equal(['Spørgeskema']);
    expect(subjects(links[1]!.email)).to.deep.equal(['Spørgeskema', 'Påmindelse']);
    expect(subjects(links[2]!.email)).to.deep.equal(['Spørgeskema', 'Påmindelse']);
    expect(await audits('round.remind_now', round.id)).to.equal(1);
    ctx.clock.advance(10 * MINUTE);
    expect((await api('post', `${url}/remind`)).body.outcome).to.equal('nobody_to_remind');
    ctx.clock.advance(10 * MINUTE);
    const later = await api('post', `${url}/remind`);
    expect(later.body).to.deep.include({ outcome: 'reminded', mailsQueued: 2 });
    expect(later.body.message).to.equal('Påmindelse lagt i udbakken til 2 personer, der ikke har svaret.');
    await tickBoth();
    expect(smtp.to(emails[1]!).length + smtp.to(emails[2]!).length + smtp.to(emails[0]!).length).to.equal(1 + 3 + 3);
  });

  it('a reminder by hand counts as the next scheduled one: the scheduler sends the one after it, nobody gets two in a row', async () => {
    const { url, emails } = await scheduledRound(1, DAY, '[3,7]');
    await api('post', `${url}/open`);
    await tickBoth();
    ctx.clock.advance(2 * DAY);
    expect((await api('post', `${url}/remind`)).body.outcome).to.equal('reminded');
    await tickBoth();
    ctx.clock.advance(DAY + HOUR);
    expect((await Promise.all(ticks.map((tick) => tick.perform(ctx.clock.now())))).map((r) => r.remindersQueued)).to.deep.equal([0, 0]);
    ctx.clock.advance(4 * DAY);
    const scheduled = await Promise.all(ticks.map((tick) => tick.perform(ctx.clock.now())));
    expect(scheduled[0]!.remindersQueued + scheduled[1]!.remindersQueued).to.equal(1);
    await tickBoth();
    expect(smtp.to(emails[0]!).map((m) => m.subject.split(':')[0])).to.deep.equal(['Spørgeskema', 'Påmindelse', 'Påmindelse']);
    const monitor = await api('get', `${url}/monitor`);
    expect(monitor.body.total.reminders).to.equal(2);
  });

  it('"resend" mails one person again, once within 15 minutes, never to someone who answered; audited', async () => {
    const { url, links } = await openedRound(2);
    ctx.clock.advance(HOUR);
    const [one, two] = await Promise.all([api('post', `${url}/invitations/${links[1]!.invitationId}/resend`), api('post', `${url}/invitations/${links[1]!.invitationId}/resend`), tickBoth()]);
    expect([one!.body.outcome, two!.body.outcome].sort()).to.deep.equal(['recently_sent', 'resent']);
    await tickBoth();
    expect(smtp.to(links[1]!.email)).to.have.length(2);
    expect(smtp.to(links[1]!.email)[1]!.text).to.contain(links[1]!.link);
    expect(await audits('invitation.resend', links[1]!.invitationId)).to.equal(1);
    const answers = buildValidAnswers(ctx.catalog.latest('hir-start')!.questionnaire);
    await request(ctx.app).post(`/api/responses/${links[0]!.token}`).send({ answers });
    const answered = await api('post', `${url}/invitations/${links[0]!.invitationId}/resend`);
    expect(answered.status).to.equal(409);
    expect(answered.body.error.message).to.match(/^Personen har allerede svaret/);
    expect((await api('post', `${url}/invitations/999999/resend`)).status).to.equal(404);
  });

  it('"close now" closes once and refuses answers; "extend" validates in Danish, reopens, and a repeat changes nothing', async () => {
    const { round, url, links } = await openedRound(1);
    const [a, b] = await Promise.all([api('post', `${url}/close`), api('post', `${url}/close`), tickBoth()]);
    expect([a!.body.outcome, b!.body.outcome].sort()).to.deep.equal(['already_closed', 'closed']);
    expect(await audits('round.close_now', round.id)).to.equal(1);
    const answers = buildValidAnswers(ctx.catalog.latest('hir-start')!.questionnaire);
    expect((await request(ctx.app).post(`/api/responses/${links[0]!.token}`).send({ answers })).status).to.equal(410);
    expect((await api('post', `${url}/remind`)).status).to.equal(409);

    const bad: [string, RegExp][] = [['i morgen', /^Skriv lukketiden/], ['2020-01-01T09:00', /^Den nye lukketid skal ligge i fremtiden/]];
    for (const [closesAt, message] of bad) {
      const res = await api('post', `${url}/extend`).send({ closesAt });
      expect(res.status, closesAt).to.equal(400);
      expect(res.body.error.details[0]).to.deep.include({ field: 'body.closesAt' });
      expect(res.body.error.details[0].message).to.match(message);
    }
    const until = new Date(ctx.clock.now().getTime() + 3 * DAY).toISOString();
    const extended = await api('post', `${url}/extend`).send({ closesAt: until });
    expect(extended.body).to.deep.include({ outcome: 'extended', message: 'Lukketiden er flyttet, og runden er åben igen.' });
    expect(extended.body.round).to.deep.include({ status: 'open', availability: 'open', closesAt: until });
    expect((await api('post', `${url}/extend`).send({ closesAt: until })).body.outcome).to.equal('unchanged');
    const earlier = await api('post', `${url}/extend`).send({ closesAt: new Date(ctx.clock.now().getTime() + DAY).toISOString() });
    expect(earlier.status).to.equal(400);
    expect(earlier.body.error.details[0].message).to.match(/efter den nuværende/);
    expect(await audits('round.extend', round.id)).to.equal(1);
    expect((await request(ctx.app).post(`/api/responses/${links[0]!.token}`).send({ answers })).status).to.equal(201);
  });

  it('a round not yet open cannot be closed, a closed one not opened: clear Danish answers, nothing changed', async () => {
    const { url, round } = await scheduledRound(1);
    const close = await api('post', `${url}/close`);
    expect(close.status).to.equal(409);
    expect(close.body.error.message).to.match(/^Runden er ikke åbnet endnu/);
    ctx.clock.advance(20 * DAY);
    const open = await api('post', `${url}/open`);
    expect(open.status).to.equal(409);
    expect(open.body.error.message).to.match(/^Runden er lukket/);
    expect(await ctx.dataSource.getRepository(AuditLog).countBy({ objectType: 'round', objectId: String(round.id) })).to.equal(0);
    // Due to open, but no tick has moved its status yet: it is open to answers, so it can be closed.
    const due = await scheduledRound(1, -HOUR);
    expect((await api('post', `${due.url}/close`)).body.outcome).to.equal('closed');
    expect((await ctx.dataSource.getRepository(Round).findOneByOrFail({ id: due.round.id })).status).to.equal('closed');
  });

  it('the buttons on the round page: POST with CSRF, redirect back with a Danish message; a refusal shows on the page', async () => {
    const { project, round } = await scheduledRound(2);
    const page = `/admin/projects/${project.id}/rounds/${round.id}`;
    const before = await admin.agent.get(page);
    expect(before.text).to.contain('Åbn nu').and.to.contain('Forlæng');
    expect((await admin.agent.post(`${page}/open`).type('form').send({})).status).to.equal(403);
    const opened = await admin.agent.post(`${page}/open`).type('form').send({ _csrf: admin.csrfToken });
    expect(opened.status).to.equal(303);
    expect(opened.headers.location).to.equal(`${page}?done=opened`);
    const after = await admin.agent.get(opened.headers.location as string);
    expect(after.text).to.contain('Runden er åbnet, og invitationerne er lagt i udbakken.').and.to.contain('Send påmindelse nu').and.to.contain('Luk nu');
    const twice = await admin.agent.post(`${page}/open`).type('form').send({ _csrf: admin.csrfToken });
    expect(twice.headers.location).to.equal(`${page}?done=already_open`);
    const past = await admin.agent.post(`${page}/extend`).type('form').send({ _csrf: admin.csrfToken, closesAt: '2020-01-01T09:00' });
    expect(past.status).to.equal(400);
    expect(past.text).to.contain('Ny lukketid: Den nye lukketid skal ligge i fremtiden.').and.to.contain('value="2020-01-01T09:00"').and.to.contain('aria-invalid="true"');
  });

  it('leads may not steer a round, see who answered, or take the links', async () => {
    const { project, url } = await openedRound(1);
    const lead = await signIn(ctx, { role: 'lead', projectIds: [project.id] });
    for (const path of ['/open', '/close', '/remind']) expect((await api('post', `${url}${path}`, lead)).status, path).to.equal(403);
    for (const path of ['/invitations', '/invitations.csv', '/links', '/links.csv']) expect((await api('get', `${url}${path}`, lead)).status, path).to.equal(403);
    expect((await lead.agent.get(`/admin${url.slice(4)}/invitations`)).status).to.equal(403);
    const roundPage = await lead.agent.get(`/admin${url.slice(4)}`);
    expect(roundPage.status).to.equal(200);
    expect(roundPage.text).not.to.contain('Åbn nu').and.not.to.contain('Hvem har svaret');
  });
});
