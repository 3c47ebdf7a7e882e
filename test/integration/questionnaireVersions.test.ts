import { expect } from 'chai';
import request from 'supertest';
import { QuestionnaireVersion } from '../../src/db/entities/index.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, surveysDir } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

function withChangedTitle(questionnaire: Questionnaire, title: string): Questionnaire {
  return { ...questionnaire, title: { ...questionnaire.title, da: title } };
}

describeWithEachDatabase('questionnaire revisions', testDatabases, (ctx) => {
  it('stores each shipped questionnaire once and reuses it on the next start', async () => {
    const files = loadQuestionnaires(surveysDir);
    await syncQuestionnaireVersions(ctx().dataSource, files);
    const versions = await ctx().dataSource.getRepository(QuestionnaireVersion).find();
    expect(versions.map((v) => v.questionnaireId).sort()).to.deep.equal(files.map((q) => q.id).sort());
    expect(versions.every((v) => v.revision === 1)).to.equal(true);
  });

  it('updates a revision in place while nobody has answered it', async () => {
    const jki = loadQuestionnaires(surveysDir).find((q) => q.id === 'jki-round')!;
    const catalog = await syncQuestionnaireVersions(ctx().dataSource, [withChangedTitle(jki, 'Rettet titel')]);
    expect(catalog.latest('jki-round')!.revision).to.equal(1);
    expect(catalog.latest('jki-round')!.questionnaire.title.da).to.equal('Rettet titel');
  });

  it('keeps an answered revision and stores the changed file as a new revision', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { questionnaireId: 'hir-start' });
    const { token } = await buildInvitation(ctx().dataSource, round);
    const original = ctx().catalog.latest('hir-start')!;
    const res = await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(original.questionnaire) });
    expect(res.status).to.equal(201);

    const catalog = await syncQuestionnaireVersions(ctx().dataSource, [withChangedTitle(original.questionnaire, 'Startmåling, ny udgave')]);
    const latest = catalog.latest('hir-start')!;
    expect(latest.revision).to.equal(original.revision + 1);
    expect(latest.versionId).to.not.equal(original.versionId);
    expect(catalog.byVersion(original.versionId)!.questionnaire.title.da).to.equal(original.questionnaire.title.da);
  });
});

describeWithEachDatabase('questionnaire, health and OpenAPI endpoints', testDatabases, (ctx) => {
  it('GET /api/questionnaires lists the shipped questionnaires', async () => {
    const res = await request(ctx().app).get('/api/questionnaires');
    expect(res.status).to.equal(200);
    expect(res.body.questionnaires.map((q: { id: string }) => q.id)).to.include.members(['hir-start', 'hir-end', 'jki-round']);
    expect(res.body.questionnaires.every((q: { itemCount: number }) => q.itemCount > 0)).to.equal(true);
  });

  it('GET /api/questionnaires/:id returns the definition, 404 for an unknown id, 400 for a malformed one', async () => {
    const res = await request(ctx().app).get('/api/questionnaires/hir-end');
    expect(res.status).to.equal(200);
    expect(res.body.questionnaire.id).to.equal('hir-end');
    expect((await request(ctx().app).get('/api/questionnaires/nope')).status).to.equal(404);
    const bad = await request(ctx().app).get('/api/questionnaires/HIR!');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details[0].field).to.equal('params.id');
    expect((await request(ctx().app).get('/api/questionnaires/hir-end?revision=99')).status).to.equal(404);
  });

  it('GET /healthz reports the database', async () => {
    const res = await request(ctx().app).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ status: 'ok' });
    expect(res.body.database.status).to.equal('up');
  });

  it('GET /api/openapi.json describes every API route', async () => {
    const res = await request(ctx().app).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal('3.1.0');
    expect(Object.keys(res.body.paths)).to.include.members(['/healthz', '/api/questionnaires', '/api/questionnaires/{id}', '/api/responses/{token}', '/api/drafts/{token}', '/api/openapi.json']);
  });

  it('unknown API paths get a JSON 404', async () => {
    const res = await request(ctx().app).get('/api/nothing-here');
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('not_found');
  });
});
