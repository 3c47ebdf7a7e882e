import { expect } from 'chai';
import request from 'supertest';
import { Round } from '../../src/db/entities/index.js';
import { listAppRoutes, type AppRoute } from '../support/appRoutes.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildProject, buildRespondent } from '../support/builders.js';
import { createTestContext, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** Pages and endpoints anyone may use: the caseworker's form, login (and its second step, single sign-on), documentation (the questionnaire format), health; /api/questionnaires has its own admin-only tests (questionnaireAuthoring). */
const PUBLIC = [/^\/$/, /^\/healthz$/, /^\/favicon\.ico$/, /^\/login$/, /^\/login\/(two-factor|oidc)/, /^\/setup\//, /^\/s\//, /^\/a\//, /^\/api\/openapi\.json$/, /^\/schemas\//, /^\/api\/questionnaires/, /^\/api\/responses\//, /^\/api\/drafts\//];
/** What a lead may use without being given any project. */
const ANY_SIGNED_IN = [/^\/logout$/, /^\/admin$/, /^\/api\/session$/, /^\/admin\/projects$/, /^\/api\/projects$/, /^\/admin\/tokens/, /^\/api\/tokens/, /^\/admin\/account\//, /^\/api\/account\//];

describe('every admin route refuses a lead and an anonymous visitor', () => {
  let ctx: TestContext;
  let lead: SignedIn;
  let routes: AppRoute[];
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = (await createTestContext(testDatabases[0]!))!;
    const project = await buildProject(ctx.dataSource);
    const round = await ctx.dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: ctx.catalog.latest('hir-start')!.versionId, label: 'START', status: 'scheduled', opensAt: new Date(), closesAt: new Date(Date.now() + 86400_000),
      reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    const respondent = await buildRespondent(ctx.dataSource, project.id);
    const admin = await signIn(ctx, { role: 'admin' });
    Object.assign(ids, { projectId: String(project.id), roundId: String(round.id), respondentId: String(respondent.id), userId: String(admin.user.id), tokenId: '1', mailId: '1' });
    lead = await signIn(ctx, { role: 'lead' });
    routes = listAppRoutes(ctx.app).filter((route) => !PUBLIC.some((pattern) => pattern.test(route.path)));
  });
  after(() => ctx.close());

  const concrete = (path: string) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => ids[name] ?? '1');

  it('covers the admin surface', () => {
    expect(routes.length).to.be.greaterThan(30);
  });

  it('an anonymous visitor gets 401, 403 or the login page, never the content', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const res = await request(ctx.app)[route.method.toLowerCase() as 'get'](concrete(route.path)).set('accept', route.path.startsWith('/api/') ? 'application/json' : 'text/html');
      const toLogin = res.status === 303 && String(res.headers.location).startsWith('/login');
      if (!(res.status === 401 || res.status === 403 || toLogin || (route.path === '/logout' && res.status === 303))) failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('a lead without the project gets 403 or 404 everywhere but their own pages', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !ANY_SIGNED_IN.some((pattern) => pattern.test(r.path)))) {
      const method = route.method.toLowerCase() as 'get';
      const res = await request(ctx.app)[method](concrete(route.path)).set('authorization', `Bearer ${lead.apiToken}`).set('accept', 'application/json').send({});
      if (res.status !== 403 && res.status !== 404) failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).to.deep.equal([]);
  });
});
