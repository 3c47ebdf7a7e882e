import { solve, type Coefficients, type Constraint, type Model } from 'yalps';

/**
 * What a reader can work out about the hidden cells of a published table: for each hidden cell,
 * the smallest and largest value it can take over every nonnegative table that agrees with what
 * was published (the linear bounds an attacker gets from a linear program, relaxed to real values
 * as in τ-ARGUS's audit; for tables bound only by margins the bounds are integers anyway).
 */

export interface CellPosition {
  from: number;
  to: number;
}

export interface CellCount extends CellPosition {
  count: number;
}

/**
 * A published figure that is a linear function of the table's cells: Σ coefficient × cell = value.
 * Margins, N, counts of a 2×2 regrouping (McNemar's discordant pairs), the number of pairs a test
 * counts: anything the payload shows beside the table that the cells add up to.
 */
export interface LinearConstraint {
  terms: (CellPosition & { coefficient: number })[];
  value: number;
}

/** Exactly what a reader of the table knows: the shown cells, where the hidden ones are, the other figures. */
export interface PublishedTable {
  /** Shown cells with their counts. */
  visible: CellCount[];
  /** Cells whose count is not shown; every other cell of the table is shown (or known to be 0). */
  hidden: CellPosition[];
  constraints: LinearConstraint[];
}

export interface CellBounds extends CellPosition {
  lower: number;
  upper: number;
}

const keyOf = (cell: CellPosition) => `${cell.from}\u0000${cell.to}`;

/** Rounds away the solver's floating-point noise, so that 2.9999999999 reads as 3. */
const clean = (value: number) => (Math.abs(value - Math.round(value)) < 1e-6 ? Math.round(value) : value);

/**
 * Bounds of the hidden cells (of `targets` among them, by default all) given what is published.
 */
export function auditHiddenCells(table: PublishedTable, targets: CellPosition[] = table.hidden): CellBounds[] {
  const bound = hiddenCellBound(table);
  return targets.map((cell) => ({ from: cell.from, to: cell.to, lower: bound(cell, 'minimize'), upper: bound(cell, 'maximize') }));
}

/**
 * One bound of a hidden cell given what is published, one linear program per call: for a caller
 * that may not need both. Shown cells are constants, so each figure's value less their part
 * constrains the hidden cells only.
 */
export function hiddenCellBound(table: PublishedTable): (cell: CellPosition, direction: 'minimize' | 'maximize') => number {
  const shown = new Map(table.visible.map((cell) => [keyOf(cell), cell.count]));
  const index = new Map(table.hidden.map((cell, i) => [keyOf(cell), i]));
  const coefficients: [number, number][][] = table.hidden.map(() => []);
  const constraints: [number, Constraint][] = [];
  table.constraints.forEach((constraint, c) => {
    let rest = constraint.value;
    const involved = new Map<number, number>();
    for (const term of constraint.terms) {
      const i = index.get(keyOf(term));
      if (i !== undefined) involved.set(i, (involved.get(i) ?? 0) + term.coefficient);
      else rest -= term.coefficient * (shown.get(keyOf(term)) ?? 0);
    }
    if (involved.size === 0) return;
    for (const [i, coefficient] of involved) coefficients[i]!.push([c, coefficient]);
    constraints.push([c, { equal: rest }]);
  });

  const OBJECTIVE = -1;
  const optimum = (target: number, direction: 'minimize' | 'maximize') => {
    const model: Model<number, number> = {
      direction,
      objective: OBJECTIVE,
      constraints,
      variables: coefficients.map((terms, i): [number, Coefficients<number>] => [i, i === target ? [...terms, [OBJECTIVE, 1]] : terms]),
    };
    const solution = solve(model);
    if (solution.status === 'optimal') return clean(solution.result);
    // Unbounded: a hidden cell no published figure bounds; anything else means the figures contradict each other.
    if (solution.status === 'unbounded') return Number.POSITIVE_INFINITY;
    throw new Error(`suppression audit: the linear program is ${solution.status}`);
  };

  return (cell, direction) => {
    const i = index.get(keyOf(cell));
    if (i === undefined) throw new Error(`suppression audit: cell ${cell.from}→${cell.to} is not hidden`);
    return optimum(i, direction);
  };
}
