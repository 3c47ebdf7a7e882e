import { expect } from 'chai';
import request from 'supertest';
import { IsNull } from 'typeorm';
import { ComparisonRepository } from '../../src/comparison/comparisonRepository.js';
import { Answer, Project, Response } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** Every number in the payload is finite: a statistic that cannot be computed is null with a reason. */
function findNonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => findNonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => findNonFinite(v, `${path}.${k}`));
  return [];
}

describeWithEachDatabase('GET /api/projects/:projectId/comparison', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    demo = await createDemoProject(ctx().deps, { respondents: 60, seed: 7, responseRate: 0.85, name: 'Demo' });
  });
  const compare = (query: string, who: SignedIn = admin) => request(ctx().app).get(`/api/projects/${demo.projectId}/comparison?${query}`).set('authorization', `Bearer ${who.apiToken}`);

  it('reports N per round, paired N, and per item the distributions, top-2 change and tests', async () => {
    const res = await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
    const stored = async (roundId: number) => ctx().dataSource.getRepository(Response).countBy({ roundId });
    expect(res.body.n.baseline).to.equal(await stored(demo.startRoundId));
    expect(res.body.n.followUp).to.equal(await stored(demo.endRoundId));
    expect(res.body.n.paired).to.be.within(1, Math.min(res.body.n.baseline, res.body.n.followUp));
    expect(res.body.onlyInOneRound.followUp).to.include.members(['opp_coordinate_other_sectors', 'know_plan_for_paid_hours']);
    const item = res.body.scaleItems.find((s: { itemId: string }) => s.itemId === 'opp_plan_no_passive');
    expect(item.pairedN).to.be.at.most(res.body.n.paired);
    expect(item.baseline.categories.reduce((s: number, c: { count: number }) => s + c.count, 0)).to.equal(item.baseline.n);
    expect(item.top2.changePp.lower).to.be.at.most(item.top2.changePp.estimate);
    expect(item.ordinal.test).to.equal('Wilcoxon signed-rank');
    expect(item.ordinal.pHolm).to.be.at.least(item.ordinal.pValue);
    expect(res.body.indicators.map((i: { id: string }) => i.id)).to.deep.equal(['belief_internship_ratio', 'belief_paid_hours_ratio', 'belief_job_ratio']);
    expect(res.body.timeUse[0].droppedCategories).to.deep.equal(['preparation']);
    expect(res.body.differenceInDifferences.items.length).to.be.greaterThan(0);
    expect(findNonFinite(res.body)).to.deep.equal([]);
  });

  it('reports the values a direct reading of the stored answers gives: paired transitions, number means, time-use shares', async () => {
    const res = await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}`);
    expect(res.status).to.equal(200);
    const responses = await ctx().dataSource.getRepository(Response).findBy([{ roundId: demo.startRoundId }, { roundId: demo.endRoundId }]);
    const answers = await ctx().dataSource.getRepository(Answer).findBy([{ roundId: demo.startRoundId }, { roundId: demo.endRoundId }]);
    const person = new Map(responses.map((r) => [r.id, r.respondentId!]));
    const valueOf = (roundId: number, itemId: string, subId = '') => new Map(answers.filter((a) => a.roundId === roundId && a.itemId === itemId && a.subId === subId).map((a) => [person.get(a.responseId)!, (a.valueCode ?? a.valueNumber)!]));
    const both = (itemId: string, subId = '') => {
      const before = valueOf(demo.startRoundId, itemId, subId);
      const after = valueOf(demo.endRoundId, itemId, subId);
      return [...before].filter(([id]) => after.has(id)).map(([id, from]) => ({ from, to: after.get(id)! }));
    };

    // A likert item whose transition table is shown (most of the demo's are withheld at k = 5):
    // shown cells as stored, and a cell neither shown nor hidden holds no pair.
    const likert = res.body.scaleItems.find((s: { stem?: unknown; transitions?: unknown[] }) => s.stem && s.transitions?.length);
    const pairs = both(likert.itemId);
    expect(likert.pairedN).to.equal(pairs.length);
    for (const cell of likert.transitions) expect(cell.count, `${cell.from}→${cell.to}`).to.equal(pairs.filter((p) => p.from === cell.from && p.to === cell.to).length);
    const listed = new Set([...likert.transitions, ...likert.hiddenTransitions].map((c: { from: number; to: number }) => `${c.from}→${c.to}`));
    for (const p of pairs) expect(listed.has(`${p.from}→${p.to}`), `${p.from}→${p.to}`).to.equal(true);

    const number = res.body.numbers[0];
    const numberPairs = both(number.id);
    expect(number.pairedN).to.equal(numberPairs.length);
    const meanChange = numberPairs.reduce((sum, p) => sum + p.to - p.from, 0) / numberPairs.length;
    expect(number.change.estimate).to.be.closeTo(meanChange, 1e-9);

    // Paired comparisons count time use over the people in both rounds; START's categories are
    // all asked at END too, so its shares need no rescaling and the mean is the plain mean.
    const timeUse = res.body.timeUse[0];
    const category = timeUse.categories[0];
    const shares = both(timeUse.itemId, category.id);
    expect(timeUse.baselineN).to.equal(shares.length);
    expect(category.baseline).to.be.closeTo(shares.reduce((sum, p) => sum + p.from, 0) / shares.length, 1e-9);
  });

  it('reads the same round from one page as from pages of 3 responses, with and without a segment', async () => {
    const questionnaire = ctx().catalog.byVersion((await ctx().dataSource.getRepository(Response).findOneByOrFail({ roundId: demo.endRoundId })).questionnaireVersionId)!.questionnaire;
    for (const filter of [{}, { municipality: ['Aarhus'], group: ['Forsøg'] }]) {
      const onePage = await new ComparisonRepository(ctx().dataSource, ctx().catalog).roundAnswers(demo.endRoundId, filter, questionnaire);
      const paged = await new ComparisonRepository(ctx().dataSource, ctx().catalog, 3).roundAnswers(demo.endRoundId, filter, questionnaire);
      expect(paged.responses.length).to.be.greaterThan(3);
      expect(paged).to.deep.equal(onePage);
    }
  });

  it('computes, stores and uses the answer vector of responses stored without one, and the comparison stays the same', async () => {
    const query = `baseline=${demo.startRoundId}&followup=${demo.endRoundId}`;
    const before = (await compare(query)).body;
    const repository = new ComparisonRepository(ctx().dataSource, ctx().catalog, 7);
    const rounds = await Promise.all([demo.startRoundId, demo.endRoundId].map(async (roundId) => {
      const versionId = (await ctx().dataSource.getRepository(Response).findOneByOrFail({ roundId })).questionnaireVersionId;
      return { roundId, questionnaire: ctx().catalog.byVersion(versionId)!.questionnaire };
    }));
    const read = () => Promise.all(rounds.map(({ roundId, questionnaire }) => repository.roundAnswers(roundId, {}, questionnaire)));
    const fromVectors = await read();
    const stored = await ctx().dataSource.getRepository(Response).findBy([{ roundId: demo.startRoundId }, { roundId: demo.endRoundId }]);

    await ctx().dataSource.query(`UPDATE response SET answer_vector = NULL WHERE round_id IN (?, ?) AND id % 3 = 0`, [demo.startRoundId, demo.endRoundId]);
    expect(await ctx().dataSource.getRepository(Response).countBy({ answerVector: IsNull() })).to.be.greaterThan(0);
    expect(await read()).to.deep.equal(fromVectors);
    expect(await ctx().dataSource.getRepository(Response).countBy({ answerVector: IsNull() })).to.equal(0);
    const healed = await ctx().dataSource.getRepository(Response).findBy([{ roundId: demo.startRoundId }, { roundId: demo.endRoundId }]);
    expect(healed.map((r) => r.answerVector)).to.deep.equal(stored.map((r) => r.answerVector));

    // A change to the project's caseworkers is what makes the cached comparison compute anew.
    await ctx().dataSource.query(`UPDATE response SET answer_vector = NULL WHERE round_id IN (?, ?) AND id % 2 = 0`, [demo.startRoundId, demo.endRoundId]);
    await ctx().dataSource.getRepository(Project).increment({ id: demo.projectId }, 'respondentsVersion', 1);
    expect((await compare(query)).body).to.deep.equal(before);
    expect(await ctx().dataSource.getRepository(Response).countBy({ answerVector: IsNull() })).to.equal(0);
  });

  it('counts every respondent when unpaired, and the counts equal the stored answers', async () => {
    const res = await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=false`);
    expect(res.status).to.equal(200);
    const item = res.body.scaleItems.find((s: { itemId: string }) => s.itemId === 'lead_lab_gaps');
    const rows = await ctx().dataSource.getRepository(Answer).findBy({ roundId: demo.startRoundId, itemId: 'lead_lab_gaps' });
    for (const category of item.baseline.categories) expect(category.count, String(category.code)).to.equal(rows.filter((r) => r.valueCode === category.code).length);
    expect(item.ordinal.test).to.equal('Mann–Whitney');
    expect(item.top2.test.test).to.equal('chi-square (Yates)');
  });

  it('filters a segment and suppresses what falls under the anonymity threshold', async () => {
    const segment = await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&municipality=Aarhus&group=Forsøg`);
    expect(segment.status).to.equal(200);
    expect(segment.body.n.baseline).to.be.greaterThan(0).and.below((await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}`)).body.n.baseline);
    for (const s of segment.body.scaleItems) for (const cell of s.transitions ?? []) expect(cell.count).to.be.at.least(5);
    // With a threshold above the segment's size, nothing but the Ns may show.
    await ctx().dataSource.getRepository(Project).update(demo.projectId, { anonymityK: 500 });
    try {
      const res = await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&municipality=Aarhus&group=Forsøg`);
      for (const item of res.body.scaleItems) {
        expect(item.baseline).to.deep.include({ suppressed: true, n: null });
        expect(item.baseline).to.not.have.property('categories');
        expect(item).to.not.have.property('top2');
        expect(item).to.not.have.property('transitions');
      }
      for (const indicator of res.body.indicators) expect(indicator.baseline.suppressed).to.equal(true);
      expect(res.body.differenceInDifferences.items.every((d: { top2: { value?: null } }) => d.top2.value === null)).to.equal(true);
      expect(findNonFinite(res.body)).to.deep.equal([]);
    } finally {
      await ctx().dataSource.getRepository(Project).update(demo.projectId, { anonymityK: 5 });
    }
  });

  it('refuses bad requests with a message: same round, another project, unknown round, nobody in the segment, malformed query', async () => {
    expect((await compare(`baseline=${demo.startRoundId}&followup=${demo.startRoundId}`)).status).to.equal(400);
    const other = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { projectId: (await buildProject(ctx().dataSource)).id });
    const cross = await compare(`baseline=${demo.startRoundId}&followup=${other.id}`);
    const missing = await compare(`baseline=${demo.startRoundId}&followup=999999`);
    expect(cross.status).to.equal(404);
    expect(cross.body, 'a round of another project is answered like a missing one').to.deep.equal(missing.body);
    const nobody = await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&municipality=Skagen`);
    expect(nobody.status).to.equal(400);
    expect(nobody.body.error.code).to.equal('unknown_segment_value');
    expect(nobody.body.error.message).to.contain('„Skagen“');
    expect((await compare('baseline=abc&followup=1')).status).to.equal(400);
    expect((await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}&municipality=x'%20OR%201=1--`)).status).to.equal(400);
  });

  it('lets the project\'s lead read it and answers 404 to another lead', async () => {
    const lead = await signIn(ctx(), { role: 'lead', projectIds: [demo.projectId] });
    expect((await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, lead)).status).to.equal(200);
    const stranger = await signIn(ctx(), { role: 'lead' });
    expect((await compare(`baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, stranger)).status).to.equal(404);
  });
});
