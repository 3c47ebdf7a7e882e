import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { cochranQ } from '../../../src/analysis/stats/cochranQ.js';
import { friedman } from '../../../src/analysis/stats/friedman.js';
import { pairwiseRounds } from '../../../src/analysis/stats/pairwiseRounds.js';

// Reference values from R: test/fixtures/stats/trendReference.R wrote trendReference.json.
const reference = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/stats/trendReference.json'), 'utf8'));
const TOLERANCE = 1e-6;

function close(actual: unknown, expected: number, label: string): void {
  expect(actual, label).to.be.a('number');
  expect(Math.abs((actual as number) - expected), `${label}: ${String(actual)} vs R ${expected}`).to.be.at.most(TOLERANCE);
}

interface PairReference { from: number; to: number; pValue: number | null; pHolm: number | null }

function samePairs(actual: ReturnType<typeof pairwiseRounds>, expected: PairReference[]): void {
  expect(actual.map((t) => [t.from, t.to])).to.deep.equal(expected.map((t) => [t.from, t.to]));
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (e.pValue === null) {
      expect(a.pValue, `pair ${e.from}–${e.to}`).to.equal(null);
      expect(a.reason).to.be.a('string');
    } else {
      close(a.pValue, e.pValue, `pair ${e.from}–${e.to} p`);
      close(a.pHolm, e.pHolm!, `pair ${e.from}–${e.to} Holm`);
    }
  });
}

describe('tests across rounds agree with R to 1e-6', () => {
  for (const c of reference.cochranQ) {
    it(`Cochran's Q and pairwise McNemar: ${c.name}`, () => {
      const r = cochranQ(c.blocks);
      if ('reason' in r) throw new Error(r.reason);
      close(r.statistic, c.statistic, 'Q');
      close(r.pValue, c.pValue, 'p');
      expect(r.df).to.equal(c.df);
      expect(r.n).to.equal(c.blocks.length);
      samePairs(pairwiseRounds(c.blocks, true), c.pairwise);
    });
  }

  for (const c of reference.friedman) {
    it(`Friedman and pairwise Wilcoxon: ${c.name}`, () => {
      const r = friedman(c.blocks);
      if ('reason' in r) throw new Error(r.reason);
      close(r.statistic, c.statistic, 'Friedman χ²');
      close(r.pValue, c.pValue, 'p');
      expect(r.df).to.equal(c.df);
      samePairs(pairwiseRounds(c.blocks, false), c.pairwise);
    });
  }

  it('says why, instead of NaN, when nobody changed or nobody answered', () => {
    expect(cochranQ([[1, 1, 1], [0, 0, 0]])).to.have.property('reason');
    expect(friedman([[3, 3, 3], [2, 2, 2]])).to.have.property('reason');
    expect(cochranQ([])).to.have.property('reason');
    expect(friedman([])).to.have.property('reason');
  });
});
