import { expect } from 'chai';
import fc from 'fast-check';
import { auditHiddenCells, type CellCount, type LinearConstraint } from '../../../src/analysis/suppressionAudit.js';
import { frechetBounds } from '../../../src/analysis/transitionTable.js';

/** N and both margins of a codes × codes table, as publishTransitions publishes them. */
function marginsOf(codes: number[], grid: CellCount[]): LinearConstraint[] {
  const sum = (includes: (cell: CellCount) => boolean): LinearConstraint => {
    const cells = grid.filter(includes);
    return { terms: cells.map(({ from, to }) => ({ from, to, coefficient: 1 })), value: cells.reduce((s, c) => s + c.count, 0) };
  };
  return [sum(() => true), ...codes.flatMap((code) => [sum((c) => c.from === code), sum((c) => c.to === code)])];
}

describe('frechetBounds', () => {
  it('gives every cell the bounds the margins\' linear programs give, over many tables', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 })), { minLength: 36, maxLength: 36 }),
      (size, counts) => {
        const codes = [1, 2, 3, 4, 5, 9].slice(0, size);
        const grid = codes.flatMap((from, i) => codes.map((to, j) => ({ from, to, count: counts[i * 6 + j]! })));
        // + 0: the solver may answer −0, which is the same bound.
        const byLinearProgram = auditHiddenCells({ visible: [], hidden: grid, constraints: marginsOf(codes, grid) }).map((b) => ({ ...b, lower: b.lower + 0, upper: b.upper + 0 }));
        expect(grid.map(frechetBounds(grid))).to.deep.equal(byLinearProgram);
      },
    ), { numRuns: 300, seed: 20261206 });
  });

  it('bounds a cell by its row and column: 3 of 10 in the row, 4 in the column, N = 12', () => {
    const grid = [{ from: 1, to: 1, count: 3 }, { from: 1, to: 2, count: 7 }, { from: 2, to: 1, count: 1 }, { from: 2, to: 2, count: 1 }];
    expect(frechetBounds(grid)({ from: 1, to: 1 })).to.deep.equal({ from: 1, to: 1, lower: 2, upper: 4 });
  });
});
