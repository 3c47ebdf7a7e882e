import { expect } from 'chai';
import request from 'supertest';
import { Invitation, MailOutbox, Round } from '../../src/db/entities/index.js';
import { smtpTransport } from '../../src/mail/mailTransport.js';
import { SchedulerTick } from '../../src/scheduler/schedulerTick.js';
import type { ServiceDeps } from '../../src/shared/serviceDeps.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn } from '../support/auth.js';
import { buildProject, buildRespondent } from '../support/builders.js';
import { SmtpTestServer } from '../support/smtpTestServer.js';
import { describeWithEachDatabase } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describeWithEachDatabase('a full round on a controlled clock', testDatabases, (ctx) => {
  const smtp = new SmtpTestServer();
  before(() => smtp.start());
  after(() => smtp.stop());

  function tickWith(smtpConfigured: boolean): SchedulerTick {
    const config = { ...ctx().deps.config, smtp: smtpConfigured ? { host: '127.0.0.1', port: smtp.port, user: undefined, password: undefined, security: 'none' as const } : undefined };
    const deps: ServiceDeps = { ...ctx().deps, config };
    return new SchedulerTick(deps, config.smtp ? smtpTransport(config.smtp) : undefined);
  }

  it('opens, invites by mail with working links, reminds only non-responders, closes, and refuses late answers', async () => {
    const { dataSource, catalog, clock } = ctx();
    const project = await buildProject(dataSource, { name: 'HIR Odense' });
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => buildRespondent(dataSource, project.id, { email: `runde${i}@jobcenter.dk`, name: `Person ${i}`, language: i === 4 ? 'en' : null })));
    const opensAt = new Date(clock.now().getTime() + HOUR);
    const round = await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'scheduled', opensAt,
      closesAt: new Date(opensAt.getTime() + 10 * DAY), reminderDays: '[3,7]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    const tick = tickWith(true);
    const mailsTo = (i: number) => smtp.to(`runde${i}@jobcenter.dk`);

    expect((await tick.perform(clock.now())).opened).to.equal(0);
    expect(smtp.received).to.have.length(0);

    clock.advance(HOUR + 60_000);
    const first = await tick.perform(clock.now());
    expect(first).to.deep.include({ opened: 1, invited: 5, invitationsQueued: 5, mailSent: 5 });
    for (let i = 0; i < 5; i++) expect(mailsTo(i)).to.have.length(1);
    expect(mailsTo(0)[0]!.subject).to.equal('Spørgeskema: HIR – startmåling');
    expect(mailsTo(4)[0]!.subject).to.match(/^Questionnaire: /);

    const links = people.map((_, i) => /https?:\/\/\S+\/s\/[A-Za-z0-9_-]{22}/.exec(mailsTo(i)[0]!.text)![0]);
    const paths = links.map((link) => new URL(link).pathname);
    expect((await request(ctx().app).get(paths[0]!)).status).to.equal(200);
    const answers = buildValidAnswers(catalog.latest('hir-start')!.questionnaire);
    for (const path of paths.slice(0, 2)) {
      expect((await request(ctx().app).post(`/api/responses/${path.slice(3)}`).send({ answers })).status).to.equal(201);
    }

    expect((await tick.perform(clock.now())).invitationsQueued).to.equal(0);
    clock.advance(3 * DAY);
    expect((await tick.perform(clock.now())).remindersQueued).to.equal(3);
    expect((await tick.perform(clock.now())).remindersQueued).to.equal(0);
    expect(mailsTo(0)).to.have.length(1);
    expect(mailsTo(2)).to.have.length(2);
    expect(mailsTo(2)[1]!.subject).to.match(/^Påmindelse: /);

    clock.advance(4 * DAY);
    expect((await tick.perform(clock.now())).remindersQueued).to.equal(3);
    expect(mailsTo(3)).to.have.length(3);
    expect(mailsTo(1)).to.have.length(1);

    clock.advance(4 * DAY);
    expect((await tick.perform(clock.now())).closed).to.equal(1);
    expect((await dataSource.getRepository(Round).findOneByOrFail({ id: round.id })).status).to.equal('closed');
    const late = await request(ctx().app).post(`/api/responses/${paths[2]!.slice(3)}`).send({ answers });
    expect(late.status).to.equal(410);
    expect((await tick.perform(clock.now())).remindersQueued).to.equal(0);
    expect(smtp.received.filter((m) => m.to.some((t) => t.startsWith('runde')))).to.have.length(5 + 3 + 3);
  });

  it('after downtime a tick catches up: late invitations without old reminders, one reminder for what was missed, never twice', async () => {
    const { dataSource, catalog, clock } = ctx();
    const project = await buildProject(dataSource);
    await buildRespondent(dataSource, project.id, { email: 'tidlig@jobcenter.dk' });
    const opensAt = new Date(clock.now().getTime() - 8 * DAY);
    await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: catalog.latest('hir-end')!.versionId, label: 'END', status: 'scheduled', opensAt,
      closesAt: new Date(opensAt.getTime() + 14 * DAY), reminderDays: '[3,7]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    const tick = tickWith(true);
    await tick.perform(new Date(opensAt.getTime() + 60_000));
    expect(smtp.to('tidlig@jobcenter.dk')).to.have.length(1);
    // The server was down from then until now; meanwhile a caseworker joined the project.
    await buildRespondent(dataSource, project.id, { email: 'sen@jobcenter.dk' });
    for (let i = 0; i < 3; i++) await tick.perform(clock.now());
    const subjects = (address: string) => smtp.to(address).map((m) => m.subject.split(':')[0]);
    expect(subjects('tidlig@jobcenter.dk')).to.deep.equal(['Spørgeskema', 'Påmindelse']);
    expect(subjects('sen@jobcenter.dk')).to.deep.equal(['Spørgeskema']);
  });

  it('without SMTP the mail is held in the outbox, which admins can read and leads cannot', async () => {
    const { dataSource, catalog, clock } = ctx();
    const project = await buildProject(dataSource);
    await buildRespondent(dataSource, project.id, { email: 'udbakke@jobcenter.dk' });
    await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'scheduled', opensAt: clock.now(),
      closesAt: new Date(clock.now().getTime() + DAY), reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    await tickWith(false).perform(clock.now());
    const held = await dataSource.getRepository(MailOutbox).findOneByOrFail({ toAddress: 'udbakke@jobcenter.dk' });
    expect(held.status).to.equal('held');
    expect(smtp.to('udbakke@jobcenter.dk')).to.have.length(0);
    const invitation = await dataSource.getRepository(Invitation).findOneByOrFail({ id: held.invitationId! });
    expect(invitation.sentAt).to.be.instanceOf(Date);
    const admin = await signIn(ctx(), { role: 'admin' });
    const page = await admin.agent.get('/admin/outbox');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('udbakke@jobcenter.dk');
    const lead = await signIn(ctx(), { role: 'lead' });
    expect((await lead.agent.get('/admin/outbox')).status).to.equal(403);
  });
});
