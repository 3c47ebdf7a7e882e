import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { didOfChangeScores, didOfShares } from '../../../src/analysis/differenceInDifferences.js';
import { chiSquare2x2 } from '../../../src/analysis/stats/chiSquare2x2.js';
import { holm } from '../../../src/analysis/stats/holm.js';
import { mannWhitney } from '../../../src/analysis/stats/mannWhitney.js';
import { mcnemarExact } from '../../../src/analysis/stats/mcnemarExact.js';
import { newcombeIndependent, newcombePaired, wilsonInterval } from '../../../src/analysis/stats/proportionIntervals.js';
import { stuartMaxwell } from '../../../src/analysis/stats/stuartMaxwell.js';
import { meanWithCI, pairedTTest, welchTTest } from '../../../src/analysis/stats/tTests.js';
import { wilcoxonSignedRank } from '../../../src/analysis/stats/wilcoxonSignedRank.js';

// Reference values from R: test/fixtures/stats/reference.R wrote reference.json (Rscript, r-base-core).
const reference = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/stats/reference.json'), 'utf8'));
const TOLERANCE = 1e-6;

/** Absolute agreement to 1e-6, and a value that is a number at all. */
function close(actual: unknown, expected: number, label: string): void {
  expect(actual, label).to.be.a('number');
  expect(Math.abs((actual as number) - expected), `${label}: ${String(actual)} vs R ${expected}`).to.be.at.most(TOLERANCE);
}

function fields<T extends object>(result: T | { value: null; reason: string }): T {
  expect(result, JSON.stringify(result)).to.not.have.property('reason');
  return result as T;
}

describe('statistics agree with R to 1e-6', () => {
  for (const c of reference.wilcoxon) {
    it(`Wilcoxon signed-rank: ${c.name}`, () => {
      const r = fields(wilcoxonSignedRank(c.differences));
      close(r.statistic, c.statistic, 'V');
      close(r.pValue, c.pValue, 'p');
      close(r.rankBiserial, c.rankBiserial, 'rank-biserial');
      expect(r.method).to.equal(c.exact ? 'exact' : 'normal');
    });
  }

  for (const c of reference.mannWhitney) {
    it(`Mann–Whitney: ${c.name}`, () => {
      const r = fields(mannWhitney(c.x, c.y));
      close(r.statistic, c.statistic, 'W');
      close(r.pValue, c.pValue, 'p');
      close(r.rankBiserial, c.rankBiserial, 'rank-biserial');
    });
  }

  for (const c of reference.mcnemar) {
    it(`McNemar exact: b=${c.b}, c=${c.c}`, () => {
      const r = mcnemarExact(c.b, c.c);
      if (c.b + c.c === 0) return expect(r).to.have.property('reason');
      return close(fields(r).pValue, c.pValue, 'p');
    });
  }

  for (const c of reference.chiSquare) {
    it(`chi-square with Yates: ${c.cells.join(',')}`, () => {
      const r = fields(chiSquare2x2(c.cells[0], c.cells[1], c.cells[2], c.cells[3]));
      close(r.statistic, c.statistic, 'X²');
      close(r.pValue, c.pValue, 'p');
    });
  }

  it('Holm adjustment, keeping uncomputable p-values in place', () => {
    const adjusted = holm(reference.holm.input);
    reference.holm.adjusted.forEach((expected: number | null, i: number) => (expected === null ? expect(adjusted[i]).to.equal(null) : close(adjusted[i], expected, `p${i}`)));
  });

  for (const c of reference.wilson) {
    it(`Wilson interval: ${c.x}/${c.n}`, () => {
      const r = fields(wilsonInterval(c.x, c.n));
      close(r.estimate, c.estimate, 'p');
      close(r.lower, c.lower, 'lower');
      close(r.upper, c.upper, 'upper');
    });
  }

  for (const c of reference.newcombeIndependent) {
    it(`Newcombe difference, independent rounds: ${c.x1}/${c.n1} → ${c.x2}/${c.n2}`, () => {
      const r = fields(newcombeIndependent(c.x1, c.n1, c.x2, c.n2));
      close(r.estimate, c.estimate, 'difference');
      close(r.lower, c.lower, 'lower');
      close(r.upper, c.upper, 'upper');
    });
  }

  for (const c of reference.newcombePaired) {
    it(`Newcombe difference, pairs: a=${c.a} b=${c.b} c=${c.c} d=${c.d}`, () => {
      const r = fields(newcombePaired(c.a, c.b, c.c, c.d));
      close(r.estimate, c.estimate, 'difference');
      close(r.lower, c.lower, 'lower');
      close(r.upper, c.upper, 'upper');
      expect(r.lower).to.be.at.most(r.estimate);
      expect(r.upper).to.be.at.least(r.estimate);
    });
  }

  for (const c of reference.pairedT) {
    it(`paired t-test: ${c.differences.length} pairs`, () => {
      const r = fields(pairedTTest(c.differences));
      for (const key of ['estimate', 'statistic', 'df', 'pValue', 'lower', 'upper'] as const) close(r[key], c[key], key);
    });
  }

  it('Welch t-test', () => {
    const c = reference.welch;
    const r = fields(welchTTest(c.x, c.y));
    for (const key of ['estimate', 'statistic', 'df', 'pValue', 'lower', 'upper'] as const) close(r[key], c[key], key);
  });

  it('mean with t interval', () => {
    const c = reference.meanCI;
    const r = fields(meanWithCI(c.values));
    for (const key of ['estimate', 'lower', 'upper'] as const) close(r[key], c[key], key);
  });

  it('difference in differences of shares, four independent cells', () => {
    const c = reference.didShares;
    const r = fields(didOfShares({ treatment: { baseline: [c.x[0], c.n[0]], followUp: [c.x[1], c.n[1]] }, control: { baseline: [c.x[2], c.n[2]], followUp: [c.x[3], c.n[3]] } }));
    for (const key of ['estimate', 'standardError', 'lower', 'upper', 'pValue'] as const) close(r[key], c[key], key);
  });

  for (const c of reference.didChangeScores) {
    it(`difference in differences with pairs, Welch on change scores: ${c.name}`, () => {
      const r = fields(didOfChangeScores(c.treatment, c.control));
      for (const key of ['estimate', 'standardError', 'lower', 'upper', 'pValue'] as const) close(r[key], c[key], key);
    });
  }

  for (const c of reference.stuartMaxwell) {
    it(`Stuart–Maxwell: ${c.name}`, () => {
      const r = fields(stuartMaxwell(c.table));
      close(r.statistic, c.statistic, 'X²');
      expect(r.df).to.equal(c.df);
      close(r.pValue, c.pValue, 'p');
    });
  }

  it('Stuart–Maxwell on 2×2 equals R\'s McNemar without continuity correction', () => {
    const c = reference.stuartMaxwellTwoByTwo;
    const r = fields(stuartMaxwell(c.table));
    close(r.statistic, c.statistic, 'X²');
    close(r.pValue, c.pValue, 'p');
  });
});

