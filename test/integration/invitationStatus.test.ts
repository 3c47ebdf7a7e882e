import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
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

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Row { invitationId: number; email: string | null; externalId: string | null; status: string; link?: string }

describeWithEachDatabase('who has answered: invitation status, personal links and the outbox API', testDatabases, (base) => {
  let ctx: TestContext;
  let admin: SignedIn;
  /** A scheduler whose SMTP server has gone away: every mail fails until it gives up. */
  let deadMail: SchedulerTick;
  before(async () => {
    const gone = new SmtpTestServer();
    const port = await gone.start();
    await gone.stop();
    const config = { ...base().deps.config, smtp: { host: '127.0.0.1', port, user: undefined, password: undefined, security: 'none' as const } };
    const deps: ServiceDeps = { ...base().deps, config };
    ctx = { ...base(), deps, app: buildApp(deps) };
    deadMail = new SchedulerTick(deps, smtpTransport(config.smtp));
    admin = await signIn(ctx, { role: 'admin' });
  });

  const api = (path: string, who: SignedIn = admin) => request(ctx.app).get(path).set('authorization', `Bearer ${who.apiToken}`);

  async function openRound(emails: (string | null)[]) {
    const project = await buildProject(ctx.dataSource, { name: `Status ${Math.random().toString(36).slice(2, 8)}` });
    for (const [i, email] of emails.entries()) await buildRespondent(ctx.dataSource, project.id, { email, externalId: `EXT-${i}`, municipality: i % 2 ? 'Odense' : 'Aarhus' });
    const round = await ctx.dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: ctx.catalog.latest('hir-start')!.versionId, label: 'START', status: 'scheduled', opensAt: new Date(ctx.clock.now().getTime() + DAY),
      closesAt: new Date(ctx.clock.now().getTime() + 30 * DAY), reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    const url = `/api/projects/${project.id}/rounds/${round.id}`;
    expect((await request(ctx.app).post(`${url}/open`).set('authorization', `Bearer ${admin.apiToken}`)).body.outcome).to.equal('opened');
    return { project, round, url };
  }

  const statusOf = async (url: string, externalId: string) => ((await api(`${url}/invitations`)).body.invitations as Row[]).find((r) => r.externalId === externalId)!.status;

  it('moves each person from not opened or failed mail to opened, draft and submitted', async () => {
    const { url } = await openRound(['a@jobcenter.dk', 'b@jobcenter.dk', null]);
    for (let attempt = 0; attempt < 5; attempt++) {
      await deadMail.perform(ctx.clock.now());
      ctx.clock.advance(HOUR);
    }
    const links = (await api(`${url}/links`)).body.links as Row[];
    expect(links.map((l) => [l.externalId, l.status])).to.deep.equal([['EXT-0', 'mail_failed'], ['EXT-1', 'mail_failed'], ['EXT-2', 'not_opened']]);
    const token = new URL(links[0]!.link!).pathname.slice(3);

    expect((await request(ctx.app).get(`/s/${token}`)).status).to.equal(200);
    expect(await statusOf(url, 'EXT-0')).to.equal('opened');
    expect((await request(ctx.app).put(`/api/drafts/${token}`).send({ values: {} })).status).to.be.within(200, 204);
    expect(await statusOf(url, 'EXT-0')).to.equal('draft');
    const answers = buildValidAnswers(ctx.catalog.latest('hir-start')!.questionnaire);
    expect((await request(ctx.app).post(`/api/responses/${token}`).send({ answers })).status).to.equal(201);
    expect(await statusOf(url, 'EXT-0')).to.equal('submitted');

    const submitted = (await api(`${url}/invitations?status=submitted`)).body.invitations as Row[];
    expect(submitted.map((r) => r.externalId)).to.deep.equal(['EXT-0']);
    expect(((await api(`${url}/invitations?municipality=Odense`)).body.invitations as Row[]).map((r) => r.externalId)).to.deep.equal(['EXT-1']);
    expect((await api(`${url}/invitations?status=sendt`)).status).to.equal(400);
    expect((await api(`${url}/invitations`)).body.invitations[0]).not.to.have.property('link');
  });

  it('lists and downloads, in JSON and CSV with the external id; link exports are audited; the page filters', async () => {
    const { project, round, url } = await openRound(['c@jobcenter.dk', '=cmd|calc@jobcenter.dk']);
    const csv = await api(`${url}/invitations.csv`);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]).to.deep.equal(['external_id', 'name', 'email', 'municipality', 'team', 'group', 'status', 'status_da', 'opened_at', 'submitted_at']);
    expect(rows.slice(1).map((r) => [r[0], r[6], r[7]])).to.deep.equal([['EXT-0', 'not_opened', 'Ikke åbnet'], ['EXT-1', 'not_opened', 'Ikke åbnet']]);
    expect(rows[2]![2]).to.equal("'=cmd|calc@jobcenter.dk");

    const links = parse((await api(`${url}/links.csv`)).text.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(links[0]!.at(-1)).to.equal('link');
    expect(links[1]![0]).to.equal('EXT-0');
    const path = new URL(links[1]!.at(-1)!).pathname;
    expect((await request(ctx.app).get(path)).status).to.equal(200);
    const json = (await api(`${url}/links`)).body.links as Row[];
    expect(json.map((l) => l.link)).to.deep.equal(links.slice(1).map((l) => l.at(-1)));
    expect(await ctx.dataSource.getRepository(AuditLog).countBy({ action: 'round.links.export', objectId: String(round.id) })).to.equal(2);

    const admin1 = `/admin/projects/${project.id}/rounds/${round.id}`;
    const adminCsv = await admin.agent.get(`${admin1}/links.csv`);
    expect(adminCsv.text.split('\r\n')[0]).to.match(/^\uFEFF?"?external_id"?;/);
    const page = await admin.agent.get(`${admin1}/invitations?status=not_opened&municipality=Odense&team=`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('1 vist.').and.to.contain('EXT-1').and.not.to.contain('EXT-0');
    expect(page.text).to.contain('Send igen<span class="sr-only">: invitationen til');
    const resent = await admin.agent.post(`${admin1}/invitations/${json[1]!.invitationId}/resend`).type('form').send({ _csrf: admin.csrfToken });
    expect(resent.status).to.equal(303);
    expect(resent.headers.location).to.equal(`${admin1}/invitations?done=recently_sent`);
    expect((await admin.agent.get(resent.headers.location as string)).text).to.contain('Invitationen blev sendt inden for det seneste kvarter');
  });

  it('GET /api/outbox gives bodies and the project, and filters by project', async () => {
    const { project } = await openRound(['post@jobcenter.dk']);
    const other = await openRound(['andet@jobcenter.dk']);
    const mine = (await api(`/api/outbox?projectId=${project.id}`)).body.mails as { to: string; text: string; html: string | null; projectId: number; projectName: string }[];
    expect(mine.map((m) => m.to)).to.deep.equal(['post@jobcenter.dk']);
    expect(mine[0]).to.deep.include({ projectId: project.id, projectName: project.name });
    expect(mine[0]!.text).to.match(/\/s\/[A-Za-z0-9_-]{22}/);
    const all = (await api('/api/outbox')).body.mails as { to: string; projectId: number }[];
    expect(all.find((m) => m.to === 'andet@jobcenter.dk')!.projectId).to.equal(other.project.id);
    const page = await admin.agent.get(`/admin/outbox?status=&projectId=${project.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('post@jobcenter.dk').and.not.to.contain('andet@jobcenter.dk');
    expect((await api('/api/outbox?projectId=x')).status).to.equal(400);
  });
});
