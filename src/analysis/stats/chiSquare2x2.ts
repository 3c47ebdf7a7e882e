import { pchisqUpper } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';

/**
 * Pearson's chi-square on a 2×2 table [[a, b], [c, d]] with Yates' continuity correction, as R's
 * chisq.test(matrix(c(a, c, b, d), 2), correct = TRUE).
 */
export function chiSquare2x2(a: number, b: number, c: number, d: number): { statistic: number; df: 1; pValue: number } | NotComputable {
  const n = a + b + c + d;
  const rows = [a + b, c + d];
  const cols = [a + c, b + d];
  const observed = [[a, b], [c, d]];
  const expected = rows.map((row) => cols.map((col) => (row * col) / n));
  if (n === 0 || expected.flat().some((e) => e === 0)) return notComputable('a row or column of the table is empty');
  const yates = Math.min(0.5, ...observed.flatMap((row, i) => row.map((o, j) => Math.abs(o - expected[i]![j]!))));
  const statistic = observed.reduce((sum, row, i) => sum + row.reduce((s, o, j) => s + (Math.abs(o - expected[i]![j]!) - yates) ** 2 / expected[i]![j]!, 0), 0);
  return { statistic, df: 1, pValue: pchisqUpper(statistic, 1) };
}
