import { expect } from 'chai';
import request from 'supertest';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** The directive that governs a fetch kind, falling back to default-src as browsers do. */
function sourcesFor(csp: string, directive: string): string[] {
  const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...sources]) => [name!, sources]));
  return directives.get(directive) ?? directives.get('default-src') ?? [];
}

// No database behaviour is involved: SQLite only.
describeWithEachDatabase('favicon', testDatabases.filter((d) => d.name === 'sqlite'), (ctx: () => TestContext) => {
  it('answers /favicon.ico with the SVG icon (a redirect browsers follow), served as image/svg+xml', async () => {
    const redirect = await request(ctx().app).get('/favicon.ico');
    expect(redirect.status).to.equal(301);
    expect(redirect.headers.location).to.equal('/static/favicon.svg');
    const icon = await request(ctx().app).get(redirect.headers.location!).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
      res.on('end', () => done(null, text));
    });
    expect(icon.status).to.equal(200);
    expect(icon.headers['content-type']).to.match(/^image\/svg\+xml/);
    expect(icon.body as string).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // An SVG icon with script would run nowhere, but keep it plain: no script, no external reference.
    expect(icon.body as string).to.not.match(/<script|href=|url\(/i);
  });

  it('is linked from every page and allowed by the page\'s Content-Security-Policy (same origin, img-src)', async () => {
    const page = await request(ctx().app).get('/login');
    expect(page.status).to.equal(200);
    const href = /<link rel="icon" href="(\/static\/[0-9a-f]{12}\/favicon\.svg)" type="image\/svg\+xml">/.exec(page.text)?.[1];
    expect(href, 'a content-hashed icon link').to.be.a('string');
    const icon = await request(ctx().app).get(href!);
    expect(icon.status).to.equal(200);
    expect(icon.headers['content-type']).to.match(/^image\/svg\+xml/);
    const imgSources = sourcesFor(page.headers['content-security-policy']!, 'img-src');
    expect(imgSources).to.include("'self'");
  });
});
