import { expect } from 'chai';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { buildApp } from '../../src/app.js';
import { Draft, Invitation, Project, Response, Round } from '../../src/db/entities/index.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import { deriveLinkToken, newLinkNonce } from '../../src/rounds/invitationLinks.js';
import { hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const facts = { motherInitial: 'k', birthDay: '7', birthMonth: '3', olderSiblings: '1', streetInitial: 's' };
const SECRET_COMMENT = 'Min hemmelige testkommentar om lederen';

describeWithEachDatabase('the anonymous open link', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
  });

  /** A round with an open link; returns the link's path. */
  async function openLinkRound(projectId?: number, label = 'START'): Promise<{ round: Round; link: string; projectId: number }> {
    const nonce = newLinkNonce();
    const token = deriveLinkToken(ctx().deps.secretKey, 'open-link', nonce);
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { ...(projectId ? { projectId } : {}), label, openLinkNonce: nonce, openLinkHash: hashInvitationToken(token) });
    return { round, link: `/a/${token}`, projectId: round.projectId };
  }

  const enterCode = (browser: TestAgent, link: string, given: Record<string, string> = facts) => browser.post(link).type('form').send({ ...given, _lang: 'da' });
  const invitations = (round: Round) => ctx().dataSource.getRepository(Invitation).findBy({ roundId: round.id });
  const questionnaire = () => ctx().catalog.latest('hir-start')!.questionnaire;
  const submitForm = (browser: TestAgent, link: string, comment: string) =>
    browser.post(`${link}/skema`).type('form').send({ ...answersToFormValues(buildValidAnswers(questionnaire(), { comment })), _lang: 'da', action: 'submit' });

  it('the code opens nobody\'s draft: a second browser with the same facts gets an empty form and cannot reach the first one\'s draft', async () => {
    const { round, link } = await openLinkRound();
    const first = request.agent(ctx().app);
    const entered = await enterCode(first, link);
    expect(entered.status).to.equal(303);
    expect(entered.headers.location).to.equal(`${link}/skema?lang=da`);
    const cookie = String(entered.headers['set-cookie']);
    expect(cookie).to.match(/HttpOnly/i).and.match(/SameSite=Strict/i).and.contain(`Path=${link}`);
    expect(cookie).not.to.contain('K-07');
    // Typing a code saves nothing; the form says how to come back.
    const form = await first.get(`${link}/skema`);
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('åbn linket igen, og skriv den samme kode').and.not.contain('personlige link');
    expect(await invitations(round)).to.have.length(0);

    const saved = await first.post(`${link}/skema`).type('form').send({ caseload: '30', comment: SECRET_COMMENT, _lang: 'da', action: 'save' });
    expect(saved.status).to.equal(303);
    const [mine] = await invitations(round);
    expect(mine).to.deep.include({ selfCode: 'K-07-03-1-S', respondentId: null, tokenNonce: null });
    expect(mine!.resumeHash).to.match(/^[0-9a-f]{64}$/);
    expect((await first.get(`${link}/skema`)).text).to.contain(SECRET_COMMENT);

    const second = request.agent(ctx().app);
    await enterCode(second, link, { ...facts, motherInitial: 'K', birthDay: '07' });
    const secondForm = await second.get(`${link}/skema`);
    expect(secondForm.status).to.equal(200);
    expect(secondForm.text).not.to.contain(SECRET_COMMENT);
    expect(secondForm.text).not.to.contain('value="30"');
    // The second browser's autosave and submission land in its own invitation; the first draft is untouched.
    expect((await second.put(`${link}/kladde`).send({ values: { caseload: '12' } })).status).to.equal(200);
    const submitted = await submitForm(second, link, 'Min egen kommentar');
    expect(submitted.status, submitted.text).to.equal(303);
    expect(submitted.headers.location).to.equal(`${link}/tak?lang=da`);
    expect((await second.get(`${link}/tak`)).text).to.contain('Tak for dine svar');
    const rows = await invitations(round);
    expect(rows).to.have.length(2);
    expect(rows.every((row) => row.selfCode === 'K-07-03-1-S')).to.equal(true);
    const firstDraft = await ctx().dataSource.getRepository(Draft).findOneByOrFail({ invitationId: mine!.id });
    expect(JSON.parse(firstDraft.answers)).to.deep.include({ comment: SECRET_COMMENT, caseload: '30' });
    expect(await ctx().dataSource.getRepository(Response).countBy({ invitationId: mine!.id })).to.equal(0);
    const texts = (await ctx().dataSource.query('SELECT a.value_text AS text FROM answer a WHERE a.round_id = ? AND a.value_text IS NOT NULL', [round.id])) as { text: string }[];
    expect(texts.map((t) => t.text)).to.deep.equal(['Min egen kommentar']);

    // The first browser still resumes its own draft after giving its code again.
    await enterCode(first, link);
    expect((await first.get(`${link}/skema`)).text).to.contain(SECRET_COMMENT);
    // A browser without the cookie is sent to the code page; without it nothing can be saved.
    const stranger = request(ctx().app);
    expect((await stranger.get(`${link}/skema`)).headers.location).to.equal(link);
    expect((await stranger.post(`${link}/skema`).type('form').send({ comment: 'x', action: 'save' })).status).to.equal(303);
    expect((await stranger.put(`${link}/kladde`).send({ values: { comment: 'x' } })).status).to.equal(403);
    expect(await invitations(round)).to.have.length(2);
  });

  it('a mistyped code on return does not strand the draft, and one browser submits once', async () => {
    const { round, link } = await openLinkRound();
    const browser = request.agent(ctx().app);
    await enterCode(browser, link);
    await browser.post(`${link}/skema`).type('form').send({ comment: SECRET_COMMENT, action: 'save' });
    await enterCode(browser, link, { ...facts, olderSiblings: '2' });
    expect((await browser.get(`${link}/skema`)).text).not.to.contain(SECRET_COMMENT);
    await enterCode(browser, link);
    expect((await browser.get(`${link}/skema`)).text).to.contain(SECRET_COMMENT);
    expect((await submitForm(browser, link, 'Svar')).status).to.equal(303);
    expect((await submitForm(browser, link, 'Igen')).status).to.equal(200);
    expect((await browser.get(`${link}/skema`)).text).to.contain('Du har allerede svaret');
    expect(await ctx().dataSource.getRepository(Response).countBy({ roundId: round.id })).to.equal(1);
    // Invalid codes are refused beside their fields, in Danish.
    const bad = await enterCode(browser, link, { ...facts, birthMonth: '13', motherInitial: 'KK' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.contain('Vælg en måned.').and.contain('Skriv ét bogstav.');
  });

  it('a code collision loses no answer: both are counted in "everyone", and the comparison leaves the code unpaired as ambiguous', async () => {
    const project = await buildProject(ctx().dataSource);
    const start = await openLinkRound(project.id, 'START');
    const end = await openLinkRound(project.id, 'END');
    const person = (i: number) => ({ ...facts, motherInitial: 'ABDEFGHIJLMNOPRTUV'[i]!, birthDay: String(i + 1) });
    const answer = async (link: string, given: Record<string, string>) => {
      const browser = request.agent(ctx().app);
      expect((await enterCode(browser, link, given)).status).to.equal(303);
      const res = await submitForm(browser, link, 'Kommentar');
      expect(res.status, res.text).to.equal(303);
    };
    // Six people in both rounds, three (START) and four (END) in one round only, and two people with the same facts at START.
    for (let i = 0; i < 6; i++) for (const round of [start, end]) await answer(round.link, person(i));
    for (let i = 6; i < 9; i++) await answer(start.link, person(i));
    for (let i = 9; i < 13; i++) await answer(end.link, person(i));
    await answer(start.link, facts);
    await answer(start.link, facts);
    await answer(end.link, facts);

    expect(await ctx().dataSource.getRepository(Response).countBy({ roundId: start.round.id })).to.equal(11);
    const api = (paired: boolean) => request(ctx().app).get(`/api/projects/${project.id}/comparison?baseline=${start.round.id}&followup=${end.round.id}&paired=${paired}`).set('authorization', `Bearer ${admin.apiToken}`);
    const everyone = await api(false);
    expect(everyone.status, JSON.stringify(everyone.body)).to.equal(200);
    expect(everyone.body.n).to.deep.include({ baseline: 11, followUp: 11, paired: 6 });
    expect(everyone.body.n.ambiguousCodes).to.deep.equal({ baseline: 1, followUp: 0 });
    expect(everyone.body.n.duplicates).to.deep.equal({ baseline: 0, followUp: 0 });

    // Exports name open-link answers by a pseudonym, stable across rounds, never by the code itself.
    const wide = async (round: Round) => {
      const res = await request(ctx().app).get(`/api/projects/${project.id}/exports/wide.csv?round=${round.id}`).set('authorization', `Bearer ${admin.apiToken}`).buffer(true);
      expect(res.status).to.equal(200);
      return res.text;
    };
    const [startCsv, endCsv] = [await wide(start.round), await wide(end.round)];
    for (const csv of [startCsv, endCsv]) expect(csv).not.to.contain('K-07-03-1-S').and.not.contain('-07-03-');
    const pseudonyms = (csv: string) => new Set(csv.split('\r\n').slice(1).map((line) => line.split(/[;,]/)[0]!.replace(/"/g, '')).filter(Boolean));
    const [inStart, inEnd] = [pseudonyms(startCsv), pseudonyms(endCsv)];
    expect([...inStart].every((p) => /^C\d+$/.test(p))).to.equal(true);
    expect(inStart.size).to.equal(10);
    expect([...inStart].filter((p) => inEnd.has(p))).to.have.length(7);
    // The paired export pairs as the comparison does: the six people, not the ambiguous code.
    const paired = await request(ctx().app).get(`/api/projects/${project.id}/exports/paired.csv?baseline=${start.round.id}&followup=${end.round.id}`).set('authorization', `Bearer ${admin.apiToken}`).buffer(true);
    expect(paired.status).to.equal(200);
    expect(paired.text.split('\r\n').slice(1).filter(Boolean)).to.have.length(6);
  });

  it('the paired export pairs a code with one misremembered element, as the comparison does', async () => {
    const project = await buildProject(ctx().dataSource);
    const [start, end] = [await openLinkRound(project.id, 'START'), await openLinkRound(project.id, 'END')];
    for (const [round, given] of [[start, facts], [end, { ...facts, olderSiblings: '2' }]] as const) {
      const browser = request.agent(ctx().app);
      await enterCode(browser, round.link, given);
      expect((await submitForm(browser, round.link, 'Kommentar')).status).to.equal(303);
    }
    const paired = await request(ctx().app).get(`/api/projects/${project.id}/exports/paired.csv?baseline=${start.round.id}&followup=${end.round.id}`).set('authorization', `Bearer ${admin.apiToken}`).buffer(true);
    const rows = paired.text.split('\r\n').slice(1).filter(Boolean);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.match(/^"?C\d+/).and.contain('Kommentar');
  });

  it('typing codes adds no invitation rows, and a staff meeting behind one address is not refused', async () => {
    const { round, link } = await openLinkRound();
    for (let i = 0; i < 40; i++) {
      const res = await enterCode(request(ctx().app), link, { ...facts, birthDay: String((i % 28) + 1), olderSiblings: String(Math.floor(i / 28)) });
      expect(res.status, `person ${i}`).to.equal(303);
    }
    expect(await invitations(round)).to.have.length(0);
    const monitor = await request(ctx().app).get(`/api/projects/${round.projectId}/rounds/${round.id}/monitor`).set('authorization', `Bearer ${admin.apiToken}`);
    expect(monitor.body.total).to.deep.include({ invited: 0 });
  });

  it('one code entered again and again gets a Danish page, not English text', async () => {
    const { link } = await openLinkRound();
    const same = { ...facts, streetInitial: 'ø' };
    for (let i = 0; i < 10; i++) expect((await enterCode(request(ctx().app), link, same)).status).to.equal(303);
    const limited = await enterCode(request(ctx().app), link, same);
    expect(limited.status).to.equal(429);
    expect(limited.headers['content-type']).to.match(/html/);
    expect(limited.text).to.contain('For mange forsøg lige nu').and.not.contain('Too many requests');
    // Other people are not held up by it.
    expect((await enterCode(request(ctx().app), link, { ...same, streetInitial: 'æ' })).status).to.equal(303);
  });

  it('form saves are limited per browser, not per address', async () => {
    const app = buildApp({ ...ctx().deps, config: { ...ctx().deps.config, submissionsPerMinute: 2 } });
    const { link } = await openLinkRound();
    const [one, two] = [request.agent(app), request.agent(app)];
    for (const browser of [one, two]) await enterCode(browser, link, { ...facts, birthDay: browser === one ? '1' : '2' });
    for (let i = 0; i < 2; i++) expect((await one.put(`${link}/kladde`).send({ values: { caseload: String(i) } })).status).to.equal(200);
    const page = await one.post(`${link}/skema`).type('form').send({ caseload: '9', action: 'save' });
    expect(page.status).to.equal(429);
    expect(page.text).to.contain('For mange forsøg lige nu');
    const json = await one.put(`${link}/kladde`).send({ values: { caseload: '9' } });
    expect(json.status).to.equal(429);
    expect(json.body.error.message).to.match(/^For mange forsøg/);
    expect((await two.put(`${link}/kladde`).send({ values: { caseload: '5' } })).status).to.equal(200);
  });

  it('the code\'s elements are a project setting, fixed once a code is saved', async () => {
    const api = (method: 'get' | 'patch', path: string) => request(ctx().app)[method](path).set('authorization', `Bearer ${admin.apiToken}`);
    const project = await buildProject(ctx().dataSource);
    expect((await api('get', `/api/projects/${project.id}`)).body.project.selfCodeElements).to.deep.equal(['motherInitial', 'birthDay', 'birthMonth', 'olderSiblings', 'streetInitial']);
    const tooFew = await api('patch', `/api/projects/${project.id}`).send({ selfCodeElements: ['birthDay', 'birthMonth'] });
    expect(tooFew.status).to.equal(400);
    expect(tooFew.body.error.details[0].field).to.equal('body.selfCodeElements');
    const four = ['streetInitial', 'motherInitial', 'birthDay', 'olderSiblings'];
    expect((await api('patch', `/api/projects/${project.id}`).send({ selfCodeElements: four })).body.project.selfCodeElements).to.deep.equal(['motherInitial', 'birthDay', 'olderSiblings', 'streetInitial']);
    const { link, round } = await openLinkRound(project.id);
    const page = await request(ctx().app).get(link);
    expect(page.text).to.contain('Første bogstav i din mors fornavn').and.not.contain('Den måned, du er født');
    const browser = request.agent(ctx().app);
    await enterCode(browser, link, { motherInitial: 'k', birthDay: '7', olderSiblings: '1', streetInitial: 's' });
    await browser.put(`${link}/kladde`).send({ values: { caseload: '3' } });
    expect((await invitations(round))[0]!.selfCode).to.equal('K-07-1-S');
    const refused = await api('patch', `/api/projects/${project.id}`).send({ selfCodeElements: ['motherInitial', 'birthDay', 'birthMonth'] });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.details[0].message).to.contain('kan ikke ændres');
    expect((await api('patch', `/api/projects/${project.id}`).send({ selfCodeElements: four })).status).to.equal(200);

    // The admin form offers the elements and saves them like the API.
    const other = await buildProject(ctx().dataSource);
    const form = await admin.agent.get(`/admin/projects/${other.id}/edit`);
    expect(form.text).to.contain('Kode på anonyme åbne links').and.contain('value="birthMonth" checked');
    const posted = await admin.agent.post(`/admin/projects/${other.id}`).type('form')
      .send(`_csrf=${encodeURIComponent(admin.csrfToken)}&name=Andet&defaultLanguage=da&anonymityK=5&reportableAttributes=&selfCodeElements=&selfCodeElements=motherInitial&selfCodeElements=fatherInitial&selfCodeElements=birthDay`);
    expect(posted.status, posted.text).to.equal(303);
    expect(JSON.parse((await ctx().dataSource.getRepository(Project).findOneByOrFail({ id: other.id })).selfCodeElements)).to.deep.equal(['motherInitial', 'fatherInitial', 'birthDay']);
  });
});
