import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { Draft, Respondent, Response } from '../../src/db/entities/index.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('personal links of deactivated caseworkers, and their limits', testDatabases, (ctx: () => TestContext) => {
  const answers = () => buildValidAnswers(ctx().catalog.latest('hir-start')!.questionnaire);

  it('a deactivated caseworker\'s link says it is no longer active and saves nothing, on the form and in the API', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { token, invitation, respondent } = await buildInvitation(ctx().dataSource, round);
    // A draft saved while the person was active is not shown afterwards either.
    expect((await request(ctx().app).put(`/api/drafts/${token}`).send({ values: { comment: 'Før' } })).status).to.equal(200);
    await ctx().dataSource.getRepository(Respondent).update(respondent.id, { active: false });

    const page = await request(ctx().app).get(`/s/${token}`);
    expect(page.status).to.equal(410);
    expect(page.text).to.contain('Linket er ikke længere aktivt').and.not.contain('Før');
    const saved = await request(ctx().app).post(`/s/${token}`).type('form').send({ comment: 'Gemt?', action: 'save' });
    expect(saved.status).to.equal(410);
    expect(saved.text).to.contain('Linket er ikke længere aktivt');
    const submitted = await request(ctx().app).post(`/s/${token}`).type('form').send({ ...answersToFormValues(answers()), action: 'submit' });
    expect(submitted.status).to.equal(410);
    const draft = await request(ctx().app).put(`/api/drafts/${token}`).send({ values: { comment: 'Gemt?' } });
    expect(draft.status).to.equal(410);
    expect(draft.body.error).to.deep.include({ code: 'link_inactive' });
    expect(draft.body.error.message).to.contain('ikke længere aktivt');
    expect((await request(ctx().app).post(`/api/responses/${token}`).send({ answers: answers() })).status).to.equal(410);

    expect(await ctx().dataSource.getRepository(Response).countBy({ invitationId: invitation.id })).to.equal(0);
    expect(JSON.parse((await ctx().dataSource.getRepository(Draft).findOneByOrFail({ invitationId: invitation.id })).answers)).to.deep.equal({ comment: 'Før' });
    // Reactivated, the link works again.
    await ctx().dataSource.getRepository(Respondent).update(respondent.id, { active: true });
    expect((await request(ctx().app).post(`/api/responses/${token}`).send({ answers: answers() })).status).to.equal(201);
  });

  it('a personal link beyond its limit gets a Danish page, and the API a Danish message', async () => {
    const app = buildApp({ ...ctx().deps, config: { ...ctx().deps.config, submissionsPerMinute: 2 } });
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { token } = await buildInvitation(ctx().dataSource, round);
    for (let i = 0; i < 2; i++) { const r = await request(app).post(`/s/${token}`).type('form').send({ comment: 'x', action: 'save' }); expect(r.status, r.text).to.equal(303); }
    const page = await request(app).post(`/s/${token}`).type('form').send({ comment: 'x', action: 'save' });
    expect(page.status).to.equal(429);
    expect(page.text).to.contain('For mange forsøg lige nu').and.not.contain('Too many');
    for (let i = 0; i < 2; i++) expect((await request(app).put(`/api/drafts/${token}`).send({ values: { comment: 'x' } })).status).to.equal(200);
    const api = await request(app).put(`/api/drafts/${token}`).send({ values: { comment: 'x' } });
    expect(api.status).to.equal(429);
    expect(api.body.error.code).to.equal('rate_limited');
    expect(api.body.error.message).to.match(/^For mange forsøg/);
    // Another caseworker behind the same address is not affected.
    const other = await buildInvitation(ctx().dataSource, round);
    expect((await request(app).put(`/api/drafts/${other.token}`).send({ values: { comment: 'x' } })).status).to.equal(200);
  });
});
