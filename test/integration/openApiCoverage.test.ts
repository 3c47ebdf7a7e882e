import { expect } from 'chai';
import { openApiDocument } from '../../src/api/openApiDocument.js';
import { listAppRoutes, toOpenApiPath } from '../support/appRoutes.js';
import { createTestContext, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describe('the OpenAPI document covers the JSON API', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = (await createTestContext(testDatabases[0]!))!;
  });
  after(() => ctx.close());

  it('documents every /api route with its method', () => {
    const paths = (openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
    const routes = listAppRoutes(ctx.app).filter((route) => route.path.startsWith('/api/') || route.path === '/healthz');
    expect(routes.length).to.be.greaterThan(5);
    const missing = routes.filter((route) => !paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()]).map((route) => `${route.method} ${route.path}`);
    expect(missing, `undocumented: ${missing.join(', ')}`).to.deep.equal([]);
  });
});
