import { expect } from 'chai';
import request from 'supertest';
import { Invitation, Project, ProjectGroup, Respondent, type Round } from '../../src/db/entities/index.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

type Who = { municipality: string; group?: string } | { selfCode: string };

/** The differencing attacks of issue 11, each a view a lead could subtract from another (k = 5). */
describeWithEachDatabase('differencing across views a lead may request', testDatabases, (ctx: () => TestContext) => {
  let counter = 0;

  async function project(roundLabels: string[]): Promise<{ id: number; rounds: Round[] }> {
    const created = await buildProject(ctx().dataSource, { name: `Differencing ${++counter}`, anonymityK: 5, reportableAttributes: JSON.stringify(['municipality', 'group']) });
    const rounds: Round[] = [];
    for (const [i, label] of roundLabels.entries()) rounds.push(await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: created.id, label, questionnaireId: i === 0 ? 'hir-start' : 'hir-end' }));
    return { id: created.id, rounds };
  }

  /** One person (a registry caseworker, or an open-link respondent with a code per round) submitting the given rounds. */
  async function answer(projectId: number, who: Who, rounds: Round[], codes?: string[]): Promise<void> {
    const respondent = 'municipality' in who
      ? await ctx().dataSource.getRepository(Respondent).save({ projectId, name: `Person ${++counter}`, email: `d${counter}@example.dk`, municipality: who.municipality, team: 'T', role: null, groupName: who.group ?? 'Forsøg', active: true, externalId: null, language: null, erasedAt: null })
      : null;
    const submissions = new SubmissionService(ctx().dataSource, ctx().catalog, () => ctx().clock.now());
    for (const [i, round] of rounds.entries()) {
      const token = generateInvitationToken();
      await ctx().dataSource.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent?.id ?? null, selfCode: respondent ? null : (codes?.[i] ?? (who as { selfCode: string }).selfCode), tokenHash: hashInvitationToken(token), openedAt: null });
      await submissions.submit(token, buildValidAnswers(ctx().catalog.byVersion(round.questionnaireVersionId)!.questionnaire), { language: 'da' });
    }
  }

  async function people(projectId: number, count: number, who: Who, rounds: Round[]): Promise<void> {
    for (let i = 0; i < count; i++) await answer(projectId, who, rounds);
  }

  let lead: SignedIn;
  const comparison = (projectId: number, query: string) => request(ctx().app).get(`/api/projects/${projectId}/comparison?${query}`).set('authorization', `Bearer ${lead.apiToken}`);
  const dashboard = (projectId: number, query: string) => lead.agent.get(`/projects/${projectId}/dashboard?${query}`);
  const allowLead = async (projectId: number) => {
    lead = await signIn(ctx(), { role: 'lead', projectIds: [projectId] });
  };

  it('refuses pairs R1–R3 when pairs R1–R2 hold 1 to k − 1 more: the people who skipped R3', async () => {
    const p = await project(['R1', 'R2', 'R3']);
    const [r1, r2, r3] = p.rounds as [Round, Round, Round];
    await people(p.id, 20, { municipality: 'm1' }, [r1, r2, r3]);
    await people(p.id, 2, { municipality: 'm1' }, [r1, r2]);
    await allowLead(p.id);
    const r1r2 = await comparison(p.id, `baseline=${r1.id}&followup=${r2.id}&paired=true`);
    expect(r1r2.status, JSON.stringify(r1r2.body).slice(0, 300)).to.equal(200);
    expect(r1r2.body.n.paired).to.equal(22);
    const r1r3 = await comparison(p.id, `baseline=${r1.id}&followup=${r3.id}&paired=true`);
    expect(r1r3.status).to.equal(400);
    expect(r1r3.body.error.code).to.equal('segment_differencing');
    expect(r1r3.body.error.message).to.contain('2 af udsnittets personer svarede i R1 men ikke i R3');
    // Either order, and the dashboard too.
    expect((await comparison(p.id, `baseline=${r3.id}&followup=${r1.id}&paired=true`)).status).to.equal(400);
    const page = await dashboard(p.id, `baseline=${r1.id}&followup=${r3.id}&paired=true`);
    expect(page.status).to.equal(400);
    expect(page.text).to.contain('Vælg &quot;alle besvarelser&quot; eller et større udsnit');
    // Everyone of R1 and of R3 hides no one: 22 and 20, and no view in between.
    expect((await comparison(p.id, `baseline=${r1.id}&followup=${r3.id}&paired=false`)).status).to.equal(200);
  });

  for (const skipped of [1, 4, 5]) {
    it(`${skipped < 5 ? 'refuses' : 'allows'} "pairs only" of a segment when ${skipped} of its people skipped the follow-up (k = 5)`, async () => {
      const p = await project(['START', 'SLUT']);
      const [start, end] = p.rounds as [Round, Round];
      await people(p.id, 8, { municipality: 'm1' }, [start, end]);
      await people(p.id, skipped, { municipality: 'm1' }, [start]);
      await people(p.id, 10, { municipality: 'm2' }, [start, end]);
      await allowLead(p.id);
      const expected = skipped < 5 ? 400 : 200;
      for (const query of [`municipality=m1&paired=true`, `paired=true`]) {
        const res = await comparison(p.id, `baseline=${start.id}&followup=${end.id}&${query}`);
        expect(res.status, query).to.equal(expected);
        if (expected === 400) expect(res.body.error.code).to.equal('segment_differencing');
        expect((await dashboard(p.id, `baseline=${start.id}&followup=${end.id}&${query}`)).status, `dashboard ${query}`).to.equal(expected);
      }
      // All respondents of the segment stay available: nothing lies between them and a larger view.
      expect((await comparison(p.id, `baseline=${start.id}&followup=${end.id}&municipality=m1&paired=false`)).status).to.equal(200);
    });
  }

  // With codes typed alike, the old guard saw the two open-link people; with one element typed
  // differently in the follow-up, it counted each as two people of one round each (it matched codes
  // exactly), while the comparison pairs them: m1&m2 came out as everyone's pairs minus those two.
  for (const [label, codes] of [['the same codes in both rounds', [['K-07-1-S', 'K-07-1-S'], ['M-21-0-A', 'M-21-0-A']]], ['codes misremembered in one element', [['K-07-1-S', 'K-07-2-S'], ['M-21-0-A', 'N-21-0-A']]]] as const) {
    it(`refuses every municipality listed (m1&m2) when it leaves out two open-link answers (${label})`, async () => {
      const p = await project(['START', 'SLUT']);
      const [start, end] = p.rounds as [Round, Round];
      await people(p.id, 10, { municipality: 'm1' }, [start, end]);
      await people(p.id, 10, { municipality: 'm2' }, [start, end]);
      for (const personCodes of codes) await answer(p.id, { selfCode: personCodes[0] }, [start, end], [...personCodes]);
      await allowLead(p.id);
      const everyone = await comparison(p.id, `baseline=${start.id}&followup=${end.id}&paired=true`);
      expect(everyone.status).to.equal(200);
      expect(everyone.body.n.paired, 'the analysis pairs both open-link respondents').to.equal(22);
      for (const paired of [true, false]) {
        const query = `baseline=${start.id}&followup=${end.id}&paired=${paired}&municipality=m1&municipality=m2`;
        const res = await comparison(p.id, query);
        expect(res.status, query).to.equal(400);
        expect(res.body.error.code).to.equal('segment_differencing');
        expect((await dashboard(p.id, query)).status, `dashboard ${query}`).to.equal(400);
      }
    });
  }

  it('leaves out the difference in differences when its intervention or control cell could be differenced', async () => {
    const p = await project(['START', 'SLUT']);
    const [start, end] = p.rounds as [Round, Round];
    await ctx().dataSource.getRepository(ProjectGroup).save([{ projectId: p.id, name: 'Forsøg', kind: 'intervention' }, { projectId: p.id, name: 'Kontrol', kind: 'control' }]);
    await people(p.id, 6, { municipality: 'm1', group: 'Forsøg' }, [start, end]);
    await people(p.id, 6, { municipality: 'm1', group: 'Kontrol' }, [start, end]);
    await people(p.id, 2, { municipality: 'm2', group: 'Forsøg' }, [start, end]);
    await people(p.id, 6, { municipality: 'm2', group: 'Kontrol' }, [start, end]);
    await allowLead(p.id);
    const rounds = `baseline=${start.id}&followup=${end.id}&paired=true`;
    // m1's intervention cell (6) is the intervention group (8) but 2: shown as a cell of m1's
    // difference in differences, it could be subtracted from the intervention group's own view.
    expect((await comparison(p.id, `${rounds}&municipality=m1&group=Forsøg`)).status).to.equal(400);
    const m1 = await comparison(p.id, `${rounds}&municipality=m1`);
    expect(m1.status).to.equal(200);
    expect(m1.body.differenceInDifferences).to.equal(null);
    const everyone = await comparison(p.id, rounds);
    expect(everyone.status).to.equal(200);
    expect(everyone.body.differenceInDifferences.items.length).to.be.greaterThan(0);
  });

  it('counts every round of the project, not only the two asked for', async () => {
    // A lead who may not filter at all: pairs START–SLUT is everyone of START but 2 (who answered START and OPFØLGNING only).
    const p = await project(['START', 'SLUT', 'OPFØLGNING']);
    const [start, end, later] = p.rounds as [Round, Round, Round];
    await people(p.id, 10, { municipality: 'm1' }, [start, end, later]);
    await people(p.id, 2, { municipality: 'm1' }, [start, later]);
    await ctx().dataSource.getRepository(Project).update(p.id, { reportableAttributes: '[]' });
    await allowLead(p.id);
    const res = await comparison(p.id, `baseline=${start.id}&followup=${end.id}&paired=true`);
    expect(res.status).to.equal(400);
    expect(res.body.error.message).to.contain('svarede i START men ikke i SLUT');
  });
});
