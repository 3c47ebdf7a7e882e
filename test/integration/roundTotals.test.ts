import { expect } from 'chai';
import { Draft } from '../../src/db/entities/index.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { roundMonitor, roundTotals } from '../../src/rounds/roundMonitor.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

// The dashboard's overview counts a round's whole participation with roundTotals instead of the
// monitor's per-unit GROUP BY; both must say the same of every round.
describeWithEachDatabase('a round\'s totals', testDatabases, (ctx: () => TestContext) => {
  it('are the monitor\'s totals: invited, submitted and rate, across units, drafts, opened links and empty rounds', async () => {
    const start = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const end = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: start.projectId, questionnaireId: 'hir-end' });
    const empty = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: start.projectId });
    const submissions = new SubmissionService(ctx().dataSource, ctx().catalog, ctx().clock.now);
    const units = [{ municipality: 'Aarhus', team: 'Team A' }, { municipality: 'aarhus', team: null }, { municipality: 'Køge', team: 'Team B', groupName: 'control' }];
    for (let i = 0; i < 9; i++) {
      for (const round of [start, end]) {
        if (round === end && i % 3 === 0) continue;
        const { token, invitation } = await buildInvitation(ctx().dataSource, round, units[i % units.length]);
        if (i % 2 === 0) await submissions.submit(token, buildValidAnswers(ctx().catalog.byVersion(round.questionnaireVersionId)!.questionnaire));
        else if (i % 3 === 1) await ctx().dataSource.getRepository(Draft).insert({ invitationId: invitation.id, answers: '{}', language: 'da', updatedAt: ctx().clock.now() });
      }
    }
    const ids = [start.id, end.id, empty.id];
    const [totals, monitors] = await Promise.all([roundTotals(ctx().dataSource, ids), roundMonitor(ctx().dataSource, ids)]);
    for (const id of ids) {
      const { invited, submitted, responseRate } = monitors.get(id)!.total;
      expect(totals.get(id), `round ${id}`).to.deep.equal({ invited, submitted, responseRate });
    }
    expect(totals.get(start.id)).to.deep.equal({ invited: 9, submitted: 5, responseRate: 5 / 9 });
    expect(totals.get(empty.id)).to.deep.equal({ invited: 0, submitted: 0, responseRate: null });
    expect((await roundTotals(ctx().dataSource, [])).size).to.equal(0);
  });
});
