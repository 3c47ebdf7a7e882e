import { expect } from 'chai';
import request from 'supertest';
import { Answer, Draft, Invitation, Response, Round } from '../../src/db/entities/index.js';
import { answerableItems } from '../../src/questionnaires/answerableItems.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('the caseworker form /s/:token', testDatabases, (ctx: () => TestContext) => {
  let questionnaire: Questionnaire;
  let round: Round;

  before(async () => {
    questionnaire = ctx().catalog.latest('hir-start')!.questionnaire;
    round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
  });

  const newToken = async () => (await buildInvitation(ctx().dataSource, round)).token;
  const post = (token: string, fields: Record<string, string>) => request(ctx().app).post(`/s/${token}`).type('form').send(fields);

  it('renders the questionnaire in Danish with every item, under a strict CSP, and records the first opening', async () => {
    const token = await newToken();
    const res = await request(ctx().app).get(`/s/${token}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('<html lang="da"');
    expect(res.text).to.contain(questionnaire.title.da);
    for (const item of answerableItems(questionnaire)) expect(res.text, item.id).to.contain(`q-${item.id}`);
    expect(res.headers['content-security-policy']).to.contain("script-src 'self'");
    expect(res.headers['cache-control']).to.equal('no-store');
    const invitation = await ctx().dataSource.getRepository(Invitation).findOneByOrFail({ roundId: round.id, id: (await ctx().dataSource.getRepository(Invitation).find({ order: { id: 'DESC' }, take: 1 }))[0]!.id });
    expect(invitation.openedAt).to.be.instanceOf(Date);
  });

  it('switches to English with ?lang=en', async () => {
    const res = await request(ctx().app).get(`/s/${await newToken()}?lang=en`);
    expect(res.text).to.contain('<html lang="en"');
    expect(res.text).to.contain(questionnaire.title.en);
  });

  it('"save and continue later" keeps the answers as a draft, and the same link resumes them', async () => {
    const token = await newToken();
    const likert = answerableItems(questionnaire).find((item) => item.kind === 'likert')!;
    const saved = await post(token, { [likert.id]: '4', caseload: '25', action: 'save', _lang: 'da' });
    expect(saved.status).to.equal(303);
    expect(saved.headers.location).to.equal(`/s/${token}?saved=1&lang=da`);
    const resumed = await request(ctx().app).get(`/s/${token}`);
    expect(resumed.text).to.match(new RegExp(`name="${likert.id}"[^>]*value="4"[^>]*checked|value="4"[^>]*name="${likert.id}"[^>]*checked|checked[^>]*name="${likert.id}"[^>]*value="4"`));
    expect(resumed.text).to.match(/name="caseload"[^>]*value="25"|value="25"[^>]*name="caseload"/);
  });

  it('the JSON autosave stores only the questionnaire\'s own fields', async () => {
    const token = await newToken();
    const res = await request(ctx().app).put(`/api/drafts/${token}`).send({ language: 'en', values: { caseload: '12', evil: 'x' } });
    expect(res.status).to.equal(200);
    expect(res.body.fields).to.equal(1);
    const drafts = await ctx().dataSource.getRepository(Draft).find({ order: { id: 'DESC' }, take: 1 });
    expect(JSON.parse(drafts[0]!.answers)).to.deep.equal({ caseload: '12' });
  });

  it('an invalid submission comes back with every answer kept and each error beside its field, in the respondent\'s language', async () => {
    const token = await newToken();
    const values = answersToFormValues(buildValidAnswers(questionnaire));
    values.caseload = '10';
    values.belief_job = '11';
    values['time_use.documentation'] = '90';
    const before = await ctx().dataSource.getRepository(Response).count();
    const res = await post(token, { ...values, action: 'submit', _lang: 'en' });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('<html lang="en"');
    expect(res.text).to.contain('The number must not be greater than your answer to');
    expect(res.text).to.contain('The shares must add up to 100 %');
    expect(res.text).to.match(/aria-describedby="[^"]*q-belief_job-error/);
    expect(res.text).to.contain('href="#q-belief_job"');
    expect(res.text).to.match(/name="belief_job"[^>]*value="11"|value="11"[^>]*name="belief_job"/);
    expect(await ctx().dataSource.getRepository(Response).count()).to.equal(before);
  });

  it('a valid submission is stored, thanked for, and the link then says it was already used', async () => {
    const token = await newToken();
    const answers = buildValidAnswers(questionnaire);
    const res = await post(token, { ...answersToFormValues(answers), action: 'submit' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/s/${token}/tak`);
    const thanks = await request(ctx().app).get(res.headers.location as string);
    expect(thanks.status).to.equal(200);
    expect(thanks.text).to.contain('Tak for dine svar');
    const again = await request(ctx().app).get(`/s/${token}`);
    expect(again.text).to.contain('Du har allerede svaret');
    const resubmit = await post(token, { ...answersToFormValues(answers), action: 'submit' });
    expect(resubmit.status).to.equal(409);
    const response = (await ctx().dataSource.getRepository(Response).find({ order: { id: 'DESC' }, take: 1 }))[0]!;
    const stored = await ctx().dataSource.getRepository(Answer).countBy({ responseId: response.id });
    expect(stored).to.be.greaterThan(answerableItems(questionnaire).length - 10);
  });

  it('answers to conditional items the person\'s own answer hides are ignored, not refused, on the form', async () => {
    const token = await newToken();
    const conditional = answerableItems(questionnaire).find((item) => item.showIf)!;
    const answers = buildValidAnswers(questionnaire, { [conditional.showIf!.item]: 1 });
    expect(conditional.showIf!.anyOf).to.not.include(1);
    const res = await post(token, { ...answersToFormValues(answers), [conditional.id]: '4', action: 'submit' });
    expect(res.status).to.equal(303);
    const response = (await ctx().dataSource.getRepository(Response).find({ order: { id: 'DESC' }, take: 1 }))[0]!;
    expect(await ctx().dataSource.getRepository(Answer).countBy({ responseId: response.id, itemId: conditional.id })).to.equal(0);
  });

  it('tells the person what to do for an unknown link, a closed round and a round not yet open', async () => {
    const unknown = await request(ctx().app).get('/s/AAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).to.equal(404);
    expect(unknown.text).to.contain('Linket virker ikke');

    const closedRound = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: round.projectId, status: 'closed' });
    const closed = await request(ctx().app).get(`/s/${(await buildInvitation(ctx().dataSource, closedRound)).token}?lang=en`);
    expect(closed.status).to.equal(410);
    expect(closed.text).to.contain('The questionnaire is closed');

    const opensAt = new Date('2026-04-01T06:00:00Z');
    const laterRound = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: round.projectId, status: 'scheduled', opensAt });
    const later = await request(ctx().app).get(`/s/${(await buildInvitation(ctx().dataSource, laterRound)).token}`);
    expect(later.status).to.equal(403);
    expect(later.text).to.contain('1. april 2026 kl. 08.00');
  });

  it('shows an error page, not a stack trace, for unknown pages', async () => {
    const res = await request(ctx().app).get('/no/such/page').set('accept', 'text/html');
    expect(res.status).to.equal(404);
    expect(res.text).to.contain('<html');
    expect(res.text).to.not.contain('at ');
  });
});
