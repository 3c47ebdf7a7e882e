import { pchisqUpper } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';

/** Solve A x = b by Gaussian elimination with partial pivoting; null when A is singular. */
function solve(matrix: number[][], vector: number[]): number[] | null {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = a[row]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

/**
 * Stuart–Maxwell test of marginal homogeneity on a k×k table of pairs (rows: baseline answer,
 * columns: follow-up answer): d' S⁻¹ d on k − 1 categories, df = k − 1. Categories nobody chose in
 * either round are dropped first. (R's mcnemar.test on k×k is Bowker's symmetry test, not this.)
 */
export function stuartMaxwell(table: number[][]): { statistic: number; df: number; pValue: number } | NotComputable {
  const used = table.map((_, i) => i).filter((i) => table[i]!.reduce((s, v) => s + v, 0) + table.reduce((s, row) => s + row[i]!, 0) > 0);
  const k = used.length;
  if (k < 2) return notComputable('fewer than two answer categories were used');
  const n = used.map((i) => used.map((j) => table[i]![j]!));
  const rowTotals = n.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = n[0]!.map((_, j) => n.reduce((s, row) => s + row[j]!, 0));
  const d = rowTotals.slice(0, k - 1).map((r, i) => r - colTotals[i]!);
  const s = d.map((_, i) => d.map((__, j) => (i === j ? rowTotals[i]! + colTotals[i]! - 2 * n[i]![i]! : -(n[i]![j]! + n[j]![i]!))));
  if (s.every((row, i) => row[i] === 0)) return notComputable('no pair changed its answer');
  const solution = solve(s, d);
  if (!solution) return notComputable('the changes are too few to estimate the test (singular covariance)');
  const statistic = d.reduce((sum, di, i) => sum + di * solution[i]!, 0);
  return { statistic, df: k - 1, pValue: pchisqUpper(statistic, k - 1) };
}
