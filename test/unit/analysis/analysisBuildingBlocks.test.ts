import { expect } from 'chai';
import { didOfShares } from '../../../src/analysis/differenceInDifferences.js';
import { ratioColumn, transitionCells } from '../../../src/analysis/answerColumns.js';
import { latestPerPerson, matchSelfCodes, pairRespondents } from '../../../src/analysis/pairRespondents.js';
import { compareScaleItem } from '../../../src/analysis/scaleItemComparison.js';
import { tally } from '../../../src/analysis/stats/tally.js';
import { compareTimeUse } from '../../../src/analysis/timeUseComparison.js';
import type { ResponseRecord } from '../../../src/analysis/types.js';
import { buildMiniQuestionnaire } from '../../fixtures/miniQuestionnaire.js';

const attributes = { municipality: null, team: null, group: null, role: null };
const response = (responseId: number, personKey: string | null, day = 1): ResponseRecord => ({ responseId, personKey, submittedAtMs: Date.parse(`2026-03-0${day}T10:00:00Z`), attributes });

describe('pairing repeat respondents', () => {
  it('keeps the latest of two complete answers from one person and counts the other as a duplicate', () => {
    const result = latestPerPerson([response(1, 'r7', 1), response(2, 'r7', 3), response(3, 'r8'), response(4, null)]);
    expect(result.responses.map((r) => r.responseId).sort()).to.deep.equal([2, 3, 4]);
    expect(result.duplicates).to.equal(1);
  });

  it('pairs identified respondents by their registry id', () => {
    const { pairs } = pairRespondents([response(1, 'r1'), response(2, 'r2'), response(3, 'r3')], [response(11, 'r2'), response(12, 'r3'), response(13, 'r4')]);
    expect(pairs.map((p) => [p.baseline.responseId, p.followUp.responseId])).to.deep.equal([[2, 11], [3, 12]]);
  });

  it('matches self-generated codes one-to-one, allowing one mismatched element, never guessing between two', () => {
    const matches = matchSelfCodes(['K-07-2-S', 'A-12-0-B', 'M-01-1-T', 'M-01-1-U'], ['K-07-2-S', 'A-12-1-B', 'M-01-1-V']);
    expect([...matches]).to.deep.equal([['K-07-2-S', 'K-07-2-S'], ['A-12-0-B', 'A-12-1-B']]);
    const { pairs, codeMatchRate } = pairRespondents([response(1, 'cK-07-2-S'), response(2, 'cA-12-0-B'), response(3, 'cZ-01-0-Z')], [response(11, 'cK-07-2-S'), response(12, 'cA-12-1-B')]);
    expect(pairs).to.have.length(2);
    expect(codeMatchRate).to.equal(2 / 3);
  });
});

describe('anonymity suppression', () => {
  it('suppresses a round\'s distribution and every change when fewer than k answered', () => {
    const scale = buildMiniQuestionnaire().scales.agree5!;
    const result = compareScaleItem('x', scale, { paired: false, baseline: tally([5, 4, 3, 2]), followUp: tally([5, 5, 5, 4, 4, 3]) }, { excludeDontKnow: false, k: 5 });
    expect(result.baseline).to.deep.include({ suppressed: true, n: null });
    expect(result.top2).to.equal(undefined);
    expect(result.ordinal).to.equal(undefined);
  });
});

