import { expect } from 'chai';
import request from 'supertest';
import { Answer, Invitation, Project, Respondent, Response, type Round } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { answerableItemById } from '../../src/questionnaires/answerableItems.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

interface Point { n: number | null; estimate: number | null; lower?: number; upper?: number; suppressed?: true }
interface Line { group: string; points: Point[] }

describeWithEachDatabase('GET /api/projects/:projectId/trend', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let demo: { projectId: number; roundIds: number[] };
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    demo = await createDemoProject(ctx().deps, { respondents: 60, seed: 11, responseRate: 0.85, name: 'Tre runder', rounds: 3 });
  });
  const trend = (projectId: number, query: string, who: SignedIn = admin) => request(ctx().app).get(`/api/projects/${projectId}/trend?${query}`).set('authorization', `Bearer ${who.apiToken}`);

  it('gives the top-2 share per round of the people who answered every round, as the stored answers say, with the tests across rounds', async () => {
    const res = await trend(demo.projectId, `rounds=${demo.roundIds.join(',')}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
    expect(res.body.rounds.map((r: { label: string }) => r.label)).to.deep.equal(['R1', 'R2', 'R3']);
    const responses = await ctx().dataSource.getRepository(Response).find({ where: demo.roundIds.map((roundId) => ({ roundId })) });
    const answeredBy = (roundId: number) => new Set(responses.filter((r) => r.roundId === roundId).map((r) => r.respondentId));
    const everyRound = [...answeredBy(demo.roundIds[0]!)].filter((id) => demo.roundIds.every((roundId) => answeredBy(roundId).has(id)));
    expect(res.body.n).to.deep.equal({ counted: demo.roundIds.map((id) => answeredBy(id).size), everyRound: everyRound.length });

    const statement = res.body.statements.find((s: { itemId: string }) => s.itemId === 'opp_plan_no_passive');
    const item = answerableItemById(ctx().catalog.latest('hir-start')!.questionnaire, 'opp_plan_no_passive') as { scale: { topBox: number[] } };
    const answers = await ctx().dataSource.getRepository(Answer).find({ where: demo.roundIds.map((roundId) => ({ roundId, itemId: 'opp_plan_no_passive' })) });
    const person = new Map(responses.map((r) => [r.id, r.respondentId]));
    const all = statement.lines.find((l: Line) => l.group === 'all') as Line;
    demo.roundIds.forEach((roundId, i) => {
      const codes = answers.filter((a) => a.roundId === roundId && everyRound.includes(person.get(a.responseId)!)).map((a) => a.valueCode!);
      expect(all.points[i]!.n).to.equal(codes.length);
      expect(all.points[i]!.estimate).to.be.closeTo(codes.filter((c) => item.scale.topBox.includes(c)).length / codes.length, 1e-12);
      expect(all.points[i]!.lower).to.be.at.most(all.points[i]!.estimate!);
    });
    expect(statement.lines.map((l: Line) => l.group)).to.deep.equal(['all', 'intervention', 'control']);
    expect(statement.tests.top2.test).to.equal("Cochran's Q");
    expect(statement.tests.ordinal.test).to.equal('Friedman');
    expect(statement.tests.ordinal.pairs).to.have.length(3);
    expect(statement.tests.ordinal.pHolm).to.be.at.least(statement.tests.ordinal.pValue);
    expect(res.body.measures.map((m: { id: string }) => m.id)).to.include.members(['caseload', 'belief_job_ratio']);
  });

  it('withholds every figure of fewer than k answers (here: each group of 30 at k = 40)', async () => {
    await ctx().dataSource.getRepository(Project).update(demo.projectId, { anonymityK: 40 });
    try {
      const res = await trend(demo.projectId, `rounds=${demo.roundIds.join(',')}&paired=false`);
      expect(res.status).to.equal(200);
      let shown = 0;
      for (const chart of [...res.body.statements, ...res.body.measures]) {
        for (const line of chart.lines as Line[]) {
          for (const point of line.points) {
            if (line.group !== 'all' || point.n === null) expect(point).to.deep.equal({ n: null, estimate: null, suppressed: true, reason: 'færre end 40 svar (fewer than 40 answers)' });
            else expect(point.n).to.be.at.least(40) && shown++;
          }
        }
      }
      expect(shown).to.be.greaterThan(10);
    } finally {
      await ctx().dataSource.getRepository(Project).update(demo.projectId, { anonymityK: 5 });
    }
  });

  it('refuses an unknown filter value, one round, a round twice and a round of another project', async () => {
    const unknown = await trend(demo.projectId, `rounds=${demo.roundIds.join(',')}&municipality=aarhus`);
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.code).to.equal('unknown_segment_value');
    expect(unknown.body.error.message).to.contain('Ukendt værdi i filteret: kommune „aarhus“');
    expect((await trend(demo.projectId, `rounds=${demo.roundIds[0]}`)).status).to.equal(400);
    expect((await trend(demo.projectId, `rounds=${demo.roundIds[0]},${demo.roundIds[0]}`)).body.error.message).to.contain('højst én gang');
    const other = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    expect((await trend(demo.projectId, `rounds=${demo.roundIds[0]},${other.id}`)).status).to.equal(404);
  });

  it('offers three or more rounds only in a project of at most 8 rounds (the guard counts every set of them)', async () => {
    const project = await buildProject(ctx().dataSource, { name: 'Månedlig' });
    const rounds: Round[] = [];
    for (let i = 1; i <= 9; i++) rounds.push(await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: project.id, label: `M${i}` }));
    const three = await trend(project.id, `rounds=${rounds.slice(0, 3).map((r) => r.id).join(',')}`);
    expect(three.status).to.equal(400);
    expect(three.body.error.code).to.equal('trend_too_many_rounds');
    expect((await trend(project.id, `rounds=${rounds.slice(0, 2).map((r) => r.id).join(',')}`)).status).to.equal(200);
  });

  describe('a lead', () => {
    let counter = 0;
    /** A project with R1–R3 (hir-start each) and `everyRound` people of group Forsøg answering all three, plus `skippedR3` answering R1 and R2. */
    async function project(everyRound: number, skippedR3: number): Promise<{ id: number; rounds: Round[] }> {
      const created = await buildProject(ctx().dataSource, { name: `Trend ${++counter}`, anonymityK: 5, reportableAttributes: JSON.stringify(['municipality', 'group']) });
      const rounds: Round[] = [];
      for (const label of ['R1', 'R2', 'R3']) rounds.push(await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: created.id, label }));
      const submissions = new SubmissionService(ctx().dataSource, ctx().catalog, () => ctx().clock.now());
      for (let i = 0; i < everyRound + skippedR3; i++) {
        const respondent = await ctx().dataSource.getRepository(Respondent).save({ projectId: created.id, name: `P ${i}`, email: `t${created.id}-${i}@example.dk`, municipality: 'm1', team: 'T', role: null, groupName: 'Forsøg', active: true, externalId: null, language: null, erasedAt: null });
        for (const round of i < everyRound ? rounds : rounds.slice(0, 2)) {
          const token = generateInvitationToken();
          await ctx().dataSource.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent.id, tokenHash: hashInvitationToken(token), openedAt: null });
          await submissions.submit(token, buildValidAnswers(ctx().catalog.byVersion(round.questionnaireVersionId)!.questionnaire), { language: 'da' });
        }
      }
      return { id: created.id, rounds };
    }

    it('sees the trend of their project, and is refused when the people who skipped R3 could be subtracted', async () => {
      const safe = await project(8, 0);
      const risky = await project(8, 2);
      const lead = await signIn(ctx(), { role: 'lead', projectIds: [safe.id, risky.id] });
      const ids = (p: { rounds: Round[] }) => p.rounds.map((r) => r.id).join(',');
      const shown = await trend(safe.id, `rounds=${ids(safe)}`, lead);
      expect(shown.status, JSON.stringify(shown.body).slice(0, 300)).to.equal(200);
      expect(shown.body.n.everyRound).to.equal(8);

      const refused = await trend(risky.id, `rounds=${ids(risky)}&paired=true`, lead);
      expect(refused.status).to.equal(400);
      expect(refused.body.error.code, refused.body.error.message).to.equal('segment_differencing');
      expect(refused.body.error.message).to.contain('2 af udsnittets personer svarede i R1 men ikke i både R2 og R3');
      // Everyone of each round hides no one: 10, 10 and 8, with no view in between.
      expect((await trend(risky.id, `rounds=${ids(risky)}&paired=false`, lead)).status).to.equal(200);

      const stranger = await signIn(ctx(), { role: 'lead', projectIds: [safe.id] });
      expect((await trend(risky.id, `rounds=${ids(risky)}`, stranger)).status).to.be.oneOf([403, 404]);
    });
  });
});
