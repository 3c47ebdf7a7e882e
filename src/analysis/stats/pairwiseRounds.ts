import { holm } from './holm.js';
import { mcnemarExact } from './mcnemarExact.js';
import { wilcoxonSignedRank } from './wilcoxonSignedRank.js';

export interface RoundPairTest {
  /** Positions of the two rounds in the chosen list (earlier first). */
  from: number;
  to: number;
  test: 'McNemar exact' | 'Wilcoxon signed-rank';
  pValue: number | null;
  /** Holm-adjusted over the pairs of rounds of this item. */
  pHolm: number | null;
  reason?: string;
}

/**
 * The follow-up to an overall test across rounds: every pair of rounds compared on the same
 * people, McNemar's exact test on yes/no answers (`binary`) or the Wilcoxon signed-rank test on
 * ordinal ones, p-values Holm-adjusted over the pairs.
 */
export function pairwiseRounds(blocks: readonly (readonly number[])[], binary: boolean): RoundPairTest[] {
  const k = blocks[0]?.length ?? 0;
  const tests: RoundPairTest[] = [];
  for (let from = 0; from < k; from++) {
    for (let to = from + 1; to < k; to++) {
      if (binary) {
        const b = blocks.filter((x) => x[from] === 1 && x[to] === 0).length;
        const c = blocks.filter((x) => x[from] === 0 && x[to] === 1).length;
        const result = mcnemarExact(b, c);
        tests.push({ from, to, test: 'McNemar exact', pHolm: null, ...('reason' in result ? { pValue: null, reason: result.reason } : { pValue: result.pValue }) });
      } else {
        const result = wilcoxonSignedRank(blocks.map((x) => x[to]! - x[from]!));
        tests.push({ from, to, test: 'Wilcoxon signed-rank', pHolm: null, ...('reason' in result ? { pValue: null, reason: result.reason } : { pValue: result.pValue }) });
      }
    }
  }
  const adjusted = holm(tests.map((t) => t.pValue));
  tests.forEach((t, i) => { t.pHolm = adjusted[i] ?? null; });
  return tests;
}
