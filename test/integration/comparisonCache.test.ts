import { expect } from 'chai';
import request from 'supertest';
import { Invitation, type Respondent, type Round } from '../../src/db/entities/index.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildProject, buildRespondent, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/**
 * Comparisons are kept per process (comparison/comparisonCache.ts); these tests change what a
 * comparison is computed from in each way the product allows and expect the next answer to show it.
 */
describeWithEachDatabase('a repeated comparison after its data changed', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let start: Round;
  let end: Round;
  let people: Respondent[];
  let lateToken: string;

  const invite = async (round: Round, respondent: Respondent) => {
    const token = generateInvitationToken();
    await ctx().dataSource.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent.id, tokenHash: hashInvitationToken(token), openedAt: null });
    return token;
  };
  const submit = async (round: Round, token: string) => {
    const questionnaire = ctx().catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    const res = await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  };
  const compare = async (query = '') => {
    const res = await request(ctx().app).get(`/api/projects/${start.projectId}/comparison?baseline=${start.id}&followup=${end.id}${query}`).set('authorization', `Bearer ${admin.apiToken}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
    return res.body as { n: { baseline: number; followUp: number; paired: number }; filter: Record<string, string[]> };
  };

  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    const project = await buildProject(ctx().dataSource, { anonymityK: 3 });
    start = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: project.id, questionnaireId: 'hir-start', label: 'START' });
    end = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: project.id, questionnaireId: 'hir-end', label: 'END' });
    people = [];
    for (let i = 0; i < 8; i++) people.push(await buildRespondent(ctx().dataSource, project.id, { municipality: i < 4 ? 'Aarhus' : 'Odense', team: i < 4 ? 'Team A' : 'Team B' }));
    for (const person of people) await submit(start, await invite(start, person));
    for (const person of people.slice(0, 7)) await submit(end, await invite(end, person));
    lateToken = await invite(end, people[7]!);
  });

  it('includes a response submitted after the first comparison', async () => {
    expect((await compare()).n).to.include({ baseline: 8, followUp: 7, paired: 7 });
    expect((await compare()).n).to.include({ paired: 7 });
    await submit(end, lateToken);
    expect((await compare()).n).to.include({ baseline: 8, followUp: 8, paired: 8 });
  });

  it('puts a caseworker moved to another municipality in the new segment', async () => {
    expect((await compare('&municipality=Aarhus')).n.baseline).to.equal(4);
    const moved = people[7]!;
    const res = await request(ctx().app).patch(`/api/projects/${start.projectId}/respondents/${moved.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ municipality: 'Aarhus', team: 'Team A' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect((await compare('&municipality=Aarhus')).n.baseline).to.equal(5);
    expect((await compare('&municipality=Odense')).n.baseline).to.equal(3);
  });

  it('echoes each request its own filter when the same segment is asked in another order', async () => {
    const first = await compare('&team=Team%20A&team=Team%20B');
    const second = await compare('&team=Team%20B&team=Team%20A');
    expect(second.n).to.deep.equal(first.n);
    expect(second.filter.team).to.deep.equal(['Team B', 'Team A']);
  });
});
