import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import request from 'supertest';
import { Answer, AuditLog, Project, Respondent, Response, Round } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { stataNames } from '../../src/exports/dtaWriter.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { cellMatches, R_DUMP, readSavDictionary, runR } from '../support/statFiles.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

type Table = { header: string[]; rows: string[][] };
type CodebookRow = Record<string, string>;

const DANISH_COMMENT = `Æblegrød og rødgrød med fløde på Ærø og i Åbenrå. ${'Sagsbehandlerne på Østerbro svarer ærligt. '.repeat(12)}slut`;

describeWithEachDatabase('exports for SPSS, Stata and R', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let lead: SignedIn;
  let demo: { projectId: number; startRoundId: number; endRoundId: number };
  let dir: string;
  let codebook: CodebookRow[];
  before(async () => {
    admin = await signIn(ctx(), { role: 'admin' });
    demo = await createDemoProject(ctx().deps, { respondents: 30, seed: 5, responseRate: 1, name: 'Eksport æøå ÆØÅ' });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [demo.projectId] });
    const ds = ctx().dataSource;
    // Danish letters in every text field: round labels, roles (teams already have Øst, Køge), free text.
    // Leads see municipality and role only, so team and group must come out empty for them.
    await ds.getRepository(Project).update({ id: demo.projectId }, { reportableAttributes: '["municipality","role"]' });
    await ds.getRepository(Round).update({ id: demo.startRoundId }, { label: 'Før-æøå' });
    await ds.getRepository(Round).update({ id: demo.endRoundId }, { label: 'Efter-ÆØÅ' });
    await ds.getRepository(Respondent).update({ projectId: demo.projectId }, { role: 'Særlig rådgiver på Ærø' });
    const [first, second] = await ds.getRepository(Response).find({ where: { roundId: demo.startRoundId }, order: { id: 'ASC' }, take: 2 });
    for (const [response, text] of [[first!, DANISH_COMMENT], [second!, '=HYPERLINK("http://ond","klik på æ")']] as const) {
      await ds.getRepository(Answer).delete({ responseId: response.id, itemId: 'comment' });
      await ds.getRepository(Answer).insert({ responseId: response.id, roundId: demo.startRoundId, itemId: 'comment', subId: '', valueCode: null, valueNumber: null, valueText: text });
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-stat-export-'));
    codebook = parse(await text('codebook.csv'), { columns: true, bom: true }) as CodebookRow[];
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fetch = async (file: string, who: SignedIn = admin): Promise<Buffer> => {
    const res = await request(ctx().app).get(`/api/projects/${demo.projectId}/exports/${file}`).set('authorization', `Bearer ${who.apiToken}`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status, `${file}: ${String(res.body)}`).to.equal(200);
    return res.body as Buffer;
  };
  const text = async (file: string, who: SignedIn = admin) => (await fetch(file, who)).toString('utf8');
  const csvTable = (csv: string): Table => {
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    return { header: header!, rows };
  };
  const rTable = (file: string): Table => csvTable(fs.readFileSync(path.join(dir, file), 'utf8'));
  const rMeta = (file: string) => parse(fs.readFileSync(path.join(dir, file)), { columns: true, delimiter: '\t', quote: false }) as Record<string, string>[];
  /** The codebook entries of a wide or paired column (paired columns end in _start/_end). */
  const entriesOf = (name: string) => {
    const exact = codebook.filter((r) => r.column === name);
    return exact.length > 0 ? exact : codebook.filter((r) => r.column === name.replace(/_(start|end)$/, ''));
  };
  const coded = (name: string) => entriesOf(name).filter((r) => r.code !== '');
  const dontKnow = (name: string) => coded(name).filter((r) => r.dont_know === '1').map((r) => r.code);
  const numeric = (value: string) => (value === '' ? null : Number(value));
  const isNumberColumn = (name: string) => entriesOf(name).length > 0 && entriesOf(name)[0]!.kind !== 'text';

  const queryOf = (kind: string) => (kind === 'wide' ? `round=${demo.startRoundId}` : `baseline=${demo.startRoundId}&followup=${demo.endRoundId}`);

  /** Downloads CSV, .sav and .dta of one export and has R write what haven and foreign read. */
  async function readBack(context: Mocha.Context, kind: string, query: string, who: SignedIn, prefix: string): Promise<{ csv: Table; sav: Buffer }> {
    const csv = csvTable(await text(`${kind}.csv?${query}`, who));
    const sav = await fetch(`${kind}.sav?${query}`, who);
    fs.writeFileSync(path.join(dir, `${prefix}.sav`), sav);
    fs.writeFileSync(path.join(dir, `${prefix}.dta`), await fetch(`${kind}.dta?${query}`, who));
    runR(context, dir, `${R_DUMP}
dump(read_sav("${prefix}.sav", user_na = TRUE), "${prefix}-sav", "")
dump(read_dta("${prefix}.dta"), "${prefix}-dta", "")
f <- foreign::read.spss("${prefix}.sav", to.data.frame = FALSE, use.value.labels = FALSE)
m <- attr(f, "missings")
write.table(data.frame(name = names(f), label = attr(f, "variable.labels")[names(f)],
  labels = vapply(names(f), function(n) paste(sort(attr(f, "label.table")[[n]]), collapse = "|"), ""),
  missing = vapply(names(f), function(n) if (is.null(m[[n]]$value)) "" else paste(m[[n]]$value, collapse = "|"), "")),
  "${prefix}-foreign-meta.tsv", sep = "\\t", quote = FALSE, row.names = FALSE, fileEncoding = "UTF-8")
`);
    return { csv, sav };
  }

  for (const who of ['admin', 'lead'] as const) {
    for (const kind of ['wide', 'paired']) {
      it(`${who}: the ${kind} .sav and .dta hold the ${kind} CSV cell for cell, with labels, "ved ikke" as user-missing and .a, and measurement levels`, async function () {
        const reader = who === 'admin' ? admin : lead;
        const prefix = `${who}-${kind}`;
        const { csv, sav } = await readBack(this, kind, queryOf(kind), reader, prefix);
        expect(csv.rows.length).to.be.greaterThan(10);

        // SPSS through haven: same names, every cell equal (text loses only trailing spaces).
        const savValues = rTable(`${prefix}-sav-values.csv`);
        expect(savValues.header).to.deep.equal(csv.header);
        csv.rows.forEach((row, r) => row.forEach((cell, c) => {
          const expected = isNumberColumn(csv.header[c]!) ? numeric(cell) : cell.trimEnd();
          expect(cellMatches(savValues.rows[r]![c], expected), `${csv.header[c]} row ${r}: ${savValues.rows[r]![c]} vs ${cell}`).to.equal(true);
        }));
        const savMeta = rMeta(`${prefix}-sav-meta.tsv`);
        const foreignMeta = new Map(rMeta(`${prefix}-foreign-meta.tsv`).map((m) => [m.name, m]));
        const dictionary = readSavDictionary(sav);
        const shortNames = dictionary.records.filter((r) => r.type !== -1).map((r) => r.shortName);
        const measureOf = new Map([...dictionary.longNames].map(([short, long]) => [long, dictionary.measures[shortNames.indexOf(short)]]));
        for (const meta of savMeta) {
          const entries = entriesOf(meta.name!);
          expect(foreignMeta.get(meta.name!)?.label, `foreign's label of ${meta.name}`).to.equal(meta.label);
          if (entries.length === 0) {
            expect(meta.label, meta.name).to.not.equal('');
            expect(measureOf.get(meta.name!), meta.name).to.equal(1);
            continue;
          }
          const round = meta.name!.endsWith('_start') && kind === 'paired' ? 'Før-æøå: ' : meta.name!.endsWith('_end') && kind === 'paired' ? 'Efter-ÆØÅ: ' : '';
          expect(meta.label!.startsWith(round) && entries[0]!.text_da!.startsWith(meta.label!.slice(round.length).replace(/…$/, '')), `label of ${meta.name}: ${meta.label}`).to.equal(true);
          const codes = coded(meta.name!);
          if (codes.length > 0) {
            expect(meta.labels).to.equal(codes.map((r) => `${r.code}=${r.label_da}`).join('|'));
            expect(meta.missing).to.equal(dontKnow(meta.name!).join('|'));
            expect(foreignMeta.get(meta.name!)!.missing).to.equal(meta.missing);
            expect(foreignMeta.get(meta.name!)!.labels).to.equal([...codes.map((r) => Number(r.code))].sort((a, b) => a - b).join('|'));
            expect(measureOf.get(meta.name!), meta.name).to.equal(codes[0]!.ordered === '1' ? 2 : 1);
          } else {
            expect(measureOf.get(meta.name!), meta.name).to.equal(entries[0]!.kind === 'text' ? 1 : 3);
          }
        }
        expect(savMeta.some((m) => measureOf.get(m.name!) === 2) && savMeta.some((m) => coded(m.name!).length > 0 && measureOf.get(m.name!) === 1)).to.equal(true);

        // Stata through haven: names within 32 characters, "ved ikke" as NA(a) with its label.
        const dtaValues = rTable(`${prefix}-dta-values.csv`);
        expect(dtaValues.header).to.deep.equal(stataNames(csv.header));
        let dontKnowCells = 0;
        csv.rows.forEach((row, r) => row.forEach((cell, c) => {
          const name = csv.header[c]!;
          if (dontKnow(name).includes(cell)) {
            dontKnowCells += 1;
            expect(dtaValues.rows[r]![c], `${name} row ${r}`).to.equal('NA(a)');
          } else {
            expect(cellMatches(dtaValues.rows[r]![c], isNumberColumn(name) ? numeric(cell) : cell), `${name} row ${r}: ${dtaValues.rows[r]![c]} vs ${cell}`).to.equal(true);
          }
        }));
        expect(dontKnowCells).to.be.greaterThan(0);
        rMeta(`${prefix}-dta-meta.tsv`).forEach((meta, c) => {
          const codes = coded(csv.header[c]!);
          if (codes.length > 0) expect(meta.labels).to.equal(codes.map((r) => `${r.dont_know === '1' ? 'NA(a)' : r.code}=${r.label_da}`).join('|'));
          expect(meta.label, csv.header[c]).to.not.equal('');
        });

        const comment = csv.header.indexOf(kind === 'wide' ? 'comment' : 'comment_start');
        if (who === 'admin') {
          expect(csv.rows.some((row) => row[comment] === DANISH_COMMENT)).to.equal(true);
          expect(savValues.rows.some((row) => row[comment] === DANISH_COMMENT)).to.equal(true);
          expect(dtaValues.rows.some((row) => row[comment]!.startsWith("'=HYPERLINK"))).to.equal(true);
        } else {
          expect(dtaValues.rows.every((row) => row[comment] === '' && row[csv.header.indexOf('team')] === '' && row[csv.header.indexOf('group')] === '')).to.equal(true);
          expect(savValues.rows.every((row) => row[csv.header.indexOf('role')] === 'Særlig rådgiver på Ærø')).to.equal(true);
        }
      });
    }
  }

  it('the .sav and .dta follow the CSV\'s refusals: 409 export_below_k for a lead, 400 for the same round twice', async () => {
    // Drop-outs split the lead's groups (visible attributes × answered rounds) below k, as in exports.test.ts.
    const partial = await createDemoProject(ctx().deps, { respondents: 30, seed: 3, responseRate: 0.9, name: 'Frafald på Ærø' });
    const partialLead = await signIn(ctx(), { role: 'lead', projectIds: [partial.projectId] });
    for (const file of ['wide.sav', 'wide.dta', 'wide.csv']) {
      const res = await request(ctx().app).get(`/api/projects/${partial.projectId}/exports/${file}?round=${partial.startRoundId}`).set('authorization', `Bearer ${partialLead.apiToken}`);
      expect(res.status, file).to.equal(409);
      expect(res.body.error.code, file).to.equal('export_below_k');
    }
    const same = await request(ctx().app).get(`/api/projects/${demo.projectId}/exports/paired.dta?baseline=${demo.startRoundId}&followup=${demo.startRoundId}`).set('authorization', `Bearer ${admin.apiToken}`);
    expect(same.status).to.equal(400);
  });

  it('a lead\'s .sav and .dta carry the date of a submission, never its time; an admin\'s the full timestamp; files named pejling-<project>-<rounds>-<what>-<date>', async function () {
    const today = ctx().deps.clock().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
    const files = [
      [`wide.sav?round=${demo.startRoundId}`, `pejling-eksport-aeoeaa-aeoeaa-Foer-aeoeaa-wide-${today}.sav`],
      [`wide.dta?round=${demo.startRoundId}`, `pejling-eksport-aeoeaa-aeoeaa-Foer-aeoeaa-wide-${today}.dta`],
      [`paired.sav?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, `pejling-eksport-aeoeaa-aeoeaa-Foer-aeoeaa-Efter-AeOeAa-paired-${today}.sav`],
      [`paired.dta?baseline=${demo.startRoundId}&followup=${demo.endRoundId}`, `pejling-eksport-aeoeaa-aeoeaa-Foer-aeoeaa-Efter-AeOeAa-paired-${today}.dta`],
    ];
    for (const [file, name] of files) {
      const res = await request(ctx().app).get(`/api/projects/${demo.projectId}/exports/${file}`).set('authorization', `Bearer ${lead.apiToken}`);
      expect(res.status, file).to.equal(200);
      expect(res.headers['content-disposition'], file).to.equal(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    }
    const timestamps = { admin: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, lead: /^\d{4}-\d{2}-\d{2}$/ };
    for (const who of ['admin', 'lead'] as const) {
      fs.writeFileSync(path.join(dir, `when-${who}.sav`), await fetch(`wide.sav?round=${demo.startRoundId}`, who === 'admin' ? admin : lead));
      fs.writeFileSync(path.join(dir, `when-${who}.dta`), await fetch(`wide.dta?round=${demo.startRoundId}`, who === 'admin' ? admin : lead));
    }
    runR(this, dir, `${R_DUMP}
for (who in c("admin", "lead")) {
  dump(read_sav(paste0("when-", who, ".sav")), paste0("when-", who, "-sav"), "")
  dump(read_dta(paste0("when-", who, ".dta")), paste0("when-", who, "-dta"), "")
}
`);
    for (const who of ['admin', 'lead'] as const) {
      for (const format of ['sav', 'dta']) {
        const { header, rows } = rTable(`when-${who}-${format}-values.csv`);
        const submitted = rows.map((row) => row[header.indexOf('submitted_at')]!);
        expect(submitted.length, `${who} ${format}`).to.be.greaterThan(10);
        for (const value of submitted) expect(value, `${who} ${format}`).to.match(timestamps[who]);
      }
    }
  });

  it('every .sav and .dta download is in the audit log with its format', async () => {
    await fetch(`wide.dta?round=${demo.endRoundId}`);
    const entries = await ctx().dataSource.getRepository(AuditLog).find({ where: { action: 'export.wide' } });
    expect(entries.map((e) => JSON.parse(String(e.details)) as { format?: string; round: number })).to.deep.include({ round: demo.endRoundId, format: 'dta' });
  });

  it('pejling.R reads the wide and paired CSV (and the Danish-Excel CSV alike) into ordered factors, "ved ikke" as NA with an indicator, and question labels', async function () {
    fs.writeFileSync(path.join(dir, 'pejling.R'), await text('pejling.R'));
    fs.writeFileSync(path.join(dir, 'codebook.csv'), await text('codebook.csv'));
    const tables: Record<string, Table> = {};
    for (const kind of ['wide', 'paired']) {
      const csv = await text(`${kind}.csv?${queryOf(kind)}`);
      fs.writeFileSync(path.join(dir, `${kind}.csv`), csv);
      tables[kind] = csvTable(csv);
    }
    // The same rows as Danish Excel reads them: ";" between cells, decimal commas.
    const danish = stringify([tables.wide!.header, ...tables.wide!.rows.map((row) => row.map((cell) => (/^-?\d+\.\d+$/.test(cell) ? cell.replace('.', ',') : cell)))], { delimiter: ';' });
    fs.writeFileSync(path.join(dir, 'wide-da.csv'), `\uFEFF${danish}`);
    runR(this, dir, `source("pejling.R")
same <- identical(read_pejling_export("wide.csv", "codebook.csv"), read_pejling_export("wide-da.csv", "codebook.csv"))
writeLines(if (same) "same" else "different", "excel-da.txt")
for (kind in c("wide", "paired")) {
  d <- read_pejling_export(paste0(kind, ".csv"), "codebook.csv")
  info <- data.frame(name = names(d), class = vapply(d, function(x) class(x)[1], ""),
    label = vapply(d, function(x) { l <- attr(x, "label"); if (is.null(l)) "" else l }, ""),
    levels = vapply(d, function(x) paste(levels(x), collapse = "|"), ""))
  write.table(info, paste0("r-", kind, "-info.tsv"), sep = "\\t", quote = FALSE, row.names = FALSE, fileEncoding = "UTF-8")
  values <- as.data.frame(lapply(d, function(x) ifelse(is.na(x), "NA", as.character(x))), check.names = FALSE)
  write.csv(values, paste0("r-", kind, "-values.csv"), row.names = FALSE, fileEncoding = "UTF-8")
}`);
    expect(fs.readFileSync(path.join(dir, 'excel-da.txt'), 'utf8').trim()).to.equal('same');
    for (const kind of ['wide', 'paired']) {
      const csv = tables[kind]!;
      const info = new Map(rMeta(`r-${kind}-info.tsv`).map((m) => [m.name!, m]));
      const values = rTable(`r-${kind}-values.csv`);
      const column = (name: string) => values.rows.map((row) => row[values.header.indexOf(name)]!);
      let checkedOrdered = 0;
      csv.header.forEach((name, c) => {
        const entries = entriesOf(name);
        const codes = coded(name);
        const meta = info.get(name)!;
        if (entries.length > 0) expect(meta.label, name).to.equal(entries[0]!.text_da);
        if (codes.length === 0) {
          if (entries.length > 0 && entries[0]!.kind !== 'text') {
            expect(meta.class, name).to.equal(csv.rows.every((row) => row[c] === '') ? meta.class : 'numeric');
            csv.rows.forEach((row, r) => expect(column(name)[r], name).to.equal(row[c] === '' ? 'NA' : String(Number(row[c]))));
          }
          return;
        }
        const answered = codes.filter((r) => r.dont_know !== '1');
        expect(meta.class, name).to.equal(codes[0]!.ordered === '1' ? 'ordered' : 'factor');
        expect(meta.levels, name).to.equal(answered.map((r) => r.label_da).join('|'));
        if (codes[0]!.ordered === '1') checkedOrdered += 1;
        const dk = dontKnow(name);
        csv.rows.forEach((row, r) => {
          const cell = row[c]!;
          expect(column(name)[r], `${name} row ${r}`).to.equal(cell === '' || dk.includes(cell) ? 'NA' : answered.find((a) => a.code === cell)!.label_da);
          if (dk.length > 0) expect(column(`${name}_ved_ikke`)[r], `${name}_ved_ikke row ${r}`).to.equal(cell === '' ? 'NA' : dk.includes(cell) ? 'TRUE' : 'FALSE');
        });
      });
      expect(checkedOrdered, kind).to.be.greaterThan(5);
      expect(info.get('opp_plan_no_passive_ved_ikke') ?? info.get('opp_plan_no_passive_start_ved_ikke')).to.not.equal(undefined);
    }
  });
});