describe('scale items', () => {
  const scale = buildMiniQuestionnaire().scales.agree5!;
  it('keeps "ved ikke" as its own category, and out of top-2 shares only when asked', () => {
    const data = { paired: false as const, baseline: tally([5, 4, 2, 9, 9, 1, 3, 5]), followUp: tally([5, 5, 4, 4, 9, 3, 2, 5]) };
    const withDk = compareScaleItem('x', scale, data, { excludeDontKnow: false, k: 5 });
    expect((withDk.baseline as { categories: { code: number; count: number }[] }).categories.find((c) => c.code === 9)!.count).to.equal(2);
    expect(withDk.top2!.baseline!.share).to.equal(3 / 8);
    const withoutDk = compareScaleItem('x', scale, data, { excludeDontKnow: true, k: 5 });
    expect(withoutDk.top2!.baseline!.share).to.equal(3 / 6);
    expect(withDk.top2!.changePp).to.have.property('estimate').closeTo((5 / 8 - 3 / 8) * 100, 1e-9);
  });

  it('for pairs gives the transition table with "ved ikke", McNemar on top-2, Wilcoxon and Stuart–Maxwell without it', () => {
    const pairs: { from: number; to: number }[] = [...Array(6).fill({ from: 3, to: 4 }), ...Array(6).fill({ from: 4, to: 4 }), ...Array(5).fill({ from: 9, to: 4 }), { from: 2, to: 1 }];
    // Each pair's two answers as two round columns, read at the same slots.
    const slots = Int32Array.from(pairs, (_, i) => i);
    const transitions = transitionCells(Float64Array.from(pairs, (p) => p.from), Float64Array.from(pairs, (p) => p.to), { baseline: slots, followUp: slots });
    expect(transitions).to.deep.equal([{ from: 2, to: 1, count: 1 }, { from: 3, to: 4, count: 6 }, { from: 4, to: 4, count: 6 }, { from: 9, to: 4, count: 5 }]);
    const result = compareScaleItem('x', scale, { paired: true, transitions }, { excludeDontKnow: false, k: 5 });
    expect(result.pairedN).to.equal(18);
    // 2→1 = 1 is under k: hidden, with complements (see transitionSuppression.test.ts).
    expect(result.transitions).to.deep.include({ from: 3, to: 4, count: 6 });
    expect(result.hiddenTransitions).to.deep.include({ from: 2, to: 1 });
    expect(result.ordinal!.n).to.equal(13);
    expect(result.top2!.test.test).to.equal('McNemar (exact)');
    expect(result.marginalHomogeneity!.test).to.equal('Stuart–Maxwell');
  });

  describe('McNemar\'s discordant pairs in the payload', () => {
    const cells = (list: [number, number, number][]) => list.map(([from, to, count]) => ({ from, to, count }));
    const discordantOf = (transitions: { from: number; to: number; count: number }[]) => compareScaleItem('x', scale, { paired: true, transitions }, { excludeDontKnow: false, k: 5 }).top2!.discordant;

    it('gives b (top-2 → not) and c (not → top-2) when both reach k and reveal no hidden cell', () => {
      // Top-2 is 4 and 5: b = 6 (4 → 3), c = 7 (3 → 4) + 5 (2 → 5) = 12; no transition cell is hidden.
      expect(discordantOf(cells([[4, 3, 6], [3, 4, 7], [2, 5, 5], [4, 4, 9], [3, 3, 8]]))).to.deep.equal({ b: 6, c: 12 });
    });

    it('withholds both when either is under k, since the top-2 shares give c − b', () => {
      const result = discordantOf(cells([[4, 3, 3], [3, 4, 7], [2, 5, 5], [4, 4, 9], [3, 3, 8]]));
      expect(result).to.have.property('suppressed', true);
      expect(result).to.not.have.property('b');
      expect((result as { reason: string }).reason).to.match(/færre end 5 par/);
    });

  });
});

describe('belief ratios, time use and difference in differences', () => {
  it('makes a ratio missing, not zero, when the caseload is 0', () => {
    expect([...ratioColumn(Float64Array.of(3, 0, 1, Number.NaN, 2), Float64Array.of(12, 0, 4, 10, Number.NaN))]).to.deep.equal([0.25, Number.NaN, 0.25, Number.NaN, Number.NaN]);
  });

  it('drops a category asked in one round only and rescales the rest to 100', () => {
    // One column per category, one slot per person; the third baseline person did not answer.
    const base = { columns: new Map([['docs', Float64Array.of(50, 40, Number.NaN)], ['talks', Float64Array.of(50, 60, Number.NaN)]]), slots: Int32Array.of(0, 1, 2, -1) };
    const follow = { columns: new Map([['docs', Float64Array.of(45, 36)], ['talks', Float64Array.of(45, 54)], ['prep', Float64Array.of(10, 10)]]), slots: Int32Array.of(1, 0) };
    const result = compareTimeUse('time', 100, base, follow, { k: 2 });
    expect([result.baselineN, result.followUpN]).to.deep.equal([2, 2]);
    expect(result.droppedCategories).to.deep.equal(['prep']);
    expect(result.categories).to.deep.equal([{ id: 'docs', baseline: 45, followUp: 45, changePp: 0 }, { id: 'talks', baseline: 55, followUp: 55, changePp: 0 }]);
  });

  it('computes the difference in differences of shares with SE √Σ p(1−p)/n', () => {
    const result = didOfShares({ treatment: { baseline: [20, 100], followUp: [40, 100] }, control: { baseline: [25, 100], followUp: [30, 100] } });
    expect(result).to.have.property('estimate').closeTo(0.15, 1e-12);
    const se = Math.sqrt((0.2 * 0.8 + 0.4 * 0.6 + 0.25 * 0.75 + 0.3 * 0.7) / 100);
    expect(result).to.have.property('standardError').closeTo(se, 1e-12);
  });
});

describe('matching self-generated codes at scale', () => {
  it('matches 10,000 codes that each have one misremembered element', () => {
    const codes = Array.from({ length: 10_000 }, (_, i) => `K-${String(i % 100).padStart(2, '0')}-${Math.floor(i / 100)}-S`);
    const misremembered = codes.map((code) => code.replace(/-S$/, '-T'));
    const matches = matchSelfCodes(codes, misremembered);
    expect(matches.size).to.equal(10_000);
    expect(matches.get('K-07-3-S')).to.equal('K-07-3-T');
  });
});
