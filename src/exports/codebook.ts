import { answerableItems } from '../questionnaires/answerableItems.js';
import type { Questionnaire } from '../questionnaires/types.js';

export interface Column {
  /** Column name in wide exports: the item id, or item id + "__" + category/row. */
  name: string;
  itemId: string;
  subId: string;
  kind: string;
  textDa: string;
  textEn: string;
  /** Whether the item's scale is ordered (false for items without a scale): ordered factors in R, ordinal in SPSS. */
  ordered: boolean;
  /** Code → label, for items answered on a scale. */
  labels: { code: number; da: string; en: string; dontKnow: boolean }[];
}

/** The columns of a questionnaire's answers, in questionnaire order: the export's codebook. */
export function columnsOf(questionnaire: Questionnaire): Column[] {
  return answerableItems(questionnaire).flatMap((item): Column[] => {
    const labels = 'scale' in item ? item.scale.options.map((o) => ({ code: o.code, da: o.label.da, en: o.label.en, dontKnow: Boolean(o.dontKnow) })) : [];
    const base = { itemId: item.id, kind: item.kind, ordered: 'scale' in item && item.scale.ordered, labels };
    if (item.kind === 'allocation') return item.item.categories.map((c) => ({ ...base, name: `${item.id}__${c.id}`, subId: c.id, textDa: `${item.text.da} – ${c.label.da}`, textEn: `${item.text.en} – ${c.label.en}` }));
    if (item.kind === 'matrix') return item.item.rows.map((r) => ({ ...base, name: `${item.id}__${r.id}`, subId: r.id, textDa: `${item.text.da} – ${r.label.da}`, textEn: `${item.text.en} – ${r.label.en}` }));
    const stem = item.kind === 'likert' ? item.item.text : undefined;
    return [{ ...base, name: item.id, subId: '', textDa: stem ? `${stem.da} ${item.text.da}` : item.text.da, textEn: stem ? `${stem.en} ${item.text.en}` : item.text.en }];
  });
}
