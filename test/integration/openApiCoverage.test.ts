import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { openApiDocument } from '../../src/api/openApiDocument.js';
import { listAppRoutes, toOpenApiPath, type AppRoute } from '../support/appRoutes.js';
import { createTestContext, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

type Paths = Record<string, Record<string, unknown>>;
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];
/** A page action named by its last segment that the API expresses as a change of the object itself (PATCH / DELETE). */
const STATE_ACTIONS = new Set(['deactivate', 'reactivate', 'role', 'revoke']);

/**
 * The JSON endpoint that does what a page's POST form does: the same path under /api (any write
 * method: a page can only POST, the API PATCHes and DELETEs), or, for a state change named by the
 * last segment (…/deactivate, …/role, …/revoke), a write on the object itself.
 */
function apiEquivalent(route: AppRoute, paths: Paths): string | undefined {
  const apiPath = toOpenApiPath(route.path.replace(/^\/admin\//, '/api/'));
  const writes = (p: string) => WRITE_METHODS.find((method) => paths[p]?.[method]);
  const same = writes(apiPath);
  if (same) return `${same.toUpperCase()} ${apiPath}`;
  const segments = apiPath.split('/');
  if (STATE_ACTIONS.has(segments.at(-1)!)) {
    const parent = segments.slice(0, -1).join('/');
    const method = writes(parent);
    if (method) return `${method.toUpperCase()} ${parent}`;
  }
  return undefined;
}

function adminViews(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? adminViews(path.join(dir, entry.name)) : entry.name.endsWith('.njk') ? [path.join(dir, entry.name)] : []));
}

/** "/admin/projects/{{ project.id }}/rounds/{{ round.id }}/open" → a pattern matching the Express path with its parameters. */
function matchesRoute(action: string, route: AppRoute): boolean {
  const template = action.split(/\{\{[^}]*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const routeShape = route.path.replace(/:[A-Za-z_]+/g, '\u0000');
  return new RegExp(`^${template.join('\u0000')}$`).test(routeShape) || new RegExp(`^${template.join('[^/]+')}$`).test(route.path);
}

/**
 * A form action whose address depends on the page's state ({{ 'deactivate' if … else 'reactivate' }},
 * {% if round %}/{{ round.id }}{% endif %}), as every address it can take.
 */
function actionVariants(action: string): string[] {
  const choice = /\{\{\s*'([^']+)'\s+if\s+[^}]*else\s+'([^']+)'\s*\}\}/.exec(action);
  if (choice) return [choice[1]!, choice[2]!].flatMap((value) => actionVariants(action.replace(choice[0], value)));
  const optional = /\{%\s*if\s[^%]*%\}(.*?)\{%\s*endif\s*%\}/.exec(action);
  if (optional) return ['', optional[1]!].flatMap((value) => actionVariants(action.replace(optional[0], value)));
  return [action];
}

describe('the OpenAPI document covers the JSON API', () => {
  let ctx: TestContext;
  let paths: Paths;
  before(async () => {
    ctx = (await createTestContext(testDatabases[0]!))!;
    paths = (openApiDocument() as { paths: Paths }).paths;
  });
  after(() => ctx.close());

  it('documents every /api route with its method', () => {
    const routes = listAppRoutes(ctx.app).filter((route) => route.path.startsWith('/api/') || route.path === '/healthz');
    expect(routes.length).to.be.greaterThan(5);
    const missing = routes.filter((route) => !paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()]).map((route) => `${route.method} ${route.path}`);
    expect(missing, `undocumented: ${missing.join(', ')}`).to.deep.equal([]);
  });

  it('gives every admin page action (a POST form of the admin area) a documented JSON endpoint', () => {
    const actions = listAppRoutes(ctx.app).filter((route) => route.method === 'POST' && route.path.startsWith('/admin/'));
    expect(actions.length).to.be.greaterThan(10);
    const withoutEndpoint = actions.filter((route) => !apiEquivalent(route, paths)).map((route) => `POST ${route.path}`);
    expect(withoutEndpoint, `admin actions without a JSON endpoint in the OpenAPI document: ${withoutEndpoint.join(', ')}`).to.deep.equal([]);
  });

  it('finds every POST form of the admin views among those actions, so none escapes the check above', () => {
    const routes = listAppRoutes(ctx.app).filter((route) => route.method === 'POST' && route.path.startsWith('/admin/'));
    const views = adminViews(path.resolve(import.meta.dirname, '../../views/admin'));
    const forms = views.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/<form\b[^>]*method="post"[^>]*action="([^"]+)"/g)].map((match) => ({ file: path.basename(file), action: match[1]! })));
    const adminForms = forms.filter((form) => form.action.startsWith('/admin/'));
    expect(adminForms.length).to.be.greaterThan(10);
    const expanded = adminForms.flatMap((form) => actionVariants(form.action).map((action) => ({ ...form, action })));
    const unrouted = expanded.filter((form) => !routes.some((route) => matchesRoute(form.action, route))).map((form) => `${form.file}: ${form.action}`);
    expect(unrouted, `forms posting to no admin route: ${unrouted.join(', ')}`).to.deep.equal([]);
  });

  it('the parity check fails on an action without an endpoint (it is not vacuous)', () => {
    expect(apiEquivalent({ method: 'POST', path: '/admin/projects/:projectId/rounds/:roundId/nothing-like-this' }, paths)).to.equal(undefined);
    expect(apiEquivalent({ method: 'POST', path: '/admin/users/:userId/deactivate' }, paths)).to.equal('PATCH /api/users/{userId}');
  });
});
