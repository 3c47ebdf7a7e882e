import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { Answer, MailOutbox, Respondent, Response } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { FORMULA_PAYLOADS, formulaCells } from '../support/spreadsheetCells.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/**
 * Every file a person downloads, opened by a spreadsheet that splits on `,`, `;` or tab: names,
 * attributes and free text full of formulas behind separators must come out as text.
 */
describeWithEachDatabase('no export cell runs as a formula', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  const payload = (i: number) => FORMULA_PAYLOADS[i % FORMULA_PAYLOADS.length]!;

  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    demo = await createDemoProject(ctx().deps, { respondents: 12, seed: 5, responseRate: 1, name: 'Formler' });
    const db = ctx().dataSource;
    for (const [i, respondent] of (await db.getRepository(Respondent).findBy({ projectId: demo.projectId })).entries()) {
      await db.getRepository(Respondent).update(respondent.id, { name: payload(i), municipality: payload(i + 1), team: payload(i + 2), role: payload(i + 3), groupName: respondent.groupName });
    }
    for (const roundId of [demo.startRoundId, demo.endRoundId]) {
      for (const [i, response] of (await db.getRepository(Response).findBy({ roundId })).entries()) {
        await db.getRepository(Answer).delete({ responseId: response.id, itemId: 'comment' });
        await db.getRepository(Answer).insert({ responseId: response.id, roundId, itemId: 'comment', subId: '', valueCode: null, valueNumber: null, valueText: payload(i) });
      }
    }
    await db.getRepository(MailOutbox).insert(FORMULA_PAYLOADS.map((text) => ({ kind: 'invitation' as const, invitationId: null, toAddress: 'a@example.dk', subject: text, textBody: `Hej\n${text}`, htmlBody: null, status: 'held' as const })));
  });

  const download = (url: string) => admin.agent.get(url).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });

  it('long, wide, paired, codebook, R script, round links and outbox: no cell starts a formula, split on `,`, `;` or tab', async () => {
    const exports = `/api/projects/${demo.projectId}/exports`;
    const files = [
      `${exports}/long.csv?round=${demo.startRoundId}`, `${exports}/wide.csv?round=${demo.endRoundId}`,
      `${exports}/paired.csv?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, `${exports}/codebook.csv`, `${exports}/pejling.R`,
      `${exports}/long.csv?round=${demo.startRoundId}&dialect=excel-da`, `${exports}/wide.csv?round=${demo.endRoundId}&dialect=excel-da`,
      `${exports}/paired.csv?baseline=${demo.startRoundId}&followup=${demo.endRoundId}&dialect=excel-da`, `${exports}/codebook.csv?dialect=excel-da`,
      `/admin/projects/${demo.projectId}/rounds/${demo.startRoundId}/links.csv`, '/admin/outbox.csv',
    ];
    for (const file of files) {
      const res = await download(file);
      expect(res.status, file).to.equal(200);
      const text = res.body as string;
      expect(formulaCells(text), file).to.deep.equal([]);
    }
  });

  it('the payloads are all there, quoted and behind an apostrophe, and numbers stay numbers', async () => {
    const long = (await download(`/api/projects/${demo.projectId}/exports/long.csv?round=${demo.startRoundId}`)).body as string;
    expect(long).to.contain(`"ok;'=cmd|' /C calc'!A0"`);
    const rows = parse(long, { columns: true, bom: true }) as Record<string, string>[];
    const texts = new Set(rows.filter((r) => r.item_id === 'comment').map((r) => r.value_text));
    expect([...texts]).to.include.members(["ok;'=cmd|' /C calc'!A0", "'-1+2", "a,'=1+1"]);
    // Codes and numbers are written bare, so a spreadsheet reads them as numbers.
    expect(long).to.match(/,"opp_plan_no_passive","",\d,"[^"]+",,/);
    const wide = (await download(`/api/projects/${demo.projectId}/exports/wide.csv?round=${demo.startRoundId}`)).body as string;
    expect(wide).to.match(/"START","[^"]+","'?[^"]*",/);
  });

  it('the Excel workbooks hold every payload as a text cell, exactly as written, and no formula', async () => {
    const exports = `/api/projects/${demo.projectId}/exports`;
    const files = [`${exports}/wide.xlsx?round=${demo.startRoundId}`, `${exports}/paired.xlsx?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, `${exports}/figures.xlsx?baseline=${demo.startRoundId}&followup=${demo.endRoundId}&paired=false`];
    const texts = new Set<string>();
    for (const file of files) {
      const res = await admin.agent.get(file).buffer(true).parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(res.status, file).to.equal(200);
      const zip = await JSZip.loadAsync(res.body as Buffer);
      for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
        const xml = await zip.file(name)!.async('string');
        expect(xml, `${file} ${name}`).to.not.match(/<f[ >]/);
        // Every cell is a number or a string (t="str" without <f>, as exceljs writes text without a shared-string table): nothing a spreadsheet evaluates.
        for (const [, type] of xml.matchAll(/<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="(\w+)")?/g)) expect([undefined, 'str', 'n'], `${file} ${name}`).to.include(type);
        for (const [, value] of xml.matchAll(/t="str"><v>([^<]*)<\/v>/g)) texts.add(value!.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      }
    }
    // Every free-text answer stored, formula or not, comes back exactly as written.
    const stored = (await ctx().dataSource.getRepository(Answer).findBy({ itemId: 'comment' })).map((a) => a.valueText!);
    expect(stored.length).to.be.greaterThan(10);
    expect(stored.filter((payload) => !texts.has(payload))).to.deep.equal([]);
  });
});
