import { solve, type Coefficients, type Constraint } from 'yalps';
import { auditHiddenCells, hiddenCellBound, type CellBounds, type CellCount, type CellPosition, type LinearConstraint } from './suppressionAudit.js';

/**
 * Cell suppression of a frequency table published beside linear figures of it (its margins and
 * the like), in the manner of τ-ARGUS for linked tables: primary suppression of every cell with
 * 1 to k − 1 respondents, then complementary suppressions until an attacker's linear program
 * (auditHiddenCells) can no longer narrow any primary cell down; else the table is withheld.
 *
 * Protection rule for a primary cell (true count x, 1 ≤ x < k), with [L, U] its bounds from
 * everything published (the shown cells and every figure) and [L₀, U₀] its bounds from the
 * margins alone (both rounds' distributions over the pairs, which every reader has):
 * - U ≥ k: the reader cannot tell that the cell holds fewer than k, which is what the threshold
 *   rule promises (τ-ARGUS's upper protection level k − x), and the interval is never one value;
 * - or, where the margins cap the cell below k (a category only 2 people chose), [L, U] = [L₀, U₀]
 *   with L₀ < U₀: the table and the other figures tell nothing about the cell beyond the margins.
 *   Demanding U ≥ k there could only be met by withholding every such table, which would protect
 *   nothing more: the distributions are shown either way.
 * Any reader who knows the margins and some of the figures gets bounds between these two, so the
 * rule holds for them too, however many of the tests' figures they manage to turn into counts.
 * A cell the margins pin to one value cannot be protected by hiding: the table is withheld.
 * Bounds are those of the real-valued relaxation, rounded inwards to whole numbers.
 */
export function isProtected(bounds: CellBounds, reference: CellBounds, k: number): boolean {
  const [lower, upper] = whole(bounds);
  const [lower0, upper0] = whole(reference);
  return upper >= k || (lower === lower0 && upper === upper0 && lower0 < upper0);
}

/** Counts are whole numbers: a reader rounds real-valued bounds inwards. */
const whole = (bounds: CellBounds) => [Math.ceil(bounds.lower - EPSILON), Math.floor(bounds.upper + EPSILON)] as const;

const EPSILON = 1e-6;

const keyOf = (cell: CellPosition) => `${cell.from}\u0000${cell.to}`;

export interface PublishedFigures {
  /** Every figure published beside the table that its cells add up to, the margins included. */
  all: LinearConstraint[];
  /** The figures any reader has: the table's N and both margins. */
  margins: LinearConstraint[];
  /**
   * A cell's bounds from `margins` alone in closed form, where they have one (a two-way table's
   * Fréchet bounds): the same bounds the margins' linear programs give, without solving two per
   * small cell. Without it, the linear programs give them.
   */
  marginBounds?: (cell: CellCount) => CellBounds;
}

/**
 * The cells to show and the cells to hide, or null when no suppression protects the table.
 * `cells` is the whole table, zeros included. Hidden cells are reported by position (zeros hidden
 * as complements among them), so the reader knows exactly what auditHiddenCells assumes: a cell
 * neither shown nor hidden is 0.
 */
export function suppressTableCells(cells: CellCount[], k: number, figures: PublishedFigures): { visible: CellCount[]; hidden: CellPosition[] } | null {
  const sensitive = cells.filter((cell) => cell.count >= 1 && cell.count < k);
  if (sensitive.length === 0) return { visible: cells, hidden: [] };
  const references = figures.marginBounds ? sensitive.map(figures.marginBounds) : auditHiddenCells({ visible: [], hidden: cells, constraints: figures.margins }, sensitive);
  if (references.some((b) => whole(b)[0] === whole(b)[1])) return null;

  const hidden = new Set(sensitive.map(keyOf));
  const protectedNow = (cell: CellCount, reference: CellBounds) => {
    const bound = hiddenCellBound({ visible: cells.filter((c) => !hidden.has(keyOf(c))), hidden: cells.filter((c) => hidden.has(keyOf(c))), constraints: figures.all });
    const upper = bound(cell, 'maximize');
    // U ≥ k protects the cell whatever its lower bound (isProtected): that linear program is skipped then.
    if (Math.floor(upper + EPSILON) >= k) return true;
    return isProtected({ from: cell.from, to: cell.to, lower: bound(cell, 'minimize'), upper }, reference, k);
  };
  // Hiding more cells only widens intervals, so a cell protected once stays protected.
  for (const [i, cell] of sensitive.entries()) {
    const reference = references[i]!;
    if (protectedNow(cell, reference)) continue;
    const [lower0, upper0] = whole(reference);
    for (const target of upper0 >= k ? [k] : [upper0, lower0]) {
      const move = cheapestMove(cells, figures.all, hidden, cell, target);
      if (!move) return null;
      for (const key of move) hidden.add(key);
    }
    if (!protectedNow(cell, reference)) return null;
  }
  const visible = cells.filter((cell) => !hidden.has(keyOf(cell)));
  if (!visible.some((cell) => cell.count > 0)) return null;
  return { visible, hidden: cells.filter((cell) => hidden.has(keyOf(cell))).map(({ from, to }) => ({ from, to })) };
}

/**
 * Complementary suppressions that let `cell` reach `target` (τ-ARGUS's attacker, turned around):
 * the cheapest change d of the table that keeps every published figure (Σ coefficient × d = 0 for
 * each), moves the cell from its count to the target and leaves no cell negative; the cells d
 * touches are the ones to hide, since with them hidden the changed table fits what is published.
 * The cost of touching a shown cell is its count plus one (information lost: hide small cells
 * and zeros first); hidden cells are free. Relaxed to real values, as the audit is.
 * Returns the keys of the cells to hide, or null if no such change exists.
 */
function cheapestMove(cells: CellCount[], constraints: LinearConstraint[], hidden: Set<string>, cell: CellCount, target: number): string[] | null {
  const index = new Map(cells.map((c, i) => [keyOf(c), i]));
  const terms: [string, number][][] = cells.map(() => []);
  constraints.forEach((constraint, c) => {
    for (const term of constraint.terms) terms[index.get(keyOf(term))!]!.push([`figure${c}`, term.coefficient]);
  });
  const self = index.get(keyOf(cell))!;
  const limits: [string, Constraint][] = constraints.map((_, c) => [`figure${c}`, { equal: 0 }]);
  limits.push(['moved', { equal: target - cell.count }]);
  const variables: [string, Coefficients<string>][] = [];
  cells.forEach((c, i) => {
    const cost = i === self || hidden.has(keyOf(c)) ? 0 : c.count + 1;
    const up: [string, number][] = [...terms[i]!, ['cost', cost]];
    if (i === self) up.push(['moved', 1]);
    variables.push([`+${i}`, up]);
    if (c.count === 0) return;
    // Taking away at most what the cell holds.
    const down = up.map(([key, w]): [string, number] => [key, key === 'cost' ? w : -w]);
    variables.push([`-${i}`, [...down, [`cap${i}`, 1]]]);
    limits.push([`cap${i}`, { max: c.count }]);
  });
  const solution = solve({ direction: 'minimize', objective: 'cost', constraints: limits, variables });
  if (solution.status !== 'optimal') return null;
  return solution.variables.filter(([, value]) => value > EPSILON).map(([name]) => keyOf(cells[Number(name.slice(1))]!));
}
