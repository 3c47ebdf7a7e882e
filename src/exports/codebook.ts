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

export const CODEBOOK_HEADER = ['column', 'item_id', 'sub_id', 'kind', 'text_da', 'text_en', 'code', 'label_da', 'label_en', 'dont_know', 'rounds', 'ordered'];

/** Each column of the given rounds once, with the labels of the rounds it was asked in. */
export function codebookEntries(rounds: { label: string; columns: Column[] }[]): { column: Column; rounds: string[] }[] {
  const entries = new Map<string, { column: Column; rounds: string[] }>();
  for (const round of rounds) {
    for (const column of round.columns) {
      const entry = entries.get(column.name) ?? { column, rounds: [] };
      entry.rounds.push(round.label);
      entries.set(column.name, entry);
    }
  }
  return [...entries.values()];
}

/** The codebook's rows (CODEBOOK_HEADER): one per code of a scale item, one for any other column. */
export function codebookRows(entries: { column: Column; rounds: string[] }[]): (string | number | null)[][] {
  return entries.flatMap(({ column, rounds }): (string | number | null)[][] => {
    const base: (string | number | null)[] = [column.name, column.itemId, column.subId, column.kind, column.textDa, column.textEn];
    return column.labels.length
      ? column.labels.map((l) => [...base, l.code, l.da, l.en, l.dontKnow ? 1 : 0, rounds.join(' '), column.ordered ? 1 : 0])
      : [[...base, null, null, null, null, rounds.join(' '), null]];
  });
}
