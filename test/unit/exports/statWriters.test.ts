import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { bufferOutput } from '../../../src/exports/binaryOutput.js';
import { writeDta } from '../../../src/exports/dtaWriter.js';
import { withSpooledRows } from '../../../src/exports/rowSpool.js';
import { writeSav } from '../../../src/exports/savWriter.js';
import { uniqueNames, type RecordCell, type StatVariable } from '../../../src/exports/statVariables.js';
import { cellMatches, R_DUMP, readDtaMap, readSavDictionary, runR } from '../../support/statFiles.js';

const agree = [{ code: 1, label: 'Helt uenig – æøå', missing: false }, { code: 5, label: 'Helt enig – ÆØÅ', missing: false }, { code: 9, label: 'Ved ikke', missing: true }];
const variables: StatVariable[] = [
  { name: 'person_key', label: 'Pseudonym for personen (P-nummer)', type: 'string', measure: 'nominal', integer: false, valueLabels: [], scale: null },
  { name: 'team', label: 'Team på Østerbro', type: 'string', measure: 'nominal', integer: false, valueLabels: [], scale: null },
  { name: 'opp_plan_no_passive_but_with_a_name_longer_than_thirty_two_start', label: 'Jeg har god mulighed for at lægge en plan for borgere på passiv forsørgelse', type: 'numeric', measure: 'ordinal', integer: true, valueLabels: agree, scale: 'agree5' },
  { name: 'channel', label: 'Kanal (ikke ordnet) – æøå', type: 'numeric', measure: 'nominal', integer: true, valueLabels: [{ code: 1, label: 'Møde', missing: false }, { code: 2, label: 'Telefon', missing: false }], scale: 'channel' },
  { name: 'caseload', label: 'Antal borgere i sagsstammen', type: 'numeric', measure: 'scale', integer: false, valueLabels: [], scale: null },
  { name: 'comment', label: 'Kommentar – fri tekst', type: 'string', measure: 'nominal', integer: false, valueLabels: [], scale: null },
];
// 255 bytes of "x" then "æ": SPSS's first segment ends inside the letter; Stata needs a strL past 2045 bytes.
const longText = `${'x'.repeat(254)}æøå ${'Ærø og Fanø. '.repeat(200)}`;
const rows: RecordCell[][] = [
  ['P1', 'Team Øst', 1, 1, 12.5, longText],
  ['P2', 'Ærø', 9, 2, null, "'=HYPERLINK(\"x\")"],
  ['P3', null, null, null, 0, null],
  ['P4', 'Team Øst', 5, 1, 123456.75, 'kort svar på dansk'],
];

async function written(write: typeof writeSav): Promise<Buffer> {
  async function* batches() {
    yield rows.slice(0, 2);
    yield rows.slice(2);
  }
  return withSpooledRows(batches(), variables.length, async (spooled) => {
    const { output, result } = bufferOutput();
    await write(output, variables, spooled, { now: new Date('2026-12-05T09:30:00Z'), label: 'pejling-Før-Efter-paired æøå' });
    return result();
  });
}

