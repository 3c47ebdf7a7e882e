import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { neutraliseFormulas, spreadsheetCsv } from '../../../src/shared/spreadsheetSafe.js';
import { FORMULA_PAYLOADS, formulaCells } from '../../support/spreadsheetCells.js';

/** Strings built mostly from separators, quotes, spaces and trigger characters. */
const hostileText = fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '"', ' ', "'", '\uFF1D', '\uFF0D', 'a', '1', 'ø'), { maxLength: 24 }).map((chars) => chars.join(''));

describe('spreadsheetSafe', () => {
  it('no cell of the CSV starts a formula when split on comma, semicolon or tab, for the known payloads', () => {
    const csv = spreadsheetCsv([['svar', 'tal'], ...FORMULA_PAYLOADS.map((payload) => [payload, -3.5])], ';');
    expect(formulaCells(csv)).to.deep.equal([]);
  });

  it('neutralises the issue\'s payload behind the semicolon and quotes every text cell', () => {
    expect(neutraliseFormulas("ok;=cmd|' /C calc'!A0")).to.equal("ok;'=cmd|' /C calc'!A0");
    expect(spreadsheetCsv([["ok;=cmd|' /C calc'!A0", 'P1', '']])).to.equal(`"ok;'=cmd|' /C calc'!A0","P1",""\r\n`);
  });

  it('writes numbers as numbers, negative ones included, and empty cells empty', () => {
    expect(spreadsheetCsv([[-2, 0, 3.25, null, undefined]])).to.equal('-2,0,3.25,,\r\n');
    expect(spreadsheetCsv([['-2']])).to.equal(`"'-2"\r\n`);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Helt enig', 'Team Nord', 'a-b', 'x=y', 'mail@example.dk', '']) expect(neutraliseFormulas(text)).to.equal(text);
  });

  it('for any text: no formula in any split, the CSV reads back to the neutralised text, and only apostrophes are added', () => {
    fc.assert(fc.property(hostileText, hostileText, (a, b) => {
      const csv = spreadsheetCsv([[a, b, -1]]);
      expect(formulaCells(csv)).to.deep.equal([]);
      const [row] = parse(csv, { relax_column_count: true }) as string[][];
      expect(row).to.deep.equal([neutraliseFormulas(a), neutraliseFormulas(b), '-1']);
      for (const text of [a, b]) expect(neutraliseFormulas(text).replaceAll("'", '')).to.equal(text.replaceAll("'", ''));
    }), { numRuns: 2000 });
  });
});
