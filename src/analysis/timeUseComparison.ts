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

/** Each person's shares over the common categories, rescaled to sum to `total`. */
function rescale(shares: Map<string, number>, common: string[], total: number): Map<string, number> | null {
  const sum = common.reduce((s, id) => s + (shares.get(id) ?? 0), 0);
  if (sum === 0) return null;
  return new Map(common.map((id) => [id, ((shares.get(id) ?? 0) / sum) * total]));
}

const meanOf = (rows: Map<string, number>[], id: string) => (rows.length ? rows.reduce((s, row) => s + row.get(id)!, 0) / rows.length : null);

/**
 * Mean share per time-use category per round. A category asked in only one round (e.g.
 * "preparation of conversations" at the end) is removed and each respondent's remaining shares
 * rescaled to the total before comparing, as the HIR evaluation did.
 */
export function compareTimeUse(
  itemId: string,
  total: number,
  baselineCategories: string[],
  followUpCategories: string[],
  baseline: Map<number, Map<string, number>>,
  followUp: Map<number, Map<string, number>>,
  options: Pick<ComparisonOptions, 'k'>,
): TimeUseComparison {
  const common = baselineCategories.filter((id) => followUpCategories.includes(id));
  const dropped = [...baselineCategories, ...followUpCategories].filter((id) => !common.includes(id));
  const before = [...baseline.values()].map((shares) => rescale(shares, common, total)).filter((row): row is Map<string, number> => row !== null);
  const after = [...followUp.values()].map((shares) => rescale(shares, common, total)).filter((row): row is Map<string, number> => row !== null);
  if (before.length < options.k || after.length < options.k) {
    return { itemId, droppedCategories: dropped, categories: [], baselineN: before.length, followUpN: after.length, suppressed: `færre end ${options.k} svar (fewer than ${options.k} answers)` };
  }
  return {
    itemId,
    droppedCategories: dropped,
    baselineN: before.length,
    followUpN: after.length,
    categories: common.map((id) => {
      const b = meanOf(before, id);
      const f = meanOf(after, id);
      return { id, baseline: b, followUp: f, changePp: b === null || f === null ? null : f - b };
    }),
  };
}
