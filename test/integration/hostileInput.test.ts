import { expect } from 'chai';
import request from 'supertest';
import { Answer, Draft, Response } from '../../src/db/entities/index.js';
import { seededRandom } from '../../src/demo/seededRandom.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn } from '../support/auth.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const BODIES = 10_000;

/** Mutations of a valid answer set and plain junk: wrong types, huge numbers, prototype keys, deep nesting. */
function hostileBodies(valid: Record<string, unknown>, count: number): string[] {
  const random = seededRandom(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const keys = Object.keys(valid);
  const junkValues: unknown[] = [null, true, -1, 1e308, -1e308, 0.5, '', ' ', 'ø'.repeat(20_000), [], [1, 2], {}, { $gt: 0 }, '<script>alert(1)</script>', "1' OR '1'='1", '__proto__', { __proto__: { admin: true } }, 'NaN', '9'.repeat(400)];
  const junkKeys = ['__proto__', 'constructor', 'prototype', '', ' ', 'a'.repeat(500), '$where', '../../etc/passwd', 'toString'];
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const answers: Record<string, unknown> = { ...valid };
    // At least one thing no questionnaire accepts, so every body is malformed, not merely unusual.
    answers[pick(junkKeys.filter((key) => key !== '__proto__'))] = pick(junkValues);
    const mutations = 1 + Math.floor(random() * 3);
    for (let m = 0; m < mutations; m++) {
      const kind = random();
      if (kind < 0.5) answers[pick(keys)] = pick(junkValues);
      else if (kind < 0.7) answers[pick(junkKeys)] = pick(junkValues);
      else delete answers[pick(keys)];
    }
    const shape = random();
    if (shape < 0.8) bodies.push(JSON.stringify({ answers, ...(random() < 0.1 ? { language: pick(['xx', 1, null]) } : {}) }));
    else if (shape < 0.85) bodies.push(JSON.stringify(answers));
    else if (shape < 0.9) bodies.push('['.repeat(2000) + ']'.repeat(2000));
    else if (shape < 0.95) bodies.push(JSON.stringify({ answers }).slice(0, Math.floor(random() * 200)));
    else bodies.push(JSON.stringify({ values: pick([answers, [], 'x', { a: { b: 1 } }]) }));
  }
  return bodies;
}

describe(`${BODIES} malformed or hostile request bodies against every JSON endpoint [sqlite]`, function () {
  this.timeout(240_000);
  let ctx: TestContext;
  before(async () => {
    ctx = (await createTestContext(testDatabases[0]!))!;
  });
  after(() => ctx.close());

  it('never answer 5xx and store nothing', async () => {
    const round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now());
    const { token } = await buildInvitation(ctx.dataSource, round);
    const admin = await signIn(ctx, { role: 'admin' });
    const questionnaire = ctx.catalog.latest('hir-start')!.questionnaire;
    const bodies = hostileBodies(buildValidAnswers(questionnaire) as Record<string, unknown>, BODIES);
    const endpoints = [
      { method: 'post' as const, path: `/api/responses/${token}` },
      { method: 'put' as const, path: `/api/drafts/${token}` },
      { method: 'post' as const, path: '/api/projects' },
      { method: 'post' as const, path: '/api/users' },
      { method: 'post' as const, path: '/api/tokens' },
      { method: 'post' as const, path: `/api/projects/${round.projectId}/rounds` },
      { method: 'patch' as const, path: `/api/projects/${round.projectId}` },
    ];
    const before = { responses: await ctx.dataSource.getRepository(Response).count(), answers: await ctx.dataSource.getRepository(Answer).count() };
    const failures: string[] = [];
    for (const [i, body] of bodies.entries()) {
      const endpoint = endpoints[i % endpoints.length]!;
      const req = request(ctx.app)[endpoint.method](endpoint.path).set('content-type', 'application/json');
      const res = await (endpoint.path.startsWith('/api/responses') || endpoint.path.startsWith('/api/drafts') ? req : req.set('authorization', `Bearer ${admin.apiToken}`)).send(body);
      if (res.status >= 500) failures.push(`${endpoint.method} ${endpoint.path} ${res.status} ${body.slice(0, 80)}`);
    }
    expect(failures.slice(0, 5)).to.deep.equal([]);
    expect(await ctx.dataSource.getRepository(Response).count()).to.equal(before.responses);
    expect(await ctx.dataSource.getRepository(Answer).count()).to.equal(before.answers);
    // Drafts may be saved (they are not validated) but hold only the questionnaire's own fields, as strings.
    for (const draft of await ctx.dataSource.getRepository(Draft).find()) {
      for (const [key, value] of Object.entries(JSON.parse(draft.answers) as Record<string, unknown>)) {
        expect(typeof value).to.equal('string');
        expect(key).to.match(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/);
      }
    }
  });

  it('50 concurrent submissions of one link store exactly one response', async () => {
    const round = await buildRound(ctx.dataSource, ctx.catalog, ctx.clock.now());
    const { token, invitation } = await buildInvitation(ctx.dataSource, round);
    const answers = buildValidAnswers(ctx.catalog.latest('hir-start')!.questionnaire);
    const statuses = await Promise.all(Array.from({ length: 50 }, () => request(ctx.app).post(`/api/responses/${token}`).send({ answers }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).to.have.length(1);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).to.deep.equal([]);
    expect(await ctx.dataSource.getRepository(Response).countBy({ invitationId: invitation.id })).to.equal(1);
  });
});
