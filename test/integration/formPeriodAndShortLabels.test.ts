import { expect } from 'chai';
import request from 'supertest';
import { Round } from '../../src/db/entities/index.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildProject } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** Issue 14: `{period}` in the questions comes from the round; the error summary names questions briefly. */
describeWithEachDatabase('the form\'s period text and short labels', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
  });
  const api = (method: 'get' | 'post' | 'patch', path: string) => request(ctx().app)[method](path).set('authorization', `Bearer ${admin.apiToken}`);

  /** A round through the API; its opening time lies before the test clock's 2 March 2026. */
  async function scheduledRound(body: Record<string, unknown>): Promise<{ projectId: number; round: Record<string, unknown> }> {
    const project = await buildProject(ctx().dataSource);
    const res = await api('post', `/api/projects/${project.id}/rounds`).send({ label: 'START', questionnaireId: 'hir-start', reminderDays: [], ...body });
    expect(res.status, res.text).to.equal(201);
    return { projectId: project.id, round: res.body.round as Record<string, unknown> };
  }

  async function formOf(roundId: number, lang = 'da'): Promise<string> {
    await ctx().dataSource.getRepository(Round).update(roundId, { status: 'open' });
    const { token } = await buildInvitation(ctx().dataSource, await ctx().dataSource.getRepository(Round).findOneByOrFail({ id: roundId }));
    const res = await request(ctx().app).get(`/s/${token}?lang=${lang}`);
    expect(res.status, res.text.slice(0, 300)).to.equal(200);
    return res.text;
  }

  it('fills {period} from the round\'s dates: the two months before it opens, in Danish and English', async () => {
    // The test clock stands at 2 March 2026; the round opened on 1 March.
    const { round } = await scheduledRound({ opensAt: '2026-03-01T08:00', closesAt: '2026-03-20T16:00' });
    expect(round.period).to.deep.equal({ da: 'januar og februar', en: 'January and February' });
    expect(round.periodLabel).to.equal(null);
    const danish = await formOf(round.id as number);
    expect(danish).to.contain('har du i gennemsnit afholdt om ugen i januar og februar?');
    expect(danish).not.to.contain('{period}');
    expect(await formOf(round.id as number, 'en')).to.contain('per week on average in January and February?');
  });

  it('uses the period label the admin sets on the round (API), and goes back to the dates when it is cleared', async () => {
    const { projectId, round } = await scheduledRound({ opensAt: '2026-03-01T08:00', closesAt: '2026-03-20T16:00', periodLabel: { da: 'uge 6 til 8', en: 'weeks 6 to 8' } });
    expect(round.periodLabel).to.deep.equal({ da: 'uge 6 til 8', en: 'weeks 6 to 8' });
    expect(await formOf(round.id as number)).to.contain('om ugen i uge 6 til 8?');
    expect(await formOf(round.id as number, 'en')).to.contain('per week on average in weeks 6 to 8?');
    // Open rounds still take a new wording (a typo fixed mid-round); null goes back to the dates.
    const changed = await api('patch', `/api/projects/${projectId}/rounds/${round.id as number}`).send({ periodLabel: { da: 'uge 7 og 8' } });
    expect(changed.status, changed.text).to.equal(200);
    expect(changed.body.round.period).to.deep.equal({ da: 'uge 7 og 8', en: 'January and February' });
    expect(await formOf(round.id as number)).to.contain('om ugen i uge 7 og 8?');
    const cleared = await api('patch', `/api/projects/${projectId}/rounds/${round.id as number}`).send({ periodLabel: null });
    expect(cleared.body.round.periodLabel).to.equal(null);
    expect(await formOf(round.id as number)).to.contain('om ugen i januar og februar?');
    const tooLong = await api('patch', `/api/projects/${projectId}/rounds/${round.id as number}`).send({ periodLabel: { da: 'x'.repeat(101) } });
    expect(tooLong.status).to.equal(400);
  });

  it('takes the period label from the admin\'s round form', async () => {
    const project = await buildProject(ctx().dataSource);
    const page = await admin.agent.get(`/admin/projects/${project.id}/rounds/new`);
    expect(page.text).to.contain('Periode i spørgsmålene');
    const saved = await admin.agent.post(`/admin/projects/${project.id}/rounds`).type('form').send({
      _csrf: admin.csrfToken, label: 'START', questionnaireId: 'hir-start', opensAt: '2026-03-01T08:00', closesAt: '2026-03-20T16:00', reminderDays: '', periodLabelDa: 'efteråret 2025', periodLabelEn: '',
    });
    expect(saved.status, saved.text.slice(0, 500)).to.equal(303);
    const round = await ctx().dataSource.getRepository(Round).findOneByOrFail({ id: Number(saved.headers.location!.split('/').pop()) });
    expect([round.periodLabelDa, round.periodLabelEn]).to.deep.equal(['efteråret 2025', null]);
    expect(await formOf(round.id)).to.contain('om ugen i efteråret 2025?');
    // English has no label of its own, so the dates speak.
    expect(await formOf(round.id, 'en')).to.contain('per week on average in January and February?');
    const shown = await admin.agent.get(saved.headers.location!);
    expect(shown.text).to.contain('efteråret 2025');
  });

  it('names each question in the error summary by its short label', async () => {
    const { round } = await scheduledRound({ opensAt: '2026-03-01T08:00', closesAt: '2026-03-20T16:00' });
    await formOf(round.id as number);
    const { token } = await buildInvitation(ctx().dataSource, await ctx().dataSource.getRepository(Round).findOneByOrFail({ id: round.id as number }));
    const res = await request(ctx().app).post(`/s/${token}`).type('form').send({ action: 'submit', _lang: 'da', caseload: '10', belief_job: '11' });
    expect(res.status).to.equal(400);
    const summary = res.text.slice(res.text.indexOf('id="error-summary"'), res.text.indexOf('</ul>', res.text.indexOf('id="error-summary"')));
    expect(summary).to.contain('>Beskæftigelse inden for to år – Tallet må ikke være større end dit svar på');
    expect(summary).to.contain('>Samtaler om ugen i januar og februar – Besvar venligst spørgsmålet.');
    expect(summary).to.contain('>Tidsforbrug – ');
    // The long questions themselves stay in the form but not in the summary.
    expect(summary).not.to.contain('Borgere i ressourceforløb kan være meget forskellige');
    expect(res.text).to.contain('Borgere i ressourceforløb kan være meget forskellige');
  });
});
