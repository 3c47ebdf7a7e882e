import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { Answer, AuditLog, Project, Respondent, Response, Round } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const DANISH = 'æøåÆØÅ';
type Cell = string | number | null;

/** A sheet's rows as plain values (header first), empty cells as null. */
function sheetRows(sheet: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: Cell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      values.push(value === null || value === undefined ? null : typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value));
    }
    rows.push(values);
  });
  return rows;
}

/** A CSV's cells with numbers as numbers (the CSV writes numbers bare and quotes every text). */
function csvRows(text: string, dialect: 'rfc4180' | 'excel-da' = 'rfc4180'): Cell[][] {
  return (parse(text, { bom: true, delimiter: dialect === 'excel-da' ? ';' : ',', cast: (value, context) => {
    if (context.quoting || value === '') return value === '' && !context.quoting ? null : value;
    return Number(dialect === 'excel-da' ? value.replace(',', '.') : value);
  } }) as Cell[][]);
}

/**
 * The Excel exports and the CSV dialects, on a project where every text a file can carry (project
 * name, round labels, attributes, free text) holds æøåÆØÅ.
 */
describeWithEachDatabase('exports: Excel, Danish Excel CSV, file names and lead privacy', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let lead: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  const base = () => `/api/projects/${demo.projectId}/exports`;
  const download = (url: string, who: SignedIn = admin) => request(ctx().app).get(url).set('authorization', `Bearer ${who.apiToken}`).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const text = async (url: string, who: SignedIn = admin) => ((await download(url, who)).body as Buffer).toString('utf8');
  const workbook = async (url: string, who: SignedIn = admin) => {
    const res = await download(url, who);
    expect(res.status, url).to.equal(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((res.body as Buffer) as unknown as ArrayBuffer);
    return book;
  };

  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    demo = await createDemoProject(ctx().deps, { respondents: 30, seed: 3, responseRate: 1, name: `Håndholdt ${DANISH}` });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [demo.projectId] });
    const db = ctx().dataSource;
    await db.getRepository(Round).update(demo.startRoundId, { label: 'FØR' });
    await db.getRepository(Round).update(demo.endRoundId, { label: 'EFTER-Å' });
    for (const respondent of await db.getRepository(Respondent).findBy({ projectId: demo.projectId })) {
      await db.getRepository(Respondent).update(respondent.id, { municipality: `${respondent.municipality} ${DANISH}`, team: `${respondent.team ?? ''} ${DANISH}`, role: `Rådgiver ${DANISH}` });
    }
    for (const roundId of [demo.startRoundId, demo.endRoundId]) {
      for (const response of await db.getRepository(Response).findBy({ roundId })) {
        await db.getRepository(Answer).delete({ responseId: response.id, itemId: 'comment' });
        await db.getRepository(Answer).insert({ responseId: response.id, roundId, itemId: 'comment', subId: '', valueCode: null, valueNumber: null, valueText: `Kommentar ${DANISH}` });
      }
    }
    // A decimal number, for the decimal comma.
    const [first] = await db.getRepository(Response).find({ where: { roundId: demo.startRoundId }, order: { id: 'ASC' }, take: 1 });
    await db.getRepository(Answer).update({ responseId: first!.id, itemId: 'caseload' }, { valueNumber: 12.5 });
  });

  it('wide.xlsx holds the same cells as wide.csv, Danish letters included, and a codebook sheet', async () => {
    const csv = csvRows(await text(`${base()}/wide.csv?round=${demo.startRoundId}`));
    const book = await workbook(`${base()}/wide.xlsx?round=${demo.startRoundId}`);
    expect(book.worksheets.map((s) => s.name)).to.deep.equal(['Data', 'Kodebog']);
    const rows = sheetRows(book.getWorksheet('Data')!);
    expect(rows).to.deep.equal(csv);
    expect(rows.length).to.equal(1 + await ctx().dataSource.getRepository(Response).countBy({ roundId: demo.startRoundId }));
    const header = rows[0]!;
    const row = rows.find((r) => r[header.indexOf('caseload')] === 12.5)!;
    expect(row, 'the decimal caseload').to.not.equal(undefined);
    for (const name of ['round', 'municipality', 'team', 'role', 'comment']) expect(String(row[header.indexOf(name)]), name).to.contain(name === 'round' ? 'FØR' : DANISH);
    const codebook = sheetRows(book.getWorksheet('Kodebog')!);
    expect(codebook[0]).to.include.members(['Kolonne', 'Tekst (dansk)', 'Kode', 'Svar (dansk)']);
    expect(codebook.find((r) => r[0] === 'opp_plan_no_passive' && r[6] === 9)).to.include.members(['Ved ikke', 1, 'FØR']);
  });

  it('paired.xlsx holds the same cells as paired.csv', async () => {
    const query = `baseline=${demo.startRoundId}&followup=${demo.endRoundId}`;
    const csv = csvRows(await text(`${base()}/paired.csv?${query}`));
    const rows = sheetRows((await workbook(`${base()}/paired.xlsx?${query}`)).getWorksheet('Data')!);
    expect(rows).to.deep.equal(csv);
    expect(rows[0]).to.include.members(['caseload_start', 'caseload_end']);
    expect(rows.length).to.be.greaterThan(10);
  });

  it('figures.xlsx gives the dashboard\'s figures as numbers, one sheet per section, shares formatted as percentages', async () => {
    const query = `baseline=${demo.startRoundId}&followup=${demo.endRoundId}`;
    const comparison = (await request(ctx().app).get(`/api/projects/${demo.projectId}/comparison?${query}`).set('authorization', `Bearer ${admin.apiToken}`)).body;
    const book = await workbook(`${base()}/figures.xlsx?${query}`);
    expect(book.worksheets.map((s) => s.name)).to.include.members(['Om tallene', 'Overblik', 'Udsagn', 'Udsagn, enige (top-2)', 'Tro på borgernes muligheder', 'Tal', 'Tidsforbrug']);
    expect(sheetRows(book.getWorksheet('Om tallene')!).flat().join(' ')).to.contain(`Håndholdt ${DANISH}`).and.to.contain('FØR').and.to.contain('EFTER-Å');
    const top2 = book.getWorksheet('Udsagn, enige (top-2)')!;
    const top2Rows = sheetRows(top2);
    expect(top2Rows[0]).to.include.members(['Andel enige FØR', 'Andel enige EFTER-Å', 'Ændring (procentpoint)']);
    const item = comparison.scaleItems.find((s: { itemId: string; top2?: unknown }) => s.itemId === 'opp_plan_no_passive');
    const row = top2Rows.find((r) => r[1] === item.text.da)!;
    expect(row[2]).to.equal(item.top2.baseline.share);
    expect(row[3]).to.equal(item.top2.followUp.share);
    expect(row[4]).to.equal(item.top2.changePp.estimate);
    expect(top2.getRow(2).getCell(3).numFmt).to.equal('0.0%');
    const distribution = sheetRows(book.getWorksheet('Udsagn')!);
    const helt = distribution.find((r) => r[1] === item.text.da && r[3] === 5)!;
    const category = item.baseline.categories.find((c: { code: number }) => c.code === 5);
    expect(helt.slice(4, 6)).to.deep.equal([category.count, category.share]);
    const overview = sheetRows(book.getWorksheet('Overblik')!);
    expect(overview[1]!.slice(0, 3)).to.deep.equal(['FØR', 30, comparison.n.baseline]);
  });

  it('figures.xlsx keeps the dashboard\'s rules: a filter on a hidden attribute is refused, a lead gets no difference in differences without groups', async () => {
    const db = ctx().dataSource;
    await db.getRepository(Project).update(demo.projectId, { reportableAttributes: '["municipality"]' });
    try {
      const refused = await download(`${base()}/figures.xlsx?team=x`, lead);
      expect(refused.status).to.equal(400);
      const book = await workbook(`${base()}/figures.xlsx`, lead);
      expect(book.worksheets.map((s) => s.name)).to.not.include('Indsats mod kontrol (DiD)');
      expect((await workbook(`${base()}/figures.xlsx`)).worksheets.map((s) => s.name)).to.include('Indsats mod kontrol (DiD)');
    } finally {
      await db.getRepository(Project).update(demo.projectId, { reportableAttributes: '["municipality","team","group","role"]' });
    }
  });

  it('?dialect=excel-da: semicolons, decimal commas and a BOM, the same cells as the default; an unknown dialect is a 400 that says which exist', async () => {
    for (const file of [`wide.csv?round=${demo.startRoundId}`, `long.csv?round=${demo.startRoundId}`, `paired.csv?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, 'codebook.csv']) {
      const plain = await text(`${base()}/${file}`);
      const danish = await text(`${base()}/${file}${file.includes('?') ? '&' : '?'}dialect=excel-da`);
      expect(danish.charCodeAt(0), file).to.equal(0xfeff);
      expect(danish.split('\r\n')[0]!.split(';').length, file).to.be.greaterThan(3);
      expect(csvRows(danish, 'excel-da'), file).to.deep.equal(csvRows(plain));
    }
    expect(await text(`${base()}/wide.csv?round=${demo.startRoundId}&dialect=excel-da`)).to.match(/;12,5;/);
    expect(await text(`${base()}/long.csv?round=${demo.startRoundId}&dialect=excel-da`)).to.match(/;12,5;/);
    const refused = await request(ctx().app).get(`${base()}/wide.csv?round=${demo.startRoundId}&dialect=excel`).set('authorization', `Bearer ${admin.apiToken}`);
    expect(refused.status).to.equal(400);
    expect(refused.body.error.code).to.equal('unknown_dialect');
    expect(refused.body.error.message).to.contain('Ukendt CSV-format').and.to.contain('excel-da');
  });

  it('file names carry project, rounds, what and date (æøå written out), plain and as filename*', async () => {
    const today = ctx().deps.clock().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
    const cases: [string, string][] = [
      [`paired.xlsx?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, `pejling-haandholdt-aeoeaaaeoeaa-FOeR-EFTER-Aa-paired-${today}.xlsx`],
      [`wide.csv?round=${demo.startRoundId}`, `pejling-haandholdt-aeoeaaaeoeaa-FOeR-wide-${today}.csv`],
      ['codebook.csv', `pejling-haandholdt-aeoeaaaeoeaa-codebook-${today}.csv`],
      [`figures.xlsx?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, `pejling-haandholdt-aeoeaaaeoeaa-FOeR-EFTER-Aa-tal-${today}.xlsx`],
    ];
    for (const [file, name] of cases) {
      const res = await download(`${base()}/${file}`);
      expect(res.headers['content-disposition'], file).to.equal(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    }
  });

  it('a lead\'s exports give the date of a submission, never its time; an admin\'s the full timestamp; every export is logged', async () => {
    const before = await ctx().dataSource.getRepository(AuditLog).countBy({ objectId: String(demo.projectId) });
    const adminWide = csvRows(await text(`${base()}/wide.csv?round=${demo.startRoundId}`));
    expect(adminWide[1]![2]).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const leadWide = csvRows(await text(`${base()}/wide.csv?round=${demo.startRoundId}`, lead));
    const leadLong = csvRows(await text(`${base()}/long.csv?round=${demo.startRoundId}&dialect=excel-da`, lead), 'excel-da');
    const leadXlsx = sheetRows((await workbook(`${base()}/wide.xlsx?round=${demo.startRoundId}`, lead)).getWorksheet('Data')!);
    for (const rows of [leadWide, leadLong, leadXlsx]) {
      expect(rows[0]![2]).to.equal('submitted_at');
      expect(rows.slice(1).every((r) => /^\d{4}-\d{2}-\d{2}$/.test(String(r[2])))).to.equal(true);
      expect(rows.flat().some((cell) => String(cell).includes(`Kommentar ${DANISH}`)), 'free text').to.equal(false);
    }
    const after = await ctx().dataSource.getRepository(AuditLog).find({ where: { objectId: String(demo.projectId) }, order: { id: 'ASC' } });
    expect(after.slice(before).map((entry) => entry.action)).to.deep.equal(['export.wide', 'export.wide', 'export.long', 'export.wide']);
    expect(JSON.parse(after.at(-1)!.details!)).to.deep.include({ format: 'xlsx' });
  });
});
