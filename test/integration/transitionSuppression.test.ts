import { expect } from 'chai';
import request from 'supertest';
import type { ScaleItemComparison } from '../../src/analysis/scaleItemComparison.js';
import { Invitation, Respondent, type Round } from '../../src/db/entities/index.js';
import type { Scale } from '../../src/questionnaires/types.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';
import { problemsOf } from '../support/transitionAttack.js';

const K = 3;
/**
 * Baseline → follow-up answer of each of 17 caseworkers to two statements. The first is the table
 * whose three hidden cells the old suppression gave back (4→3 = 1 hidden, 4→4 and 1→4 as its
 * complements, all three recoverable from the margins and Wilcoxon's n and V). In the second,
 * the distributions and the tests alone pin 1→1, 1→2 and 2→1, so no suppression can protect it.
 */
const TABLES: Record<string, [from: number, to: number, count: number][]> = {
  opp_plan_no_passive: [[4, 4, 3], [4, 3, 1], [1, 4, 8], [9, 1, 5]],
  opp_know_situation: [[1, 1, 1], [1, 2, 2], [2, 1, 1], [5, 5, 4], [4, 4, 4], [4, 5, 2], [9, 4, 3]],
};

describeWithEachDatabase('transition tables through the comparison API: suppressed cells cannot be solved back', testDatabases, (ctx: () => TestContext) => {
  let lead: SignedIn;
  let project: { id: number; start: Round; end: Round };
  before(async () => {
    const now = ctx().clock.now();
    const { id } = await buildProject(ctx().dataSource, { name: 'Overgange', anonymityK: K });
    const start = await buildRound(ctx().dataSource, ctx().catalog, now, { projectId: id, label: 'START', questionnaireId: 'hir-start' });
    const end = await buildRound(ctx().dataSource, ctx().catalog, now, { projectId: id, label: 'END', questionnaireId: 'hir-end' });
    project = { id, start, end };
    const submissions = new SubmissionService(ctx().dataSource, ctx().catalog, () => now);
    const people = Object.values(TABLES)[0]!.reduce((n, [, , count]) => n + count, 0);
    const answerOf = (itemId: string, person: number, side: 0 | 1) => TABLES[itemId]!.flatMap(([from, to, count]) => Array<number>(count).fill(side === 0 ? from : to))[person]!;
    for (let person = 0; person < people; person++) {
      const respondent = await ctx().dataSource.getRepository(Respondent).save({
        projectId: id, name: `Person ${person}`, email: `overgang${id}-${person}@example.dk`, municipality: 'Aarhus', team: 'Team 1', role: null,
        groupName: null, active: true, externalId: null, language: null, erasedAt: null,
      });
      for (const [side, round] of [start, end].entries()) {
        const token = generateInvitationToken();
        await ctx().dataSource.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent.id, tokenHash: hashInvitationToken(token), openedAt: null });
        const questionnaire = ctx().catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
        const answers = Object.fromEntries(Object.keys(TABLES).map((itemId) => [itemId, answerOf(itemId, person, side as 0 | 1)]));
        await submissions.submit(token, buildValidAnswers(questionnaire, answers), { language: 'da' });
      }
    }
    lead = await signIn(ctx(), { role: 'lead', projectIds: [id] });
  });

  const comparison = async () => {
    const res = await request(ctx().app).get(`/api/projects/${project.id}/comparison?baseline=${project.start.id}&followup=${project.end.id}&paired=true`).set('authorization', `Bearer ${lead.apiToken}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
    return res.body as { scaleItems: ScaleItemComparison[] };
  };
  const scale = (): Scale => ctx().catalog.byVersion(project.start.questionnaireVersionId)!.questionnaire.scales.agree5!;
  const truthOf = (itemId: string) => new Map(TABLES[itemId]!.map(([from, to, count]) => [`${from},${to}`, count]));

  it('shows the table the old suppression gave away, with complements that keep every small cell undetermined', async () => {
    const item = (await comparison()).scaleItems.find((s) => s.itemId === 'opp_plan_no_passive')!;
    const codes = scale().options.map((o) => o.code);
    expect(problemsOf(item, scale(), truthOf('opp_plan_no_passive'), codes, K)).to.deep.equal([]);
    expect(item.transitions!.every((cell) => cell.count >= K)).to.equal(true);
    expect(item.hiddenTransitions).to.deep.include({ from: 4, to: 3 });
    expect(item.suppressedTransitions).to.equal(item.hiddenTransitions!.length);
  });

  it('withholds a table no suppression can protect, and says so on the dashboard', async () => {
    const body = await comparison();
    const codes = scale().options.map((o) => o.code);
    for (const item of body.scaleItems.filter((s) => s.pairedN !== null && s.itemId in TABLES)) {
      expect(problemsOf(item, scale(), truthOf(item.itemId), codes, K), item.itemId).to.deep.equal([]);
    }
    const withheld = body.scaleItems.find((s) => s.itemId === 'opp_know_situation')!;
    expect(withheld.transitionsWithheld!.reason).to.match(/^for få svar ville kunne udledes/);
    expect(withheld).to.not.have.any.keys('transitions', 'hiddenTransitions');

    // The "ved ikke" section (where did the baseline "ved ikke" answers go?) says why this row is missing.
    const page = await lead.agent.get(`/projects/${project.id}/dashboard?baseline=${project.start.id}&followup=${project.end.id}&paired=true`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Celler med færre end 3 svar vises ikke, og heller ikke de celler, der ellers ville kunne afsløre dem.');
    expect(page.text.match(/<tr data-withheld><th scope="row">[^<]+<\/th><td colspan="2">Tabellen vises ikke, fordi for få svar ville kunne udledes\.<\/td><\/tr>/g)).to.have.length(1);
  });
});
