import { answerableItems } from '../questionnaires/answerableItems.js';
import type { Questionnaire } from '../questionnaires/types.js';
import type { Answers } from './types.js';

export interface AnswerRow {
  itemId: string;
  subId: string;
  valueCode: number | null;
  valueNumber: number | null;
  valueText: string | null;
}

/**
 * Validated answers as long-format rows. An answered allocation gets a row for every category,
 * blanks as 0, because the shares are only meaningful as a whole that sums to the total.
 */
export function answerRows(questionnaire: Questionnaire, answers: Answers): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const row = (itemId: string, subId: string, value: Partial<AnswerRow>): AnswerRow =>
    ({ itemId, subId, valueCode: null, valueNumber: null, valueText: null, ...value });
  for (const item of answerableItems(questionnaire)) {
    const value = answers[item.id];
    if (value === undefined) continue;
    switch (item.kind) {
      case 'likert':
      case 'choice':
        rows.push(row(item.id, '', { valueCode: value as number }));
        break;
      case 'number':
        rows.push(row(item.id, '', { valueNumber: value as number }));
        break;
      case 'text':
        rows.push(row(item.id, '', { valueText: value as string }));
        break;
      case 'allocation': {
        const shares = value as Record<string, number>;
        for (const category of item.item.categories) rows.push(row(item.id, category.id, { valueNumber: shares[category.id] ?? 0 }));
        break;
      }
      case 'matrix': {
        const choices = value as Record<string, number>;
        for (const matrixRow of item.item.rows) {
          if (choices[matrixRow.id] !== undefined) rows.push(row(item.id, matrixRow.id, { valueCode: choices[matrixRow.id]! }));
        }
        break;
      }
    }
  }
  return rows;
}
