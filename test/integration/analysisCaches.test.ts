import { expect } from 'chai';
import request from 'supertest';
import { Invitation, Respondent, type Round } from '../../src/db/entities/index.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/**
 * The differencing guard's participation and the trend are kept per process like comparisons
 * (participationCache.ts, trendService.ts): submissions made past the HTTP API (SubmissionService
 * directly, as another instance or an import would) must show in the next answer, and one
 * filter's decision or figures must never be served for another's.
 */
describeWithEachDatabase('the guard and trend caches', testDatabases, (ctx: () => TestContext) => {
  let counter = 0;
  let lead: SignedIn;
  let projectId: number;
  let rounds: [Round, Round, Round];

  /** People of a municipality who answer the given rounds, submitted without the app's routes. */
  async function people(count: number, municipality: string, answered: Round[]): Promise<void> {
    const submissions = new SubmissionService(ctx().dataSource, ctx().catalog, () => ctx().clock.now());
    for (let p = 0; p < count; p++) {
      const respondent = await ctx().dataSource.getRepository(Respondent).save({ projectId, name: `Person ${++counter}`, email: `c${counter}@example.dk`, municipality, team: 'T', role: null, groupName: 'Forsøg', active: true, externalId: null, language: null, erasedAt: null });
      for (const round of answered) {
        const token = generateInvitationToken();
        await ctx().dataSource.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent.id, selfCode: null, tokenHash: hashInvitationToken(token), openedAt: null });
        await submissions.submit(token, buildValidAnswers(ctx().catalog.byVersion(round.questionnaireVersionId)!.questionnaire), { language: 'da' });
      }
    }
  }
  const comparison = (query: string) => request(ctx().app).get(`/api/projects/${projectId}/comparison?${query}`).set('authorization', `Bearer ${lead.apiToken}`);
  const pairsR1R3 = (municipality: string) => comparison(`baseline=${rounds[0].id}&followup=${rounds[2].id}&paired=true&municipality=${municipality}`);
  const trend = (query: string) => request(ctx().app).get(`/api/projects/${projectId}/trend?rounds=${rounds.map((r) => r.id).join(',')}&${query}`).set('authorization', `Bearer ${lead.apiToken}`);

  before(async () => {
    const project = await buildProject(ctx().dataSource, { name: 'Caches', anonymityK: 5, reportableAttributes: JSON.stringify(['municipality']) });
    projectId = project.id;
    rounds = [] as unknown as [Round, Round, Round];
    for (const [i, label] of ['R1', 'R2', 'R3'].entries()) rounds.push(await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId, label, questionnaireId: i === 0 ? 'hir-start' : 'hir-end' }));
    await people(20, 'm1', rounds);
    await people(20, 'm2', rounds);
    await people(2, 'm2', [rounds[0], rounds[1]]);
    lead = await signIn(ctx(), { role: 'lead', projectIds: [projectId] });
  });

  it('refuses and allows each municipality by its own people, asked in turn', async () => {
    for (let turn = 0; turn < 2; turn++) {
      // m2's pairs R1–R3 leave out 2 people that its pairs R1–R2 hold; m1 has no one in between.
      const m1 = await pairsR1R3('m1');
      expect(m1.status, JSON.stringify(m1.body).slice(0, 300)).to.equal(200);
      expect(m1.body.n.paired).to.equal(20);
      const m2 = await pairsR1R3('m2');
      expect(m2.status).to.equal(400);
      expect(m2.body.error.code).to.equal('segment_differencing');
      expect(m2.body.error.message).to.contain('2 af udsnittets personer svarede i R1 men ikke i R3');
    }
  });

  it('decides anew after submissions made past the API, both ways', async () => {
    expect((await pairsR1R3('m1')).status).to.equal(200);
    // Two of m1 who skip R3: m1's pairs R1–R3 could now be subtracted from its pairs R1–R2.
    await people(2, 'm1', [rounds[0], rounds[1]]);
    const refused = await pairsR1R3('m1');
    expect(refused.status).to.equal(400);
    expect(refused.body.error.message).to.contain('2 af udsnittets personer svarede i R1 men ikke i R3');
    // Three more make it k = 5 people: nothing below k is left to recover.
    await people(3, 'm1', [rounds[0], rounds[1]]);
    const allowed = await pairsR1R3('m1');
    expect(allowed.status, JSON.stringify(allowed.body).slice(0, 300)).to.equal(200);
    expect(allowed.body.n.paired).to.equal(20);
  });

  it('gives each filter its own trend, and counts a later submission', async () => {
    const everyone = async (municipality: string) => {
      const res = await trend(`paired=false&municipality=${municipality}`);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
      expect(res.body.filter).to.deep.equal({ municipality: [municipality] });
      return res.body.n.counted as number[];
    };
    const m1 = await everyone('m1');
    const m2 = await everyone('m2');
    expect(m1).to.deep.equal([25, 25, 20]);
    expect(m2).to.deep.equal([22, 22, 20]);
    expect(await everyone('m1')).to.deep.equal(m1);
    expect(await everyone('m2')).to.deep.equal(m2);
    await people(1, 'm2', rounds);
    expect(await everyone('m2')).to.deep.equal([23, 23, 21]);
    expect(await everyone('m1')).to.deep.equal(m1);
  });
});
