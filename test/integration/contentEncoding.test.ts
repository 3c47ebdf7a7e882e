import zlib from 'node:zlib';
import { expect } from 'chai';
import request from 'supertest';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildProject, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** superagent would JSON-encode a Buffer sent as application/json: send the bytes as they are. */
const asIs = (body: unknown) => body as string;

const json = Buffer.from(JSON.stringify({ name: 'Komprimeret', defaultLanguage: 'da', anonymityK: 5 }));

/** Bodies whose Content-Encoding lies or is unknown: each must be refused with 400 or 415. */
const corrupt: { name: string; encoding: string; body: Buffer; status: number }[] = [
  { name: 'gzip that is not gzip', encoding: 'gzip', body: Buffer.from('name=x&email=y'), status: 400 },
  { name: 'truncated gzip', encoding: 'gzip', body: zlib.gzipSync(json).subarray(0, 12), status: 400 },
  { name: 'deflate that is not deflate', encoding: 'deflate', body: Buffer.from('{"a":1}'), status: 400 },
  { name: 'br that is not brotli', encoding: 'br', body: Buffer.from('\xff\xff\xff not brotli'), status: 400 },
  { name: 'an unknown encoding', encoding: 'x-unknown', body: json, status: 415 },
  { name: 'two stacked encodings', encoding: 'gzip, br', body: zlib.gzipSync(json), status: 415 },
];

describeWithEachDatabase('corrupt or unknown Content-Encoding', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let token: string;
  let projectId: number;
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    ({ token } = await buildInvitation(ctx().dataSource, round));
    projectId = (await buildProject(ctx().dataSource)).id;
  });

  type Target = { what: string; send: (encoding: string, body: Buffer) => request.Test; page: boolean };
  const targets = (): Target[] => {
    const app = ctx().app;
    const bearer = { authorization: `Bearer ${admin.apiToken}` };
    return [
      { what: 'JSON submission, no login', page: false, send: (e, b) => request(app).post(`/api/responses/${token}`).set({ 'content-type': 'application/json', 'content-encoding': e }).serialize(asIs).send(b) },
      { what: 'JSON draft, no login', page: false, send: (e, b) => request(app).put(`/api/drafts/${token}`).set({ 'content-type': 'application/json', 'content-encoding': e }).serialize(asIs).send(b) },
      { what: 'JSON admin API, no login', page: false, send: (e, b) => request(app).post('/api/projects').set({ 'content-type': 'application/json', 'content-encoding': e }).serialize(asIs).send(b) },
      { what: 'JSON admin API, API token', page: false, send: (e, b) => request(app).post('/api/projects').set({ ...bearer, 'content-type': 'application/json', 'content-encoding': e }).serialize(asIs).send(b) },
      { what: 'CSV import API, API token', page: false, send: (e, b) => request(app).post(`/api/projects/${projectId}/respondents/import?dryRun=true`).set({ ...bearer, 'content-type': 'text/csv', 'content-encoding': e }).serialize(asIs).send(b) },
      { what: 'login form, no login', page: true, send: (e, b) => request(app).post('/login').set({ 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': e, accept: 'text/html' }).serialize(asIs).send(b) },
      { what: 'caseworker form, no login', page: true, send: (e, b) => request(app).post(`/s/${token}`).set({ 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': e, accept: 'text/html' }).serialize(asIs).send(b) },
      { what: 'open link form, no login', page: true, send: (e, b) => request(app).post('/a/unknown-open-link').set({ 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': e, accept: 'text/html' }).serialize(asIs).send(b) },
      { what: 'admin form, signed in', page: true, send: (e, b) => admin.agent.post('/admin/projects').set({ 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': e, accept: 'text/html', 'x-csrf-token': admin.csrfToken }).serialize(asIs).send(b) },
      { what: 'file upload, signed in', page: true, send: (e, b) => admin.agent.post(`/admin/projects/${projectId}/respondents/import`).set({ 'content-type': 'multipart/form-data; boundary=xyz', 'content-encoding': e, accept: 'text/html', 'x-csrf-token': admin.csrfToken }).serialize(asIs).send(b) },
    ];
  };

  for (const body of corrupt) {
    it(`${body.name}: 4xx with a readable message on JSON, form and upload endpoints, signed in or not`, async () => {
      const failures: string[] = [];
      for (const target of targets()) {
        const res = await target.send(body.encoding, body.body);
        if (res.status >= 500 || res.status < 400) failures.push(`${target.what}: ${res.status}`);
        else if (target.page) {
          if (!/text\/html/.test(res.headers['content-type'] ?? '') || !/Vi kunne ikke læse det, du sendte/.test(res.text)) failures.push(`${target.what}: no Danish page (${res.status})`);
        } else if (res.status !== body.status || !/\(.+\)/.test(res.body?.error?.message ?? '')) failures.push(`${target.what}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      expect(failures).to.deep.equal([]);
    });
  }

  it('a valid gzip body is still read, and a compressed upload is refused with 415', async () => {
    const created = await request(ctx().app).post('/api/projects').set({ authorization: `Bearer ${admin.apiToken}`, 'content-type': 'application/json', 'content-encoding': 'gzip' }).serialize(asIs).send(zlib.gzipSync(json));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const upload = await admin.agent.post(`/admin/projects/${projectId}/respondents/import`).set({ 'content-type': 'multipart/form-data; boundary=xyz', 'content-encoding': 'gzip', 'x-csrf-token': admin.csrfToken }).serialize(asIs).send(zlib.gzipSync('--xyz--\r\n'));
    expect(upload.status).to.equal(415);
    const submission = await request(ctx().app).post(`/api/responses/${token}`).set({ 'content-type': 'application/json', 'content-encoding': 'deflate' })
      .serialize(asIs).send(zlib.deflateSync(JSON.stringify({ answers: buildValidAnswers(ctx().catalog.latest('hir-start')!.questionnaire) })));
    expect(submission.status).to.equal(201);
  });
});
