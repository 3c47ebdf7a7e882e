import { expect } from 'chai';
import fc from 'fast-check';
import { compareScaleItem, type ScaleItemComparison } from '../../../src/analysis/scaleItemComparison.js';
import type { Scale } from '../../../src/questionnaires/types.js';
import { buildMiniQuestionnaire } from '../../fixtures/miniQuestionnaire.js';
import { problemsOf } from '../../support/transitionAttack.js';

const scales = buildMiniQuestionnaire().scales;
const compare = (scale: Scale, cells: { from: number; to: number; count: number }[], k: number, excludeDontKnow = false) =>
  // The payload as the API sends it: through JSON.
  JSON.parse(JSON.stringify(compareScaleItem('item', scale, { paired: true, transitions: cells }, { excludeDontKnow, k }))) as ScaleItemComparison;
const truthOf = (cells: { from: number; to: number; count: number }[], keep: (code: number) => boolean) => new Map(cells.filter((c) => keep(c.from) && keep(c.to)).map((c) => [`${c.from},${c.to}`, c.count]));

describe('transition tables: suppressed cells cannot be solved back', () => {
  it('protects the table whose three hidden cells the old complementary suppression gave away (k = 3)', () => {
    // Old: 4→3 = 1 hidden, with 4→4 and 1→4 as complements; the margins (→3 holds one pair, 4→
    // four, →4 eleven) with Wilcoxon's n and V gave all three back exactly.
    const scale = scales.agree5!;
    const cells = [{ from: 4, to: 4, count: 3 }, { from: 4, to: 3, count: 1 }, { from: 1, to: 4, count: 8 }, { from: 9, to: 1, count: 5 }];
    const item = compare(scale, cells, 3);
    const codes = scale.options.map((o) => o.code);
    expect(problemsOf(item, scale, truthOf(cells, () => true), codes, 3)).to.deep.equal([]);
    expect(item.transitions, 'the table is shown, with complements').to.not.equal(undefined);
    expect(item.suppressedTransitions).to.equal(item.hiddenTransitions!.length).and.be.at.least(3);
  });

  it('withholds a table whose small cells the other figures pin down, with the reason', () => {
    // Both rounds' distributions and Wilcoxon's V and r leave one table: 1→1 = 1, 1→2 = 2, 2→1 = 1.
    const cells = [{ from: 1, to: 1, count: 1 }, { from: 1, to: 2, count: 2 }, { from: 2, to: 1, count: 1 }, { from: 4, to: 4, count: 10 }, { from: 5, to: 5, count: 10 }, { from: 4, to: 5, count: 5 }, { from: 5, to: 4, count: 4 }];
    const item = compare(scales.agree5!, cells, 3);
    expect(item.transitionsWithheld!.reason).to.match(/for få svar ville kunne udledes/);
    expect(item).to.not.have.any.keys('transitions', 'hiddenTransitions', 'suppressedTransitions');
  });

  it('shows every cell of a table without small cells', () => {
    const cells = [{ from: 5, to: 5, count: 6 }, { from: 4, to: 5, count: 5 }, { from: 9, to: 4, count: 7 }];
    const item = compare(scales.agree5!, cells, 5);
    expect(item.transitions).to.deep.equal([{ from: 5, to: 5, count: 6 }, { from: 4, to: 5, count: 5 }, { from: 9, to: 4, count: 7 }]);
    expect(item.hiddenTransitions).to.deep.equal([]);
  });

  it('leaves no small cell that the payload pins down or narrows under k, over many small tables (k = 3 and 5)', function () {
    this.timeout(120_000);
    let shownWithHidden = 0;
    const scaleNames = ['agree5', 'yesno'] as const;
    fc.assert(fc.property(
      fc.constantFrom(...scaleNames), fc.constantFrom(3, 5), fc.boolean(),
      fc.array(fc.record({ from: fc.nat(5), to: fc.nat(5), count: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 14 })) }), { minLength: 2, maxLength: 12 }),
      (scaleName, k, excludeDontKnow, drawn) => {
        const scale = scales[scaleName]!;
        const codes = scale.options.map((o) => o.code);
        const counts = new Map<string, number>();
        for (const d of drawn) {
          const key = `${codes[d.from % codes.length]},${codes[d.to % codes.length]}`;
          counts.set(key, (counts.get(key) ?? 0) + d.count);
        }
        const cells = [...counts].map(([key, count]) => ({ from: Number(key.split(',')[0]), to: Number(key.split(',')[1]), count }));
        const keep = (code: number) => !(excludeDontKnow && scale.options.some((o) => o.code === code && o.dontKnow));
        const item = compare(scale, cells, k, excludeDontKnow);
        if (!item.transitions && !item.transitionsWithheld) return; // fewer than k pairs: no table at all
        const truth = truthOf(cells, keep);
        const problems = problemsOf(item, scale, truth, codes.filter(keep), k);
        expect(problems, `${JSON.stringify(cells)}: ${problems.join("; ")}`).to.deep.equal([]);
        if ([...truth.values()].every((count) => count >= k)) expect(item.hiddenTransitions ?? [], "nothing hidden without small cells").to.deep.equal([]);
        if (item.hiddenTransitions?.length) shownWithHidden++;
      },
    ), { numRuns: 400, seed: 20261205 });
    expect(shownWithHidden, 'tables shown with hidden cells').to.be.greaterThan(20);
  });
});
