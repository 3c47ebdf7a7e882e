import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { AuditLog, QuestionnaireVersion, Round } from '../../src/db/entities/index.js';
import { checkQuestionnaireText, loadQuestionnaires, parseQuestionnaireFile, QuestionnaireFileError } from '../../src/questionnaires/loadQuestionnaires.js';
import { refreshCatalog } from '../../src/questionnaires/refreshCatalog.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { problemInDanish } from '../../src/questionnaires/problemsInDanish.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import { answersToFormValues } from '../../src/responses/formValuesToAnswers.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, surveysDir } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const brokenDir = path.resolve(import.meta.dirname, '../fixtures/broken-questionnaires');
const jki = JSON.parse(readFileSync(path.join(surveysDir, 'jki-round.json'), 'utf8')) as Questionnaire & { $schema?: string };

/** The built-in JKI questionnaire under another id, with an optional change of its Danish title. */
function ownQuestionnaire(id: string, title = jki.title.da): Questionnaire {
  return { ...jki, id, title: { ...jki.title, da: title } };
}

/** What the start-up checker says about a fixture file: path and English message of each problem. */
function startupProblems(file: string): { path: string; message: string }[] {
  try {
    parseQuestionnaireFile(path.join(brokenDir, file), readFileSync(path.join(brokenDir, file), 'utf8'));
  } catch (error) {
    return (error as QuestionnaireFileError).problems;
  }
  throw new Error(`${file} was accepted`);
}

const htmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describeWithEachDatabase('questionnaires written in the app', testDatabases, (ctx) => {
  let admin: SignedIn;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
  });

  const upload = (url: string, text: string, action: 'save' | 'check' = 'save') =>
    admin.agent.post(url).field('_csrf', admin.csrfToken).field('action', action).attach('file', Buffer.from(text, 'utf8'), { filename: 'spoergeskema.json', contentType: 'application/json' });
  const tableCount = async (table: string) => Number((await ctx().dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('refuses every broken fixture on upload with the path the start-up checker reports and a Danish message', async () => {
    const files = readdirSync(brokenDir).filter((file) => file !== 'id-not-file-name.json');
    expect(files.length).to.be.greaterThan(10);
    for (const file of files) {
      const expected = startupProblems(file);
      const res = await upload('/admin/questionnaires', readFileSync(path.join(brokenDir, file), 'utf8'));
      expect(res.status, file).to.equal(400);
      for (const problem of expected) {
        const danish = problemInDanish(problem.message);
        expect(danish, `${file}: "${problem.message}" has no Danish wording`).to.not.match(/^ugyldig værdi \(/);
        expect(res.text, file).to.include(`<code>${htmlEscape(problem.path)}</code>: ${htmlEscape(danish)}`);
      }
    }
    expect(await ctx().dataSource.getRepository(QuestionnaireVersion).countBy({ questionnaireId: 'unknown-scale' })).to.equal(0);
  });

  it('the API check answers the same problems, each with its path and both languages', async () => {
    const broken = JSON.parse(readFileSync(path.join(brokenDir, 'show-if-code-not-on-scale.json'), 'utf8')) as { id: string };
    const res = await admin.agent.post(`/api/questionnaires/${broken.id}/check`).set('x-csrf-token', admin.csrfToken).send(broken);
    expect(res.status).to.equal(200);
    expect(res.body.problems).to.deep.equal(startupProblems('show-if-code-not-on-scale.json').map((p) => ({ path: p.path, message: p.message, messageDa: problemInDanish(p.message) })));
    expect(res.body.problems[0].messageDa).to.match(/kode 3 er ikke en mulighed på skalaen/);
  });

  it('a revision must keep the questionnaire\'s id', async () => {
    const other = ownQuestionnaire('jki-andet-id');
    const problems = checkQuestionnaireText(JSON.stringify(other), { id: 'jki-rettes', what: 'the questionnaire being revised' }).problems;
    expect(problems).to.deep.equal([{ path: '$.id', message: 'id "jki-andet-id" must equal the questionnaire being revised ("jki-rettes")' }]);
    expect(problemInDanish(problems[0]!.message)).to.match(/skal være „jki-rettes“/);
  });

  it('creates a valid upload as revision 1, updates it while unused, audits each change', async () => {
    const created = await upload('/admin/questionnaires', JSON.stringify(ownQuestionnaire('jki-egen')));
    expect(created.status).to.equal(303);
    expect(created.headers.location).to.equal('/admin/questionnaires/jki-egen?done=created');
    expect(ctx().catalog.latest('jki-egen')!.revision).to.equal(1);

    const edited = await admin.agent.post('/admin/questionnaires/jki-egen').type('form').send({ _csrf: admin.csrfToken, action: 'save', definition: JSON.stringify(ownQuestionnaire('jki-egen', 'Rettet titel')) });
    expect(edited.status).to.equal(303);
    expect(edited.headers.location).to.equal('/admin/questionnaires/jki-egen?done=updated');
    const versions = await ctx().dataSource.getRepository(QuestionnaireVersion).findBy({ questionnaireId: 'jki-egen' });
    expect(versions.map((v) => v.revision)).to.deep.equal([1]);
    expect(ctx().catalog.latest('jki-egen')!.questionnaire.title.da).to.equal('Rettet titel');
    const audit = await ctx().dataSource.getRepository(AuditLog).findBy({ objectType: 'questionnaire', objectId: 'jki-egen' });
    expect(audit.map((a) => a.action).sort()).to.deep.equal(['questionnaire.create', 'questionnaire.update']);
    expect(audit.every((a) => a.actor === admin.user.email)).to.equal(true);

    const page = await admin.agent.get('/admin/questionnaires/jki-egen?done=updated');
    expect(page.text).to.include('Den nuværende revision er rettet');
    expect(page.text).to.include('Rettet titel');
  });

  it('a round keeps its pinned revision: saving makes a new revision and the pinned one never changes', async () => {
    await upload('/admin/questionnaires', JSON.stringify(ownQuestionnaire('jki-runde', 'Første udgave')));
    const project = await buildProject(ctx().dataSource);
    const roundRes = await admin.agent.post(`/api/projects/${project.id}/rounds`).set('x-csrf-token', admin.csrfToken)
      .send({ label: 'R1', questionnaireId: 'jki-runde', opensAt: '2026-04-01T09:00', closesAt: '2026-04-15T16:00' });
    expect(roundRes.status).to.equal(201);
    const round = await ctx().dataSource.getRepository(Round).findOneByOrFail({ id: roundRes.body.round.id });
    const pinned = ctx().catalog.latest('jki-runde')!;
    expect(round.questionnaireVersionId).to.equal(pinned.versionId);

    const saved = await admin.agent.put('/api/questionnaires/jki-runde').set('x-csrf-token', admin.csrfToken).send(ownQuestionnaire('jki-runde', 'Anden udgave'));
    expect(saved.status).to.equal(201);
    expect(saved.body).to.deep.equal({ outcome: 'revised', id: 'jki-runde', revision: 2 });
    const stored = await ctx().dataSource.getRepository(QuestionnaireVersion).findOneByOrFail({ id: pinned.versionId });
    expect((JSON.parse(stored.definition) as Questionnaire).title.da).to.equal('Første udgave');
    expect((await ctx().dataSource.getRepository(Round).findOneByOrFail({ id: round.id })).questionnaireVersionId).to.equal(pinned.versionId);

    const revisions = await admin.agent.get('/api/questionnaires/jki-runde/revisions');
    expect(revisions.body.revisions.map((r: { revision: number; rounds: number; locked: boolean }) => [r.revision, r.rounds, r.locked])).to.deep.equal([[1, 1, true], [2, 0, false]]);
  });

  it('an answered revision is kept and the change becomes a new revision', async () => {
    const created = await admin.agent.post('/api/questionnaires').set('x-csrf-token', admin.csrfToken).send(ownQuestionnaire('jki-svar'));
    expect(created.status).to.equal(201);
    expect(created.body.outcome).to.equal('created');
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { questionnaireId: 'jki-svar' });
    const { token } = await buildInvitation(ctx().dataSource, round);
    const answered = ctx().catalog.latest('jki-svar')!;
    expect((await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(answered.questionnaire) })).status).to.equal(201);

    const again = await admin.agent.post('/api/questionnaires').set('x-csrf-token', admin.csrfToken).send(ownQuestionnaire('jki-svar', 'Ny ordlyd'));
    expect(again.body).to.deep.equal({ outcome: 'revised', id: 'jki-svar', revision: 2 });
    const unchanged = await admin.agent.post('/api/questionnaires').set('x-csrf-token', admin.csrfToken).send(ownQuestionnaire('jki-svar', 'Ny ordlyd'));
    expect(unchanged.status).to.equal(200);
    expect(unchanged.body.outcome).to.equal('unchanged');
    expect(ctx().catalog.byVersion(answered.versionId)!.questionnaire.title.da).to.equal(jki.title.da);
  });

  it('refuses to change a built-in questionnaire or to create one over an existing id', async () => {
    const builtIn = await admin.agent.put('/api/questionnaires/jki-round').set('x-csrf-token', admin.csrfToken).send({ ...jki, $schema: undefined });
    expect(builtIn.status).to.equal(409);
    expect(builtIn.body.error.code).to.equal('questionnaire_built_in');
    const page = await upload('/admin/questionnaires', JSON.stringify(ownQuestionnaire('jki-egen')));
    expect(page.status).to.equal(409);
    expect(page.text).to.include('Der findes allerede et spørgeskema med det id');
  });

  it('"Tjek" checks without saving', async () => {
    const res = await upload('/admin/questionnaires', JSON.stringify(ownQuestionnaire('jki-kun-tjek')), 'check');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('Ingen problemer: spørgeskemaet kan gemmes.');
    expect(ctx().catalog.latest('jki-kun-tjek')).to.equal(undefined);
  });

  it('serves the schema at a stable address that downloads point to, and a download uploads again unchanged', async () => {
    const schema = await request(ctx().app).get('/schemas/questionnaire.schema.json');
    expect(schema.status).to.equal(200);
    expect(schema.body.$id).to.equal('http://pejling.test/schemas/questionnaire.schema.json');
    const download = await admin.agent.get('/admin/questionnaires/jki-round/revisions/1/download');
    expect(download.headers['content-disposition']).to.include('jki-round-r1.json');
    const file = JSON.parse(download.text) as { $schema: string };
    expect(file.$schema).to.equal(schema.body.$id);
    expect(checkQuestionnaireText(download.text, { id: 'jki-round', what: 'the questionnaire being revised' }).problems).to.deep.equal([]);
  });

  it('a test submission is validated and shown back, and stores nothing in responses, drafts or answers', async () => {
    const tables = ['response', 'draft', 'answer', 'invitation'];
    const before = await Promise.all(tables.map(tableCount));
    const hirEnd = ctx().catalog.latest('hir-end')!;
    const preview = await admin.agent.get(`/admin/questionnaires/hir-end/revisions/${hirEnd.revision}/preview?lang=en`);
    expect(preview.status).to.equal(200);
    expect(preview.text).to.include('Test mode – nothing is stored');
    const url = `/admin/questionnaires/hir-end/revisions/${hirEnd.revision}/preview`;

    const invalid = await admin.agent.post(url).type('form').send({ _csrf: admin.csrfToken, _lang: 'da', action: 'submit' });
    expect(invalid.status).to.equal(400);
    expect(invalid.text).to.include('Testvisning – intet bliver gemt');
    const saved = await admin.agent.post(url).type('form').send({ _csrf: admin.csrfToken, _lang: 'da', action: 'save', caseload: '30' });
    expect(saved.status).to.equal(200);

    const answers = buildValidAnswers(hirEnd.questionnaire);
    const shown = await admin.agent.post(url).type('form').send({ _csrf: admin.csrfToken, _lang: 'da', action: 'submit', ...answersToFormValues(answers) });
    expect(shown.status).to.equal(200);
    expect(shown.text).to.include('Svarene er gyldige');
    expect(shown.text).to.include('<code>time_use/preparation = 0</code>');
    const api = await admin.agent.post(`/api/questionnaires/hir-end/revisions/${hirEnd.revision}/preview`).set('x-csrf-token', admin.csrfToken).send({ answers });
    expect(api.status).to.equal(200);
    expect(api.body.valid).to.equal(true);
    expect(api.body.rows.some((row: { itemId: string; subId: string }) => row.itemId === 'time_use' && row.subId === 'preparation')).to.equal(true);
    const wrong = await admin.agent.post(`/api/questionnaires/hir-end/revisions/${hirEnd.revision}/preview`).set('x-csrf-token', admin.csrfToken).send({ answers: { ...answers, caseload: -1 } });
    expect(wrong.body.valid).to.equal(false);
    expect(wrong.body.issues.map((i: { item: string }) => i.item)).to.include('caseload');

    expect(await Promise.all(tables.map(tableCount))).to.deep.equal(before);
  });

  it('the comparability report of hir-start and hir-end names the end-only items and the rescaled preparation time', async () => {
    const res = await admin.agent.get('/api/questionnaires/hir-start/compare?with=hir-end');
    expect(res.status).to.equal(200);
    expect(res.body.onlyInSecond.map((i: { id: string }) => i.id)).to.include.members(['opp_coordinate_other_sectors', 'know_plan_for_paid_hours']);
    expect(res.body.onlyInFirst).to.deep.equal([]);
    expect(res.body.rescaledTimeUse).to.have.length(1);
    expect(res.body.rescaledTimeUse[0].onlyInSecond.map((c: { id: string }) => c.id)).to.deep.equal(['preparation']);
    const page = await admin.agent.get('/admin/questionnaires/compare?a=hir-start&b=hir-end');
    expect(page.text).to.include('Forberedelse af samtaler');
    expect(page.text).to.include('<code>know_plan_for_paid_hours</code>');

    const project = await buildProject(ctx().dataSource);
    const newRound = (label: string, questionnaireId: string, opensAt: string) => admin.agent.post(`/api/projects/${project.id}/rounds`).set('x-csrf-token', admin.csrfToken)
      .send({ label, questionnaireId, opensAt, closesAt: opensAt.replace('T09', 'T23') });
    const start = await newRound('START', 'hir-start', '2026-04-01T09:00');
    expect(start.status).to.equal(201);
    const end = await newRound('END', 'hir-end', '2026-09-01T09:00');
    const roundPage = await admin.agent.get(`/admin/projects/${project.id}/rounds/${end.body.round.id}`);
    expect(roundPage.text).to.include('Sammenlignelighed med START');
    expect(roundPage.text).to.include('Forberedelse af samtaler');
    expect(roundPage.text).to.include('Kun i END (2)');
    const pair = await admin.agent.get(`/api/projects/${project.id}/rounds/${start.body.round.id}/comparability?with=${end.body.round.id}`);
    expect(pair.status).to.equal(200);
    expect([pair.body.first.label, pair.body.second.label]).to.deep.equal(['START', 'END']);
    expect(pair.body.report.rescaledTimeUse[0].onlyInSecond[0].id).to.equal('preparation');
    expect((await admin.agent.get(`/api/projects/${project.id}/rounds/${end.body.round.id}/comparability?with=999999`)).status).to.equal(404);
  });

  it('another instance learns of a saved questionnaire and of an in-place update when it refreshes its catalog', async () => {
    const other = await syncQuestionnaireVersions(ctx().dataSource, loadQuestionnaires(surveysDir));
    await admin.agent.post('/api/questionnaires').set('x-csrf-token', admin.csrfToken).send(ownQuestionnaire('jki-andet-sted', 'Udgave A'));
    const known = other.latest('jki-andet-sted');
    await admin.agent.post('/api/questionnaires').set('x-csrf-token', admin.csrfToken).send(ownQuestionnaire('jki-andet-sted', 'Udgave B'));
    expect(known).to.equal(undefined);
    expect(await refreshCatalog(ctx().dataSource, other)).to.equal(1);
    expect(other.latest('jki-andet-sted')!.questionnaire.title.da).to.equal('Udgave B');
    expect(await refreshCatalog(ctx().dataSource, other)).to.equal(0);
  });

  it('only admins: a lead gets 403 and an anonymous visitor the login page or 401', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    for (const url of ['/admin/questionnaires', '/admin/questionnaires/hir-start', '/admin/questionnaires/hir-start/revisions/1/preview']) {
      expect((await lead.agent.get(url)).status, url).to.equal(403);
      const anonymous = await request(ctx().app).get(url);
      expect(anonymous.status, url).to.equal(303);
      expect(anonymous.headers.location, url).to.match(/^\/login/);
    }
    const bearer = (token: string) => `Bearer ${token}`;
    expect((await request(ctx().app).post('/api/questionnaires').set('authorization', bearer(lead.apiToken)).send(ownQuestionnaire('jki-lead'))).status).to.equal(403);
    // Without a session the CSRF check refuses an anonymous POST before the role check does.
    expect((await request(ctx().app).post('/api/questionnaires').send(ownQuestionnaire('jki-anonym'))).status).to.be.oneOf([401, 403]);
    expect((await request(ctx().app).get('/api/questionnaires/hir-start/revisions')).status).to.equal(401);
    expect((await request(ctx().app).get('/api/questionnaires/hir-start/revisions').set('authorization', bearer(lead.apiToken))).status).to.equal(403);
    expect(ctx().catalog.latest('jki-lead')).to.equal(undefined);
    expect(ctx().catalog.latest('jki-anonym')).to.equal(undefined);
  });
});
