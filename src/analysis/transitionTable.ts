import type { Scale } from '../questionnaires/types.js';
import type { TransitionCell } from './answerColumns.js';
import { suppressTableCells } from './suppression.js';
import type { CellBounds, CellCount, CellPosition, LinearConstraint } from './suppressionAudit.js';

/** The transition table of an item as published: shown cells, hidden cells, or withheld with a reason. */
export type PublishedTransitions =
  | {
    /** Shown cells with at least one pair; a cell of the table that is neither here nor hidden holds 0 pairs. */
    transitions: TransitionCell[];
    /** Where the hidden cells are (some may hold 0 pairs: zeros serve as complementary suppressions). */
    hiddenTransitions: CellPosition[];
    suppressedTransitions: number;
  }
  | { transitionsWithheld: { reason: string } };

type CellSet = (cell: CellPosition) => boolean;

/**
 * Every figure compareScaleItem publishes beside a paired item's table that is a sum of its
 * cells, as the sets of cells each one adds up. Add a figure here when the payload gains one.
 * - N and both rounds' distributions over the pairs (the rows and columns);
 * - top-2: its 2×2 regrouping (a, b, c, d), which the shares, McNemar's b and c and the paired
 *   Newcombe interval give away;
 * - ordered scales: the pairs Wilcoxon and Stuart–Maxwell count (both answers substantive), and
 *   among them those with the same answer twice, which follow from Wilcoxon's V and rank-biserial
 *   r, as R₊ + R₋ = 2V / (1 + r) = n′(n′ + 1) / 2 gives the number n′ that changed; except when
 *   r = −1 (V = 0), which says instead that no pair moved up (r = 1: none moved down).
 * Not sums of cells, so outside this (linear) audit: the p-values, V itself, and Stuart–Maxwell's
 * statistic (a function of the margins and of each n_ij + n_ji); nor does it see other views'
 * tables (a segment's table beside the whole's), which the differencing guard must answer for.
 */
function publishedSums(scale: Scale, codes: number[], pairs: TransitionCell[]): { margins: CellSet[]; others: CellSet[] } {
  const margins: CellSet[] = [() => true];
  for (const code of codes) margins.push((cell) => cell.from === code, (cell) => cell.to === code);
  const sums: CellSet[] = [];
  if (scale.topBox) {
    const top = (code: number) => scale.topBox!.includes(code);
    for (const from of [true, false]) for (const to of [true, false]) sums.push((cell) => top(cell.from) === from && top(cell.to) === to);
  }
  if (scale.ordered) {
    const substantive = (cell: CellPosition) => [cell.from, cell.to].every((code) => scale.options.some((o) => o.code === code && !o.dontKnow));
    const up = (cell: CellPosition) => substantive(cell) && cell.to > cell.from;
    const down = (cell: CellPosition) => substantive(cell) && cell.to < cell.from;
    const anyPair = (where: (cell: CellPosition) => boolean) => pairs.some((cell) => cell.count > 0 && where(cell));
    sums.push(substantive);
    if (anyPair(up) || !anyPair(down)) sums.push((cell) => substantive(cell) && cell.from === cell.to);
    if (!anyPair(up)) sums.push(up);
    if (!anyPair(down)) sums.push(down);
  }
  return { margins, others: sums };
}

/**
 * The bounds of a cell of a two-way table that its N and margins (publishedSums' `margins`) allow:
 * max(0, row + column − N) to min(row, column), Fréchet's bounds, which are sharp for nonnegative
 * tables, so they equal the margins' linear programs (test/unit/analysis/frechetBounds.test.ts).
 */
export function frechetBounds(grid: CellCount[]): (cell: CellPosition) => CellBounds {
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  let n = 0;
  for (const cell of grid) {
    rows.set(cell.from, (rows.get(cell.from) ?? 0) + cell.count);
    columns.set(cell.to, (columns.get(cell.to) ?? 0) + cell.count);
    n += cell.count;
  }
  return ({ from, to }) => {
    const row = rows.get(from) ?? 0;
    const column = columns.get(to) ?? 0;
    return { from, to, lower: Math.max(0, row + column - n), upper: Math.min(row, column) };
  };
}

/**
 * The paired table of an item (answered pairs, cells with at least one pair) as it may be
 * published with threshold k: every code of `codes` × every code, suppressed by
 * suppressTableCells against the figures above, or withheld.
 */
export function publishTransitions(scale: Scale, codes: number[], pairs: TransitionCell[], k: number): PublishedTransitions {
  const countOf = new Map(pairs.map((cell) => [`${cell.from}\u0000${cell.to}`, cell.count]));
  const grid = codes.flatMap((from) => codes.map((to) => ({ from, to, count: countOf.get(`${from}\u0000${to}`) ?? 0 })));
  const sumOf = (includes: CellSet): LinearConstraint => {
    const cells = grid.filter(includes);
    return { terms: cells.map(({ from, to }) => ({ from, to, coefficient: 1 })), value: cells.reduce((sum, cell) => sum + cell.count, 0) };
  };
  const { margins, others } = publishedSums(scale, codes, pairs);
  const result = suppressTableCells(grid, k, { all: [...margins, ...others].map(sumOf), margins: margins.map(sumOf), marginBounds: frechetBounds(grid) });
  if (!result) return { transitionsWithheld: { reason: `for få svar ville kunne udledes af tabellen (fewer than ${k} answers could be worked out from the table)` } };
  return { transitions: result.visible.filter((cell) => cell.count > 0), hiddenTransitions: result.hidden, suppressedTransitions: result.hidden.length };
}
