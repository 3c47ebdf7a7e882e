import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { Invitation, ProjectGroup, Respondent, type Round } from '../../src/db/entities/index.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn } from '../support/auth.js';
import { buildProject, buildRound } from '../support/builders.js';
import { allFilters, responsesOf, shownPopulations, smallDifferences, type ShownView } from '../support/differencingModel.js';
import { randomProject, type RandomProject } from '../support/randomProjects.js';
import type { SegmentValues } from '../../src/analysis/segmentDifferencing.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** Every comparison a lead may ask for: pairs in either order, and all respondents of two rounds. */
const requestsOf = (project: RandomProject) => project.rounds.flatMap((b) => project.rounds.filter((f) => f !== b).flatMap((f) => [{ b, f, paired: true }, ...(b < f ? [{ b, f, paired: false }] : [])]));

/**
 * The differencing property end to end: a few random projects stored on each driver, every
 * comparison a lead may request asked over HTTP, and among the answered ones no two shown
 * populations of a round differ by 1 to k − 1. Who a comparison shows is computed beside it with
 * the analysis's own functions, and checked against the Ns it reports.
 */
describeWithEachDatabase('differencing property over HTTP', testDatabases, (ctx: () => TestContext) => {
  async function store(project: RandomProject): Promise<{ projectId: number; roundOf: Map<number, Round> }> {
    const { dataSource, catalog, clock } = ctx();
    const created = await buildProject(dataSource, { name: 'Tilfældigt projekt', anonymityK: project.k, reportableAttributes: JSON.stringify(project.filterable) });
    await dataSource.getRepository(ProjectGroup).save([{ projectId: created.id, name: 'Forsøg', kind: 'intervention' }, { projectId: created.id, name: 'Kontrol', kind: 'control' }]);
    const roundOf = new Map<number, Round>();
    for (const round of project.rounds) roundOf.set(round, await buildRound(dataSource, catalog, clock.now(), { projectId: created.id, label: `R${round}`, questionnaireId: round === 1 ? 'hir-start' : 'hir-end' }));
    const submissions = new SubmissionService(dataSource, catalog, () => clock.now());
    const submit = async (round: number, respondentId: number | null, selfCode: string | null) => {
      const token = generateInvitationToken();
      await dataSource.getRepository(Invitation).save({ roundId: roundOf.get(round)!.id, respondentId, selfCode, tokenHash: hashInvitationToken(token), openedAt: null });
      await submissions.submit(token, buildValidAnswers(catalog.byVersion(roundOf.get(round)!.questionnaireVersionId)!.questionnaire), { language: 'da' });
    };
    for (const [p, person] of project.people.entries()) {
      const respondent = await dataSource.getRepository(Respondent).save({ projectId: created.id, name: `Person ${p}`, email: `prop${created.id}-${p}@example.dk`, municipality: person.municipality, team: person.team, groupName: person.group, role: null, active: true, externalId: null, language: null, erasedAt: null });
      // One invitation per caseworker and round: a registry duplicate cannot be stored (the analysis would keep the latest anyway).
      for (const [i, round] of project.rounds.entries()) if (person.submissions[i]! > 0) await submit(round, respondent.id, null);
    }
    for (const [i, codes] of project.openLink.entries()) for (const code of codes) await submit(project.rounds[i]!, null, code);
    return { projectId: created.id, roundOf };
  }

  it('holds for random projects: every request answered or refused, no two answered views differ by 1 to k − 1', async function () {
    this.timeout(600_000);
    const small = randomProject().filter((p) => allFilters(p).length * requestsOf(p).length <= 60);
    let answered = 0;
    let refused = 0;
    await fc.assert(fc.asyncProperty(small, async (project) => {
      const { projectId, roundOf } = await store(project);
      const lead = await signIn(ctx(), { role: 'lead', projectIds: [projectId] });
      const responses = responsesOf(project);
      const shown: ShownView[] = [];
      for (const filter of allFilters(project)) {
        for (const { b, f, paired } of requestsOf(project)) {
          const query = new URLSearchParams({ baseline: String(roundOf.get(b)!.id), followup: String(roundOf.get(f)!.id), paired: String(paired) });
          for (const [attribute, values] of Object.entries(filter)) for (const value of values!) query.append(attribute, value);
          const res = await request(ctx().app).get(`/api/projects/${projectId}/comparison?${query}`).set('authorization', `Bearer ${lead.apiToken}`);
          const label = `${JSON.stringify(filter)} ${b}→${f} paired=${paired}`;
          if (res.status === 400 && res.body.error.code === 'segment_differencing') {
            refused++;
            continue;
          }
          expect(res.status, `${label}: ${JSON.stringify(res.body).slice(0, 200)}`).to.equal(200);
          answered++;
          const shownBy = (segment: SegmentValues) => (paired ? [shownPopulations(responses, segment, [b, f])[0]!] : [...shownPopulations(responses, segment, [b]), ...shownPopulations(responses, segment, [f])]);
          const populations = shownBy(filter);
          const sizes = populations.map((population) => [...population.values()][0]!.size);
          expect(paired ? [res.body.n.paired] : [res.body.n.baseline, res.body.n.followUp], label).to.deep.equal(sizes);
          for (const population of populations) for (const [round, ids] of population) shown.push({ label, round, ids });
          // The difference in differences shows figures of the intervention and the control cell.
          if (res.body.differenceInDifferences !== null) {
            for (const name of ['Forsøg', 'Kontrol']) {
              if (filter.group && !filter.group.includes(name)) continue;
              for (const population of shownBy({ ...filter, group: [name] })) for (const [round, ids] of population) shown.push({ label: `${label} cell ${name}`, round, ids });
            }
          }
        }
      }
      expect(smallDifferences(shown, project.k).found, JSON.stringify(project)).to.deep.equal([]);
    }), { numRuns: 6, seed: 11 });
    expect(answered, 'requests answered').to.be.greaterThan(0);
    expect(refused, 'requests refused').to.be.greaterThan(0);
  });
});
