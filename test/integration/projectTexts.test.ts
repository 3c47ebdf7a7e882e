import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { AuditLog, MailOutbox, ProjectTexts, Round } from '../../src/db/entities/index.js';
import { smtpTransport } from '../../src/mail/mailTransport.js';
import { defaultProjectTexts } from '../../src/projectTexts/defaultTexts.js';
import type { ProjectTextsInput } from '../../src/projectTexts/textSchemas.js';
import { SchedulerTick } from '../../src/scheduler/schedulerTick.js';
import type { ServiceDeps } from '../../src/shared/serviceDeps.js';
import { csrfFromHtml, signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildProject, buildRespondent, buildRound } from '../support/builders.js';
import { SmtpTestServer } from '../support/smtpTestServer.js';
import { describeWithEachDatabase } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Texts a project sets: its own subject and words around every placeholder. */
function projectTexts(overrides: Partial<ProjectTextsInput> = {}): ProjectTextsInput {
  const defaults = defaultProjectTexts();
  return {
    ...defaults,
    senderName: 'Jobcenter Ødsted, HIR', replyTo: 'hir@oedsted.dk', contactName: 'Mette Holm', contactEmail: 'mette@oedsted.dk', contactPhone: '12 34 56 78', dataController: 'Ødsted Kommune, Torvet 1',
    da: { ...defaults.da, invitationSubject: 'HIR i {projekt}: til {navn}', invitationBody: 'Hej {navn}\n\nSvar her: {link}\nSidste frist: {lukker}.\n\nSpørgsmål: {kontakt}' },
    en: { ...defaults.en, invitationSubject: 'HIR in {projekt} for {navn}' },
    ...overrides,
  };
}

