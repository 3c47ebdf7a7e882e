import http from 'node:http';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { buildInvitation, buildRound } from '../support/builders.js';
import { listen } from '../support/liveServer.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/*
 * What goes over the wire for pages and static files: compressed by what the browser accepts,
 * static files under content-hashed URLs cached for a year, and the design system's CSS cut
 * down. Read with node:http, which (unlike supertest) leaves the body as it was sent.
 */

interface Raw { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

function get(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http.get(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

function decoded(res: Raw): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(res.body).toString('utf8');
  expect(encoding, 'content-encoding').to.equal(undefined);
  return res.body.toString('utf8');
}

const varyList = (res: Raw) => String(res.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase());
const IMMUTABLE = 'public, max-age=31536000, immutable';
const linkedAssets = (html: string) => [...html.matchAll(/(?:href|src)="(\/static\/[^"#]+)/g)].map((m) => m[1]!);

// No database behaviour is involved: SQLite only.
describeWithEachDatabase('static files and compression', testDatabases.filter((d) => d.name === 'sqlite'), (ctx: () => TestContext) => {
  let server: { baseUrl: string; close(): Promise<void> };
  let formPath: string;
  before(async () => {
    server = await listen(ctx().app);
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { questionnaireId: 'hir-start' });
    formPath = `/s/${(await buildInvitation(ctx().dataSource, round)).token}`;
  });
  after(() => server?.close());

  it('sends the form page as brotli or gzip by Accept-Encoding, and plain to a client that asks for neither', async () => {
    const plain = await get(server.baseUrl, formPath);
    expect(plain.status).to.equal(200);
    expect(plain.headers['content-encoding']).to.equal(undefined);
    for (const [accept, expected] of [['gzip, deflate, br', 'br'], ['br', 'br'], ['gzip, deflate', 'gzip'], ['gzip;q=1, br;q=0', 'gzip']] as const) {
      const res = await get(server.baseUrl, formPath, { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).to.equal(expected);
      expect(varyList(res), accept).to.include('accept-encoding');
      expect(decoded(res), accept).to.equal(plain.body.toString('utf8'));
      expect(res.body.length, accept).to.be.below(plain.body.length / 4);
    }
  });

  it('compresses JSON too', async () => {
    const res = await get(server.baseUrl, '/api/openapi.json', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).to.equal('br');
    expect(JSON.parse(decoded(res))).to.have.property('openapi');
  });

  it('links every static file of a page by a content-hashed URL that may be cached for a year', async () => {
    const page = decoded(await get(server.baseUrl, formPath));
    const assets = linkedAssets(page);
    expect(assets).to.have.length.above(4);
    for (const asset of assets) {
      expect(asset, 'hashed').to.match(/^\/static\/[0-9a-f]{12}\//);
      const res = await get(server.baseUrl, asset, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status, asset).to.equal(200);
      expect(res.headers['cache-control'], asset).to.equal(IMMUTABLE);
      if (/\.(css|js|svg)$/.test(asset)) {
        expect(res.headers['content-encoding'], asset).to.equal('br');
        expect(varyList(res), asset).to.include('accept-encoding');
      }
    }
  });

  it('sends the design system CSS cut down to what the pages use, its fonts as WOFF2 without compressing them again', async () => {
    const page = decoded(await get(server.baseUrl, formPath));
    const cssUrl = linkedAssets(page).find((url) => url.endsWith('/dkfds/css/dkfds.min.css'))!;
    const gzipped = await get(server.baseUrl, cssUrl, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).to.equal('gzip');
    const css = decoded(gzipped);
    expect(css.length, 'dkfds.min.css is 215 kB as shipped').to.be.below(60_000);
    expect(css).to.contain('.form-input').and.contain('.alert-warning').and.contain('font-display:swap');
    expect(css, 'a component no page uses').to.not.contain('.accordion-button');
    const fonts = [...css.matchAll(/url\((\/static\/[^)]+)\)/g)].map((m) => m[1]!).filter((url) => /\.woff2?$/.test(url));
    expect(fonts).to.have.length.above(0);
    expect(fonts.every((url) => url.endsWith('.woff2')), 'WOFF2 only').to.equal(true);
    const font = await get(server.baseUrl, fonts[0]!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(font.status).to.equal(200);
    expect(font.headers['content-type']).to.equal('font/woff2');
    expect(font.headers['content-encoding']).to.equal(undefined);
    expect(font.headers['cache-control']).to.equal(IMMUTABLE);
    for (const url of css.matchAll(/url\(([^)]+)\)/g)) expect(url[1], 'every url() in the CSS is hashed').to.match(/^\/static\/[0-9a-f]{12}\/|^data:/);
  });

  it('serves a module\'s relative imports under the module\'s hash, an outdated hash uncached, and no unknown file', async () => {
    const { staticAssets } = await import('../../src/static/staticRoutes.js');
    const { projectRoot, dkfdsDistDir } = await import('../../src/shared/views.js');
    const main = staticAssets({ projectRoot: projectRoot(), dkfdsDistDir: dkfdsDistDir() }).urlFor('js/dashboard/main.js');
    const imported = await get(server.baseUrl, main.replace(/main\.js$/, 'chartSetup.js'));
    expect(imported.status).to.equal(200);
    expect(imported.headers['cache-control']).to.equal(IMMUTABLE);
    expect(imported.body.toString('utf8')).to.match(/export /);

    const outdated = await get(server.baseUrl, '/static/000000000000/css/pejling.css');
    expect(outdated.status).to.equal(200);
    expect(outdated.headers['cache-control']).to.equal('no-cache');
    expect((await get(server.baseUrl, '/static/000000000000/css/nothing.css')).status).to.equal(404);
    // The unhashed URLs of earlier versions still answer, with a short cache.
    const legacy = await get(server.baseUrl, '/static/css/pejling.css');
    expect(legacy.status).to.equal(200);
    expect(legacy.headers['cache-control']).to.not.contain('immutable');
  });

  it('names every module a page\'s script imports, directly or not, for preloading, each served under the script\'s hash', async () => {
    const { staticAssets } = await import('../../src/static/staticRoutes.js');
    const { projectRoot, dkfdsDistDir } = await import('../../src/shared/views.js');
    const assets = staticAssets({ projectRoot: projectRoot(), dkfdsDistDir: dkfdsDistDir() });
    const hashDir = assets.urlFor('js/dashboard/main.js').replace(/js\/dashboard\/main\.js$/, '');
    const preloads = assets.importUrlsOf('js/dashboard/main.js');
    // main.js imports these eight; they import rows.js, text.js and palette.js.
    const modules = ['chartSetup', 'beliefChart', 'download', 'filters', 'legend', 'likertChart', 'stackedChart', 'rows', 'text', 'palette'];
    expect(preloads).to.include.members(modules.map((name) => `${hashDir}js/dashboard/${name}.js`));
    expect(preloads).to.not.include(`${hashDir}js/dashboard/main.js`);
    for (const url of preloads) {
      const res = await get(server.baseUrl, url);
      expect(res.status, url).to.equal(200);
      expect(res.headers['cache-control'], url).to.equal(IMMUTABLE);
    }
    expect(assets.importUrlsOf('js/dashboard/text.js'), 'a module without imports').to.deep.equal([]);
  });
});