describe('SPSS and Stata writers', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-stat-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('.sav: dictionary with long names, labels, "ved ikke" as user-missing, measurement levels and a very long string', async () => {
    const file = await written(writeSav);
    const dictionary = readSavDictionary(file);
    expect(dictionary.caseCount).to.equal(4);
    expect([...dictionary.longNames.values()]).to.deep.equal(variables.map((v) => v.name));
    const firsts = dictionary.records.filter((r) => r.type !== -1);
    expect(firsts.find((r) => r.label === variables[2]!.label)!.missing).to.deep.equal([9]);
    // 7/3 says UTF-8 (65001) and 7/20 names it.
    expect(dictionary.extensions.get(3)!.readInt32LE(28)).to.equal(65001);
    expect(dictionary.extensions.get(20)!.toString()).to.equal('UTF-8');
    expect(dictionary.extensions.get(14)!.toString()).to.match(/^COMMENT=0*\d+\u0000\t$/);
    // One measure per dictionary variable (the long text's segments count), in order.
    const segments = firsts.length - variables.length;
    expect(dictionary.measures).to.deep.equal([1, 1, 2, 1, 3, ...new Array(segments + 1).fill(1)]);
    expect(dictionary.caseElements).to.equal(dictionary.records.length);
  });

  it('.dta: format 118 whose section map points at each section', async () => {
    const file = await written(writeDta);
    const map = readDtaMap(file);
    expect(map).to.include({ release: '118', K: variables.length, N: rows.length });
    const tags = ['<stata_dta>', '<map>', '<variable_types>', '<varnames>', '<sortlist>', '<formats>', '<value_label_names>', '<variable_labels>', '<characteristics>', '<data>', '<strls>', '<value_labels>', '</stata_dta>'];
    tags.forEach((tag, i) => expect(file.toString('latin1', map.offsets[i], map.offsets[i]! + tag.length), tag).to.equal(tag));
    expect(map.offsets[13]).to.equal(file.length);
  });

  it('Stata names are cut to 32 characters and kept unique; reserved words get "_"', () => {
    expect(uniqueNames(['a'.repeat(40), 'a'.repeat(35), 'in', 'ok'], 32, new Set(['in']), false)).to.deep.equal(['a'.repeat(32), `${'a'.repeat(30)}_2`, 'in_', 'ok']);
  });

  it('haven and foreign read the .sav back with its labels and user-missing; haven reads the .dta with .a', async function () {
    fs.writeFileSync(path.join(dir, 'f.sav'), await written(writeSav));
    fs.writeFileSync(path.join(dir, 'f.dta'), await written(writeDta));
    runR(this, dir, `${R_DUMP}
dump(read_sav("f.sav", user_na = TRUE), "sav", "f.sav")
dump(read_dta("f.dta"), "dta", "f.dta")
f <- foreign::read.spss("f.sav", to.data.frame = FALSE, use.value.labels = FALSE, trim.factor.names = TRUE)
writeLines(c(attr(f, "variable.labels")[[3]], paste(names(attr(f, "label.table")[[3]]), collapse = "|"), paste(attr(f, "missings")[[3]]$value, collapse = "|"), trimws(f[[6]][2])), "foreign.txt", useBytes = TRUE)
`);
    const meta = (reader: string) => parse(fs.readFileSync(path.join(dir, `${reader}-meta.tsv`)), { columns: true, delimiter: '\t', quote: false }) as Record<string, string>[];
    const values = (reader: string) => parse(fs.readFileSync(path.join(dir, `${reader}-values.csv`)), { columns: false, from_line: 2 }) as string[][];
    const sav = meta('sav');
    expect(sav.map((m) => m.name)).to.deep.equal(variables.map((v) => v.name));
    expect(sav.map((m) => m.label)).to.deep.equal(variables.map((v) => v.label));
    expect(sav[2]).to.include({ labels: '1=Helt uenig – æøå|5=Helt enig – ÆØÅ|9=Ved ikke', missing: '9' });
    const text = (cell: RecordCell) => (cell === null ? '' : String(cell));
    const savValues = values('sav');
    // SPSS pads text with spaces, so a text's own trailing spaces do not survive (the long text ends in one).
    rows.forEach((row, r) => row.forEach((cell, c) => expect(cellMatches(savValues[r]![c], typeof cell === 'string' ? cell.trimEnd() : cell), `row ${r} column ${c}`).to.equal(true)));
    const dta = meta('dta');
    expect(dta[2]!.name).to.equal('opp_plan_no_passive_but_with_a_n');
    expect(dta[2]).to.include({ labels: '1=Helt uenig – æøå|5=Helt enig – ÆØÅ|NA(a)=Ved ikke' });
    expect(dta[2]!.label).to.equal('Jeg har god mulighed for at lægge en plan for borgere på passiv forsørgelse');
    const dtaValues = values('dta');
    expect(dtaValues.map((row) => row[2])).to.deep.equal(['1', 'NA(a)', '', '5']);
    expect(dtaValues.map((row) => row[5])).to.deep.equal(rows.map((row) => text(row[5]!)));
    expect(dtaValues.map((row) => row[1])).to.deep.equal(rows.map((row) => text(row[1]!)));
    const foreign = fs.readFileSync(path.join(dir, 'foreign.txt'), 'utf8').split('\n');
    expect(foreign.slice(0, 4)).to.deep.equal([variables[2]!.label, 'Ved ikke|Helt enig – ÆØÅ|Helt uenig – æøå', '9', "'=HYPERLINK(\"x\")"]);
  });
});
