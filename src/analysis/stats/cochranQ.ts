import { pchisqUpper } from './distributions.js';
import { notComputable, type NotComputable } from './result.js';

export interface RepeatedMeasuresTest {
  statistic: number;
  df: number;
  pValue: number;
  /** Blocks (people) used: every one answered every round. */
  n: number;
}

/**
 * Cochran's Q for a yes/no answer given by the same people in k ≥ 2 rounds: `blocks[i][j]` is 1
 * when person i said yes in round j, else 0. Q = (k − 1)(k ΣC_j² − N²) / (kN − ΣR_i²), with column
 * totals C_j, row totals R_i and N = ΣC_j, referred to χ² with k − 1 df (Cochran 1950). People who
 * say the same in every round add nothing to either side; when nobody changes, Q is undefined.
 */
export function cochranQ(blocks: readonly (readonly number[])[]): RepeatedMeasuresTest | NotComputable {
  const k = blocks[0]?.length ?? 0;
  if (blocks.length === 0 || k < 2) return notComputable(blocks.length === 0 ? 'no one answered every round' : 'fewer than two rounds');
  const columns = new Array<number>(k).fill(0);
  let rowSquares = 0;
  for (const block of blocks) {
    let row = 0;
    block.forEach((yes, j) => { columns[j]! += yes; row += yes; });
    rowSquares += row * row;
  }
  const total = columns.reduce((s, c) => s + c, 0);
  const denominator = k * total - rowSquares;
  if (denominator === 0) return notComputable('nobody changed their answer between rounds');
  const statistic = ((k - 1) * (k * columns.reduce((s, c) => s + c * c, 0) - total * total)) / denominator;
  return { statistic, df: k - 1, pValue: pchisqUpper(statistic, k - 1), n: blocks.length };
}