describe('statistics that cannot be computed say why (never NaN)', () => {
  it('returns a reason for no pairs, all-zero differences, empty groups and empty tables', () => {
    expect(wilcoxonSignedRank([])).to.deep.equal({ value: null, reason: 'no pairs' });
    expect(wilcoxonSignedRank([0, 0, 0])).to.deep.equal({ value: null, reason: 'every pair has the same answer twice' });
    expect(mannWhitney([], [1])).to.have.property('reason');
    expect(mcnemarExact(0, 0)).to.have.property('reason');
    expect(chiSquare2x2(5, 0, 7, 0)).to.have.property('reason');
    expect(pairedTTest([0.2])).to.have.property('reason');
    expect(pairedTTest([0.5, 0.5])).to.have.property('reason');
    expect(meanWithCI([])).to.have.property('reason');
    expect(stuartMaxwell([[5, 0], [0, 7]])).to.deep.equal({ value: null, reason: 'no pair changed its answer' });
    expect(newcombePaired(0, 0, 0, 0)).to.have.property('reason');
    expect(didOfChangeScores([1, 1, 1], [0, 0, 0])).to.deep.equal({ value: null, reason: 'no variation in either group' });
    expect(didOfChangeScores([1], [0, 1])).to.have.property('reason');
  });

  it('gives the rank-biserial correlation its sign: positive when answers rose', () => {
    const r = wilcoxonSignedRank([1, 2, 1, 1, -1]) as { rankBiserial: number };
    expect(r.rankBiserial).to.be.greaterThan(0);
    expect((wilcoxonSignedRank([1, 2, 3]) as { rankBiserial: number }).rankBiserial).to.equal(1);
  });
});
