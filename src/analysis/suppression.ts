export interface Cell {
  from: number;
  to: number;
  count: number;
}

/**
 * Cells of a table shown beside its margins: a cell under k is hidden, and so is, complementarily,
 * the smallest other cell of any row or column where exactly one cell is hidden, because that one
 * could be recovered as the margin minus the visible cells. Repeats until no such line is left.
 */
export function suppressTableCells(cells: Cell[], k: number): { visible: Cell[]; hidden: number } {
  const nonEmpty = cells.filter((cell) => cell.count > 0);
  const hidden = new Set(nonEmpty.filter((cell) => cell.count < k));
  for (let changed = true; changed;) {
    changed = false;
    for (const axis of ['from', 'to'] as const) {
      for (const line of new Set(nonEmpty.map((cell) => cell[axis]))) {
        const inLine = nonEmpty.filter((cell) => cell[axis] === line);
        const hiddenInLine = inLine.filter((cell) => hidden.has(cell));
        if (hiddenInLine.length !== 1) continue;
        const candidates = inLine.filter((cell) => !hidden.has(cell)).sort((a, b) => a.count - b.count);
        if (candidates[0]) {
          hidden.add(candidates[0]);
          changed = true;
        }
      }
    }
  }
  return { visible: nonEmpty.filter((cell) => !hidden.has(cell)), hidden: hidden.size };
}
