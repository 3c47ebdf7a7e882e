import type { ComparisonOptions } from './scaleItemComparison.js';

export interface TimeUseComparison {
  itemId: string;
  /** Categories asked in one round only: left out, and each person's remaining shares rescaled to 100. */
  droppedCategories: string[];
  categories: { id: string; baseline: number | null; followUp: number | null; changePp: number | null }[];
  baselineN: number;
  followUpN: number;
  suppressed?: string;
}

/**
 * One round's shares: a column per category (NaN where unanswered) and the slots of the people
 * counted (−1: no values). A person who answered none of the round's categories is not counted.
 */
export interface ShareColumns {
  columns: Map<string, Float64Array>;
  slots: Int32Array;
}

/** Mean of each common category after rescaling every person's common shares to `total`, and the number of people. */
function rescaledMeans(shares: ShareColumns, common: string[], total: number): { n: number; means: Map<string, number> } {
  const all = [...shares.columns.values()];
  const columns = common.map((id) => shares.columns.get(id));
  const sums = new Float64Array(common.length);
  let n = 0;
  for (const person of shares.slots) {
    if (person < 0 || all.every((column) => Number.isNaN(column[person]!))) continue;
    let sum = 0;
    for (const column of columns) sum += column && !Number.isNaN(column[person]!) ? column[person]! : 0;
    if (sum === 0) continue;
    n++;
    columns.forEach((column, i) => {
      const share = column && !Number.isNaN(column[person]!) ? column[person]! : 0;
      sums[i] += (share / sum) * total;
    });
  }
  return { n, means: new Map(common.map((id, i) => [id, sums[i]! / n])) };
}

/**
 * Mean share per time-use category per round. A category asked in only one round (e.g.
 * "preparation of conversations" at the end) is removed and each respondent's remaining shares
 * rescaled to the total before comparing, as the HIR evaluation did.
 */
export function compareTimeUse(
  itemId: string,
  total: number,
  baseline: ShareColumns,
  followUp: ShareColumns,
  options: Pick<ComparisonOptions, 'k'>,
): TimeUseComparison {
  const baselineCategories = [...baseline.columns.keys()];
  const followUpCategories = [...followUp.columns.keys()];
  const common = baselineCategories.filter((id) => followUpCategories.includes(id));
  const dropped = [...baselineCategories, ...followUpCategories].filter((id) => !common.includes(id));
  const before = rescaledMeans(baseline, common, total);
  const after = rescaledMeans(followUp, common, total);
  if (before.n < options.k || after.n < options.k) {
    return { itemId, droppedCategories: dropped, categories: [], baselineN: before.n, followUpN: after.n, suppressed: `færre end ${options.k} svar (fewer than ${options.k} answers)` };
  }
  return {
    itemId,
    droppedCategories: dropped,
    baselineN: before.n,
    followUpN: after.n,
    categories: common.map((id) => {
      const b = before.means.get(id)!;
      const f = after.means.get(id)!;
      return { id, baseline: b, followUp: f, changePp: f - b };
    }),
  };
}
