import http from 'node:http';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { listen } from '../support/liveServer.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

interface Raw { headers: http.IncomingHttpHeaders; chunks: Buffer[] }

function get(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, chunks }));
    }).on('error', reject);
  });
}

// Compression is the same whatever the database: SQLite only.
describeWithEachDatabase('a CSV export, compressed', testDatabases.filter((d) => d.name === 'sqlite'), (ctx: () => TestContext) => {
  let admin: SignedIn;
  let server: { baseUrl: string; close(): Promise<void> };
  let url: string;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    const demo = await createDemoProject(ctx().deps, { respondents: 60, seed: 5, responseRate: 1, name: 'Komprimeret eksport' });
    server = await listen(ctx().app);
    url = `${server.baseUrl}/api/projects/${demo.projectId}/exports/long.csv?round=${demo.startRoundId}`;
  });
  after(() => server?.close());

  it('is still streamed (chunked, no length given) and unpacks to the plain export', async () => {
    const auth = { authorization: `Bearer ${admin.apiToken}` };
    const plain = Buffer.concat((await get(url, auth)).chunks).toString('utf8');
    expect(plain.split('\r\n').length).to.be.above(1000);
    for (const [encoding, unpack] of [['gzip', zlib.gunzipSync], ['br', zlib.brotliDecompressSync]] as const) {
      const packed = await get(url, { ...auth, 'accept-encoding': encoding });
      expect(packed.headers['content-encoding'], encoding).to.equal(encoding);
      expect(packed.headers['transfer-encoding'], encoding).to.equal('chunked');
      expect(packed.headers['content-length'], encoding).to.equal(undefined);
      const body = Buffer.concat(packed.chunks);
      expect(body.length, encoding).to.be.below(Buffer.byteLength(plain) / 3);
      expect(unpack(body).toString('utf8'), encoding).to.equal(plain);
    }
  });
});
