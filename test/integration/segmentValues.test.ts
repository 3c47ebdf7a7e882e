import { expect } from 'chai';
import request from 'supertest';
import { Project, Respondent } from '../../src/db/entities/index.js';
import { ComparisonRepository } from '../../src/comparison/comparisonRepository.js';
import { participantGroups } from '../../src/projects/projectParticipants.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { roundMonitor } from '../../src/rounds/roundMonitor.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildAnonymityFixture, type AnonymityFixture } from '../support/anonymityFixture.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** A municipality whose Å decomposes under NFD (ø does not), so NFC and NFD spellings differ. */
const AABY = 'Nørre Åby';
/** What N%C3%B8rre%20A%CC%8Aby decodes to: A followed by a combining ring above. */
const AABY_NFD_RAW = 'Nørre A\u030Aby';

/**
 * The attacks of issue 11 on what a segment value means: a filter value that only a collation
 * (MariaDB's utf8mb4_unicode_ci ignores case and trailing spaces) or Unicode composition makes
 * equal to a stored value must not reach anyone; it is refused naming the value, on both drivers.
 */
describeWithEachDatabase('one meaning of a segment value', testDatabases, (ctx: () => TestContext) => {
  let fixture: AnonymityFixture;
  let lead: SignedIn;
  before(async () => {
    fixture = await buildAnonymityFixture(ctx().dataSource, ctx().catalog, ctx().clock.now());
    // Stored as the import stores it: NFC.
    await ctx().dataSource.getRepository(Respondent).update({ projectId: fixture.projectId, municipality: 'Odense' }, { municipality: AABY });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [fixture.projectId] });
  });
  const compare = (filter: [string, string][], paired = true) => {
    const params = new URLSearchParams({ baseline: String(fixture.start.id), followup: String(fixture.end.id), paired: String(paired) });
    for (const [attribute, value] of filter) params.append(attribute, value);
    return request(ctx().app).get(`/api/projects/${fixture.projectId}/comparison?${params.toString()}`).set('authorization', `Bearer ${lead.apiToken}`);
  };

  const attacks: { title: string; filter: [string, string][]; named: string[] }[] = [
    { title: 'another case (team=team 7)', filter: [['team', 'team 7']], named: ['team „team 7“'] },
    { title: 'a trailing space (team=Team 7%20)', filter: [['team', 'Team 7 ']], named: ['team „Team 7 “'] },
    { title: 'a leading and a doubled space', filter: [['team', ' Team  7']], named: ['team „ Team  7“'] },
    { title: 'the decomposed (NFD) spelling of a composed value', filter: [['municipality', AABY.normalize('NFD')]], named: [`kommune „${AABY.normalize('NFD')}“`] },
    { title: 'a role in capitals (role=KOORDINERENDE SAGSBEHANDLER)', filter: [['role', 'KOORDINERENDE SAGSBEHANDLER']], named: ['rolle „KOORDINERENDE SAGSBEHANDLER“'] },
    { title: 'a known value beside an unknown one', filter: [['municipality', 'Aarhus'], ['municipality', 'nørre åby']], named: ['kommune „nørre åby“'] },
    { title: 'several unknown values of several attributes', filter: [['team', 'TEAM 5'], ['group', 'forsøg']], named: ['team „TEAM 5“', 'gruppe „forsøg“'] },
  ];
  for (const attack of attacks) {
    it(`refuses ${attack.title} with 400 naming the value`, async () => {
      for (const paired of [true, false]) {
        const res = await compare(attack.filter, paired);
        expect(res.status).to.equal(400);
        expect(res.body.error.code).to.equal('unknown_segment_value');
        for (const named of attack.named) expect(res.body.error.message).to.contain(named);
      }
    });
  }

  it('refuses the same values written as raw query strings (%20, a combining ring, capitals)', async () => {
    for (const [query, named] of [['team=Team%207%20', 'team „Team 7 “'], ['team=team%207', 'team „team 7“'], ['municipality=N%C3%B8rre%20A%CC%8Aby', `kommune „${AABY_NFD_RAW}“`], ['role=KOORDINERENDE%20SAGSBEHANDLER', 'rolle „KOORDINERENDE SAGSBEHANDLER“']]) {
      const res = await request(ctx().app).get(`/api/projects/${fixture.projectId}/comparison?baseline=${fixture.start.id}&followup=${fixture.end.id}&${query}`).set('authorization', `Bearer ${lead.apiToken}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.error.code, query).to.equal('unknown_segment_value');
      expect(res.body.error.message, query).to.contain(named);
    }
  });

  it('answers a known value (the NFC spelling) as before, and a repeated value as the value once', async () => {
    // Municipalities only, so no smaller segment inside Nørre Åby can be subtracted from it.
    await ctx().dataSource.getRepository(Project).update(fixture.projectId, { reportableAttributes: JSON.stringify(['municipality']) });
    try {
      const once = await compare([['municipality', AABY]], false);
      const twice = await compare([['municipality', AABY], ['municipality', AABY]], false);
      expect(once.status, JSON.stringify(once.body.error)).to.equal(200);
      expect(once.body.n.baseline).to.equal(11);
      expect(twice.status).to.equal(200);
      expect(twice.body.n).to.deep.equal(once.body.n);
      expect(twice.body.filter).to.deep.equal({ municipality: [AABY] });
    } finally {
      await ctx().dataSource.getRepository(Project).update(fixture.projectId, { reportableAttributes: JSON.stringify(['municipality', 'team', 'group', 'role']) });
    }
  });

  it('refuses the same values on the dashboard and the report, naming them on the page', async () => {
    for (const page of ['dashboard', 'report']) {
      const url = `/projects/${fixture.projectId}/${page}?baseline=${fixture.start.id}&followup=${fixture.end.id}&municipality=${encodeURIComponent('aarhus')}`;
      const res = await lead.agent.get(url);
      expect(res.status, page).to.equal(400);
      expect(res.text, page).to.contain('kommune „aarhus“');
    }
  });

  it('compares and groups exactly in SQL when case variants are stored (bypassing the import)', async () => {
    const { dataSource, catalog } = ctx();
    const project = await buildProject(dataSource, { anonymityK: 5 });
    const round = await buildRound(dataSource, catalog, ctx().clock.now(), { projectId: project.id });
    const questionnaire = catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    const submissions = new SubmissionService(dataSource, catalog, ctx().clock.now);
    for (const team of ['T1', 'T1', 'T1', 'T1', 'T1', 'T1', 't1', 'T1 ']) {
      const { token } = await buildInvitation(dataSource, round, { team });
      await submissions.submit(token, buildValidAnswers(questionnaire), { language: 'da' });
    }
    const repository = new ComparisonRepository(dataSource, catalog);
    const count = async (team: string) => (await repository.roundAnswers(round.id, { team: [team] }, questionnaire)).responses.length;
    expect([await count('T1'), await count('t1'), await count('T1 '), await count('T2')]).to.deep.equal([6, 1, 1, 0]);
    const groups = await participantGroups(dataSource, project.id, [round.id]);
    expect(groups.map((g) => [g.attributes.team, g.count]).sort()).to.deep.equal([['T1', 6], ['T1 ', 1], ['t1', 1]].sort());
    const monitor = (await roundMonitor(dataSource, [round.id])).get(round.id)!;
    expect(monitor.units.map((u) => [u.team, u.invited]).sort()).to.deep.equal([['T1', 6], ['T1 ', 1], ['t1', 1]].sort());
  });

  it('refuses a lead\'s record-level export when stored case variants leave a group under k (6 × "T1", 1 × "t1")', async () => {
    const { dataSource, catalog } = ctx();
    const project = await buildProject(dataSource, { anonymityK: 5, reportableAttributes: JSON.stringify(['team']) });
    const round = await buildRound(dataSource, catalog, ctx().clock.now(), { projectId: project.id });
    const questionnaire = catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    const submissions = new SubmissionService(dataSource, catalog, ctx().clock.now);
    const people: Respondent[] = [];
    for (let i = 0; i < 7; i++) {
      const { token, respondent } = await buildInvitation(dataSource, round, { team: 'T1' });
      await submissions.submit(token, buildValidAnswers(questionnaire), { language: 'da' });
      people.push(respondent);
    }
    const exportLead = await signIn(ctx(), { role: 'lead', projectIds: [project.id] });
    const wide = () => request(ctx().app).get(`/api/projects/${project.id}/exports/wide.csv?round=${round.id}`).set('authorization', `Bearer ${exportLead.apiToken}`);
    expect((await wide()).status, 'seven people in one team').to.equal(200);
    await dataSource.getRepository(Respondent).update(people[6]!.id, { team: 't1' });
    const refused = await wide();
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('export_below_k');
    await dataSource.getRepository(Respondent).update(people[6]!.id, { team: 'T1 ' });
    expect((await wide()).status, 'a trailing space is another value too').to.equal(409);
    await dataSource.getRepository(Project).update(project.id, { reportableAttributes: '[]' });
    expect((await wide()).status, 'with team hidden the seven are one group again').to.equal(200);
  });
});
