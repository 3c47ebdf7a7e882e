import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Answer, Response } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const rscript = ['/usr/bin/Rscript', '/usr/local/bin/Rscript'].find((candidate) => fs.existsSync(candidate));

describeWithEachDatabase('exports', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    demo = await createDemoProject(ctx().deps, { respondents: 30, seed: 3, responseRate: 0.9, name: 'Eksport' });
  });
  const get = (url: string, who: SignedIn = admin) => request(ctx().app).get(url).set('authorization', `Bearer ${who.apiToken}`).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  const rows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

  it('the long CSV, read back with a CSV library, equals the stored answers', async () => {
    const res = await get(`/api/projects/${demo.projectId}/exports/long.csv?round=${demo.startRoundId}`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('text/csv');
    const text = res.body as string;
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    const parsed = rows(text);
    const stored = await ctx().dataSource.getRepository(Answer).findBy({ roundId: demo.startRoundId });
    expect(parsed).to.have.length(stored.length);
    const key = (r: { item: string; sub: string; code: string; number: string }) => `${r.item}|${r.sub}|${r.code}|${r.number}`;
    expect(parsed.map((r) => key({ item: r.item_id!, sub: r.sub_id!, code: r.value_code!, number: r.value_number! })).sort())
      .to.deep.equal(stored.map((a) => key({ item: a.itemId, sub: a.subId, code: a.valueCode === null ? '' : String(a.valueCode), number: a.valueNumber === null ? '' : String(a.valueNumber) })).sort());
    const labelled = parsed.find((r) => r.item_id === 'opp_plan_no_passive' && r.value_code === '5');
    if (labelled) expect(labelled.value_label).to.equal('Helt enig');
    expect(parsed.every((r) => /^P\d+$/.test(r.person_key!))).to.equal(true);
    expect(text).to.not.contain('@example.dk');
  });

  it('wide and paired wide have one row per response or pair, with _start/_end columns; the codebook carries the labels', async () => {
    const wide = rows((await get(`/api/projects/${demo.projectId}/exports/wide.csv?round=${demo.endRoundId}`)).body as string);
    expect(wide).to.have.length(await ctx().dataSource.getRepository(Response).countBy({ roundId: demo.endRoundId }));
    expect(Object.keys(wide[0]!)).to.include.members(['person_key', 'caseload', 'time_use__documentation', 'task_division__motivate_citizen']);
    const paired = rows((await get(`/api/projects/${demo.projectId}/exports/paired.csv?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`)).body as string);
    const comparison = await request(ctx().app).get(`/api/projects/${demo.projectId}/comparison?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`).set('authorization', `Bearer ${admin.apiToken}`);
    expect(paired).to.have.length(comparison.body.n.paired);
    expect(Object.keys(paired[0]!)).to.include.members(['caseload_start', 'caseload_end']);
    expect(Object.keys(paired[0]!)).to.not.include('opp_coordinate_other_sectors_end');
    const codebook = rows((await get(`/api/projects/${demo.projectId}/exports/codebook.csv`)).body as string);
    expect(codebook.find((r) => r.column === 'opp_plan_no_passive' && r.code === '9')).to.deep.include({ label_da: 'Ved ikke', dont_know: '1', rounds: 'START END' });
  });

  it('the R script reads the exports and applies the labels under Rscript', async function () {
    if (!rscript) {
      if (process.env.CI) throw new Error('Rscript is required in CI (apt-get install r-base-core)');
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-r-'));
    // Saved as a browser saves them: under the names the server gives.
    const names: Record<string, string> = {};
    for (const [key, url] of [['script', 'pejling.R'], ['wide', `wide.csv?round=${demo.startRoundId}`], ['paired', `paired.csv?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`], ['codebook', 'codebook.csv']]) {
      const res = await get(`/api/projects/${demo.projectId}/exports/${url}`);
      names[key!] = /filename="([^"]+)"/.exec(res.headers['content-disposition'] as string)![1]!;
      fs.writeFileSync(path.join(dir, names[key!]!), res.body as string);
    }
    expect(names.codebook).to.match(/^pejling-[a-z0-9-]+-codebook-\d{4}-\d{2}-\d{2}\.csv$/);
    // Another project's codebook, newer, must not be taken for this project's export.
    fs.writeFileSync(path.join(dir, 'pejling-andet-projekt-codebook-2099-01-01.csv'), 'column,item_id,sub_id,kind,text_da,text_en,code,label_da,label_en,dont_know,rounds,ordered\r\n');
    for (const args of [[names.wide!, names.codebook!], [names.paired!], [names.wide!]]) {
      const output = execFileSync(rscript!, [names.script!, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(output, args.join(' ')).to.match(/\d+ rows, \d+ columns read/);
      // The first ordered column with its question text: the labels came from this project's codebook.
      expect(output, args.join(' ')).to.match(/^\w+: \S.+$/m);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leads get exports of their project without free text; other leads get 404', async () => {
    // Everyone answers both rounds: a lead's record-level rows need k people per combination of
    // visible attributes and answered rounds, which the drop-outs of the shared demo split below k.
    const full = await createDemoProject(ctx().deps, { respondents: 30, seed: 3, responseRate: 1, name: 'Eksport uden frafald' });
    const lead = await signIn(ctx(), { role: 'lead', projectIds: [full.projectId] });
    const res = await get(`/api/projects/${full.projectId}/exports/long.csv?round=${full.startRoundId}`, lead);
    expect(res.status).to.equal(200);
    expect(rows(res.body as string).every((r) => r.value_text === '')).to.equal(true);
    const stranger = await signIn(ctx(), { role: 'lead' });
    expect((await get(`/api/projects/${full.projectId}/exports/long.csv?round=${full.startRoundId}`, stranger)).status).to.equal(404);
  });

  it('neutralises spreadsheet formulas in exported text', async () => {
    const [response] = await ctx().dataSource.getRepository(Response).find({ where: { roundId: demo.startRoundId }, take: 1 });
    await ctx().dataSource.getRepository(Answer).delete({ responseId: response!.id, itemId: 'comment' });
    await ctx().dataSource.getRepository(Answer).insert({ responseId: response!.id, roundId: demo.startRoundId, itemId: 'comment', subId: '', valueCode: null, valueNumber: null, valueText: '=HYPERLINK("http://evil","klik")' });
    const text = (await get(`/api/projects/${demo.projectId}/exports/long.csv?round=${demo.startRoundId}`)).body as string;
    expect(text).to.contain(`"'=HYPERLINK(""http://evil"",""klik"")"`);
  });
});
