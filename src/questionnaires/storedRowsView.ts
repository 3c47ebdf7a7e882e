import type { AnswerRow } from '../responses/answerRows.js';
import { answerableItems } from './answerableItems.js';
import type { Questionnaire } from './types.js';

export interface StoredRowView {
  itemId: string;
  subId: string;
  question: string;
  /** The part of the question: a time-use category or a matrix row. */
  part: string;
  /** The stored value as the `answer` table would hold it. */
  stored: string;
  /** What the value means: the option's label. */
  meaning: string;
}

/** The rows a test submission would store, with the Danish texts beside them, for the test result page. */
export function storedRowsView(questionnaire: Questionnaire, rows: AnswerRow[]): StoredRowView[] {
  const items = new Map(answerableItems(questionnaire).map((item) => [item.id, item]));
  return rows.map((row) => {
    const item = items.get(row.itemId)!;
    const part = item.kind === 'allocation' ? item.item.categories.find((c) => c.id === row.subId)?.label.da
      : item.kind === 'matrix' ? item.item.rows.find((r) => r.id === row.subId)?.label.da : undefined;
    const option = 'scale' in item && row.valueCode !== null ? item.scale.options.find((o) => o.code === row.valueCode) : undefined;
    const stored = row.valueCode ?? row.valueNumber ?? row.valueText ?? '';
    return { itemId: row.itemId, subId: row.subId, question: item.text.da, part: part ?? '', stored: String(stored), meaning: option?.label.da ?? '' };
  });
}