describeWithEachDatabase('a project\'s mail texts and privacy notice', testDatabases, (ctx) => {
  const smtp = new SmtpTestServer();
  let admin: SignedIn;
  before(async () => {
    await smtp.start();
    admin = await signIn(ctx(), { role: 'admin' });
  });
  after(() => smtp.stop());

  const api = (method: 'get' | 'put' | 'post', path: string, who: SignedIn = admin) => request(ctx().app)[method](path).set('authorization', `Bearer ${who.apiToken}`);

  /** The services as a server with SMTP configured has them. */
  function withSmtp(): ServiceDeps {
    return { ...ctx().deps, config: { ...ctx().deps.config, smtp: { host: '127.0.0.1', port: smtp.port, user: undefined, password: undefined, security: 'none' } } };
  }

  function tick(): SchedulerTick {
    const deps = withSmtp();
    return new SchedulerTick(deps, smtpTransport(deps.config.smtp!));
  }

  it('has today\'s texts until changed, saves valid texts with an audit entry, and refuses unknown placeholders and bad emails by name', async () => {
    const project = await buildProject(ctx().dataSource);
    const path = `/api/projects/${project.id}/mail-texts`;
    const initial = await api('get', path);
    expect(initial.status).to.equal(200);
    expect(initial.body.mailTexts.da.invitationSubject).to.equal('Spørgeskema: {skema}');
    expect(initial.body.mailTexts.en.reminderSubject).to.equal('Reminder: Questionnaire: {skema}');
    expect(initial.body.placeholders.mail).to.include.members(['navn', 'link', 'lukker', 'kontakt', 'projekt']);

    const unknown = await api('put', path).send(projectTexts({ en: { ...projectTexts().en, reminderBody: 'Hi {name}, {link}' } }));
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.code).to.equal('unknown_placeholder');
    expect(unknown.body.error.message).to.contain('{name}');
    expect(unknown.body.error.details[0].field).to.equal('body.en.reminderBody');

    const badEmail = await api('put', path).send(projectTexts({ replyTo: 'ikke en adresse' }));
    expect(badEmail.status).to.equal(400);
    expect(JSON.stringify(badEmail.body.error.details)).to.contain('replyTo');
    expect(await ctx().dataSource.getRepository(ProjectTexts).countBy({ projectId: project.id })).to.equal(0);

    const lead = await signIn(ctx(), { role: 'lead', projectIds: [project.id] });
    expect((await api('put', path, lead).send(projectTexts())).status).to.equal(403);
    expect((await api('get', path, lead)).status).to.equal(403);

    const firstTwo = await Promise.all([api('put', path).send(projectTexts()), api('put', path).send(projectTexts())]);
    expect(firstTwo.map((r) => r.status)).to.deep.equal([200, 200]);
    expect((await api('get', path)).body.mailTexts).to.deep.equal(projectTexts());
    const again = await api('put', path).send(projectTexts({ senderName: 'HIR-projektet' }));
    expect(again.body.mailTexts.senderName).to.equal('HIR-projektet');
    const audits = await ctx().dataSource.getRepository(AuditLog).findBy({ action: 'project.texts.update', objectId: String(project.id) });
    expect(audits).to.have.length(3);
    expect(audits[0]!.actor).to.equal(admin.user.email);
    expect((await api('put', `/api/projects/999999/mail-texts`).send(projectTexts())).status).to.equal(404);
  });

  it('the admin page shows Danish errors naming the field and the placeholder, previews without saving, and saves', async () => {
    const project = await buildProject(ctx().dataSource, { name: 'Pejlemærket' });
    const page = await admin.agent.get(`/admin/projects/${project.id}/mail-texts`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Send testmail til mig');
    expect(page.text).to.contain('Kære Anne Jensen');
    const csrf = csrfFromHtml(page.text);
    const form = (fields: Record<string, string>) => {
      const texts = projectTexts();
      const flat: Record<string, string> = { _csrf: csrf, senderName: texts.senderName, replyTo: texts.replyTo, contactName: texts.contactName, contactEmail: texts.contactEmail, contactPhone: texts.contactPhone, dataController: texts.dataController };
      for (const lang of ['da', 'en'] as const) for (const [field, value] of Object.entries(texts[lang])) flat[`${lang}-${field}`] = value;
      return admin.agent.post(`/admin/projects/${project.id}/mail-texts`).type('form').send({ ...flat, ...fields });
    };

    const wrong = await form({ 'da-invitationBody': 'Hej {navm}', contactEmail: 'mette@', 'en-reminderSubject': '', contactPhone: 'ring til Mette', action: 'save' });
    expect(wrong.status).to.equal(400);
    expect(wrong.text).to.contain('ukendt pladsholder {navm}');
    expect(wrong.text).to.contain('href="#texts-da-invitationBody"');
    expect(wrong.text).to.contain('Skriv en gyldig e-mailadresse');
    expect(wrong.text).to.contain('href="#texts-contactEmail"');
    expect(wrong.text).to.contain('Emne på påmindelsen (engelsk): Skal udfyldes.');
    expect(wrong.text).to.contain('Skriv kun cifre, mellemrum, +, - og parenteser');
    expect(wrong.text).to.contain('Hej {navm}');

    const preview = await form({ action: 'preview', previewLanguage: 'da', previewKind: 'invitation' });
    expect(preview.status).to.equal(200);
    expect(preview.text).to.contain('HIR i Pejlemærket: til Anne Jensen');
    expect(preview.text).to.contain('Ødsted Kommune, Torvet 1 er dataansvarlig');
    expect(await ctx().dataSource.getRepository(ProjectTexts).countBy({ projectId: project.id })).to.equal(0);

    const saved = await form({ action: 'save' });
    expect(saved.status).to.equal(303);
    expect(saved.headers.location).to.equal(`/admin/projects/${project.id}/mail-texts?saved=1`);
    expect((await admin.agent.get(saved.headers.location as string)).text).to.contain('Teksterne er gemt.');
    expect((await api('get', `/api/projects/${project.id}/mail-texts`)).body.mailTexts.da.invitationSubject).to.equal('HIR i {projekt}: til {navn}');
    // Admin pages ignore query parameters they do not know (a link with one must not end on an error page).
    expect((await admin.agent.get(`/admin/projects/${project.id}/mail-texts?foo=1`)).status).to.equal(200);
  });

  it('invitations go out through SMTP with the project\'s subject, filled-in body, sender name and reply-to, and the name escaped in HTML', async () => {
    const { dataSource, catalog, clock } = ctx();
    const project = await buildProject(dataSource, { name: 'HIR Ødsted' });
    expect((await api('put', `/api/projects/${project.id}/mail-texts`).send(projectTexts())).status).to.equal(200);
    await buildRespondent(dataSource, project.id, { email: 'aase@oedsted.dk', name: 'Åse <b>Ærø</b> & Co' });
    await buildRespondent(dataSource, project.id, { email: 'john@oedsted.dk', name: 'John', language: 'en' });
    const closesAt = new Date(Date.UTC(2026, 2, 16, 15, 0));
    await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: catalog.latest('hir-start')!.versionId, label: 'START', status: 'scheduled', opensAt: new Date(clock.now().getTime() - HOUR),
      closesAt: new Date(Math.max(closesAt.getTime(), clock.now().getTime() + DAY)), reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    await tick().perform(clock.now());
    const [danish] = smtp.to('aase@oedsted.dk');
    expect(danish, 'mail to aase').to.not.equal(undefined);
    expect(danish!.subject).to.equal('HIR i HIR Ødsted: til Åse <b>Ærø</b> & Co');
    expect(danish!.from).to.contain('Jobcenter Ødsted, HIR');
    expect(danish!.replyTo).to.contain('hir@oedsted.dk');
    expect(danish!.text).to.match(/^Hej Åse <b>Ærø<\/b> & Co\r?\n/);
    expect(danish!.text).to.match(/Svar her: http:\/\/[^\s]+\/s\/[A-Za-z0-9_-]{22}/);
    expect(danish!.text).to.match(/Sidste frist: \d{1,2}\. [a-zæøå]+ 20\d\d/);
    expect(danish!.text).to.contain('Spørgsmål: Mette Holm, mette@oedsted.dk, 12 34 56 78');
    expect(danish!.html).to.contain('Hej Åse &lt;b&gt;Ærø&lt;/b&gt; &amp; Co');
    expect(danish!.html).to.not.contain('<b>Ærø');
    expect(danish!.html).to.match(/<a href="http:\/\/[^"]+\/s\/[A-Za-z0-9_-]{22}"/);
    const [english] = smtp.to('john@oedsted.dk');
    expect(english!.subject).to.equal('HIR in HIR Ødsted for John');
    expect(english!.text).to.contain('If you have questions, contact Mette Holm, mette@oedsted.dk, 12 34 56 78.');
    const stored = await dataSource.getRepository(MailOutbox).findOneByOrFail({ toAddress: 'aase@oedsted.dk' });
    expect(stored.senderName).to.equal('Jobcenter Ødsted, HIR');
    expect(stored.replyTo).to.equal('hir@oedsted.dk');
  });

  it('sends a test mail of the saved texts to the signed-in admin through the outbox and SMTP, audited', async () => {
    const { dataSource, clock } = ctx();
    const project = await buildProject(dataSource, { name: 'Testmailprojekt' });
    await api('put', `/api/projects/${project.id}/mail-texts`).send(projectTexts());
    const smtpApp = buildApp(withSmtp());
    const viaApi = await request(smtpApp).post(`/api/projects/${project.id}/mail-texts/test`).set('authorization', `Bearer ${admin.apiToken}`).send({ language: 'en' });
    expect(viaApi.status).to.equal(202);
    expect(viaApi.body.testMail).to.deep.equal({ to: admin.user.email, subject: 'HIR in Testmailprojekt for Anne Jensen', queued: true });
    await tick().perform(clock.now());
    const [received] = smtp.to(admin.user.email).filter((m) => m.subject === 'HIR in Testmailprojekt for Anne Jensen');
    expect(received, 'the test mail over SMTP').to.not.equal(undefined);
    expect(received!.from).to.contain('Jobcenter Ødsted, HIR');
    expect(received!.replyTo).to.contain('hir@oedsted.dk');
    expect(received!.text).to.contain('If you have questions, contact Mette Holm, mette@oedsted.dk, 12 34 56 78.');

    // Without SMTP (this server's configuration) the test mail is held in the outbox like any invitation.
    const page = await admin.agent.get(`/admin/projects/${project.id}/mail-texts`);
    const viaPage = await admin.agent.post(`/admin/projects/${project.id}/mail-texts/test`).type('form').send({ _csrf: csrfFromHtml(page.text), language: 'da', kind: 'reminder' });
    expect(viaPage.status).to.equal(303);
    expect((await admin.agent.get(viaPage.headers.location as string)).text).to.contain('Testmailen er lagt i udbakken');
    const held = await dataSource.getRepository(MailOutbox).findOneByOrFail({ kind: 'test', toAddress: admin.user.email, status: 'held' });
    expect(held.subject).to.equal(`Påmindelse: Spørgeskema: ${ctx().catalog.latestAll()[0]!.questionnaire.title.da}`);
    expect(await dataSource.getRepository(AuditLog).countBy({ action: 'project.texts.test_mail', objectId: String(project.id) })).to.equal(2);
  });

  it('shows the privacy notice and contact on the form\'s first page and the open link, in Danish and English', async () => {
    const { dataSource, catalog, clock } = ctx();
    const round = await buildRound(dataSource, catalog, clock.now());
    const { token } = await buildInvitation(dataSource, round);
    const byDefault = await request(ctx().app).get(`/s/${token}`);
    expect(byDefault.text).to.contain('Den kommune, der gennemfører projektet, er dataansvarlig');
    expect(byDefault.text).to.contain('Spørgsmål? Kontakt projektlederen.');
    expect(byDefault.text).to.contain('mindst 5 besvarelser');

    await api('put', `/api/projects/${round.projectId}/mail-texts`).send(projectTexts({ contactPhone: '' }));
    const danish = await request(ctx().app).get(`/s/${token}`);
    expect(danish.text).to.contain('Ødsted Kommune, Torvet 1 er dataansvarlig for dine svar');
    expect(danish.text).to.contain('Spørgsmål? Kontakt Mette Holm, mette@oedsted.dk.');
    expect(danish.text.indexOf('Sådan bruges dine svar')).to.be.lessThan(danish.text.indexOf('class="form-section"'));
    const english = await request(ctx().app).get(`/s/${token}?lang=en`);
    expect(english.text).to.contain('Ødsted Kommune, Torvet 1 is the data controller for your answers');
    expect(english.text).to.contain('How your answers are used');
    expect(english.text).to.not.contain('Sådan bruges dine svar');
    await dataSource.getRepository(Round).update(round.id, { status: 'closed' });
    const closed = await request(ctx().app).get(`/s/${token}`);
    expect(closed.status).to.equal(410);
    expect(closed.text).to.contain('Kontakt projektlederen, hvis du mener, det er en fejl.');
    expect(closed.text).to.contain('Kontakt: Mette Holm, mette@oedsted.dk');

    const created = await api('post', `/api/projects/${round.projectId}/rounds`).send({
      label: 'ÅBEN', questionnaireId: 'hir-start', opensAt: new Date(clock.now().getTime() - HOUR).toISOString(), closesAt: new Date(clock.now().getTime() + DAY).toISOString(), reminderDays: [], openLink: true,
    });
    expect(created.status).to.equal(201);
    const openLink = new URL(created.body.round.openLinkUrl as string).pathname;
    const openDanish = await request(ctx().app).get(openLink);
    expect(openDanish.text).to.contain('Ødsted Kommune, Torvet 1 er dataansvarlig');
    const openEnglish = await request(ctx().app).get(`${openLink}?lang=en`);
    expect(openEnglish.text).to.contain('is the data controller');
    const refused = await request(ctx().app).post(openLink).type('form').send({ motherInitial: 'KK', birthDay: '7', olderSiblings: '1', streetInitial: 'S' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.contain('Ødsted Kommune, Torvet 1 er dataansvarlig');
  });
});
