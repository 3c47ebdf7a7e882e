import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { Answer } from '../../src/db/entities/index.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn } from '../support/auth.js';
import { buildInvitation, buildProject, buildRespondent, buildRound } from '../support/builders.js';
import { createTestContext, testConfig, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('security [sqlite]', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = (await createTestContext(testDatabases[0]!))!;
  });
  after(() => ctx.close());

  it('limits submissions per personal link and answers 429 beyond the limit', async () => {
    const app = buildApp({ ...ctx.deps, config: testConfig({ submissionsPerMinute: 3 }) });
    const round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now());
    const { token } = await buildInvitation(ctx.dataSource, round);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(app).put(`/api/drafts/${token}`).send({ values: {} })).status);
    expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
    const other = await buildInvitation(ctx.dataSource, round);
    expect((await request(app).put(`/api/drafts/${other.token}`).send({ values: {} })).status).to.equal(200);
  });

  it('renders script in names, free text and imported data inert on every page', async () => {
    const admin = await signIn(ctx, { role: 'admin' });
    const project = await buildProject(ctx.dataSource, { name: `Projekt ${XSS}` });
    await buildRespondent(ctx.dataSource, project.id, { name: XSS, municipality: XSS, team: XSS });
    const round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now(), { projectId: project.id, label: '<b>x</b>' });
    const { token } = await buildInvitation(ctx.dataSource, round);
    const answers = { ...buildValidAnswers(ctx.catalog.latest('hir-start')!.questionnaire), comment: XSS };
    expect((await request(ctx.app).post(`/api/responses/${token}`).send({ answers })).status).to.equal(201);
    expect(await ctx.dataSource.getRepository(Answer).exists({ where: { valueText: XSS } })).to.equal(true);
    for (const path of [`/admin/projects/${project.id}`, `/admin/projects/${project.id}/respondents`, `/admin/projects/${project.id}/rounds`, `/admin/projects/${project.id}/rounds/${round.id}`, '/admin/projects']) {
      const page = await admin.agent.get(path);
      expect(page.status, path).to.equal(200);
      expect(page.text, path).to.not.contain('<script>alert');
      expect(page.text, path).to.not.contain('<img src=x');
    }
    const draftToken = (await buildInvitation(ctx.dataSource, round)).token;
    await request(ctx.app).put(`/api/drafts/${draftToken}`).send({ values: { comment: XSS } });
    const form = await request(ctx.app).get(`/s/${draftToken}`);
    expect(form.text).to.contain('&lt;script&gt;alert');
    expect(form.text).to.not.contain('<script>alert');
  });

  it('sends security headers: strict CSP, no sniffing, no framing; the session cookie is HttpOnly and SameSite', async () => {
    const res = await request(ctx.app).get('/login');
    expect(res.headers['content-security-policy']).to.contain("default-src 'self'").and.contain("script-src 'self'").and.contain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).to.not.contain('unsafe-inline');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(String(res.headers['set-cookie'])).to.match(/HttpOnly/i).and.match(/SameSite=Lax/i);
    const secure = buildApp({ ...ctx.deps, config: testConfig({ cookieSecure: true }) });
    const viaProxy = await request(secure).get('/login').set('x-forwarded-proto', 'https');
    expect(String(viaProxy.headers['set-cookie'])).to.match(/; Secure/i);
  });

  it('treats SQL in filter parameters as data', async () => {
    const admin = await signIn(ctx, { role: 'admin' });
    const project = await buildProject(ctx.dataSource);
    const res = await request(ctx.app).get(`/api/projects/${project.id}/respondents?municipality=${encodeURIComponent("x' OR '1'='1")}`).set('authorization', `Bearer ${admin.apiToken}`);
    expect(res.status).to.equal(200);
    expect(res.body.respondents).to.deep.equal([]);
  });
});
