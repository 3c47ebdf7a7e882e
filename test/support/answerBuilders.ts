import { answerableItems } from '../../src/questionnaires/answerableItems.js';
import { isShown } from '../../src/questionnaires/displayCondition.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import type { Answers } from '../../src/responses/types.js';

/**
 * A complete, valid answer set for any questionnaire, derived from the file: the first
 * substantive option of each scale, numbers within their bounds, time use all in the first
 * category. Overrides are applied first, so conditions see them (e.g. who does consultant tasks).
 */
export function buildValidAnswers(questionnaire: Questionnaire, overrides: Answers = {}): Answers {
  const answers: Answers = { ...overrides };
  for (const item of answerableItems(questionnaire)) {
    if (item.id in overrides) continue;
    if (!isShown(item.showIf, item.showIf ? answers[item.showIf.item] : undefined)) continue;
    switch (item.kind) {
      case 'likert':
      case 'choice':
        answers[item.id] = item.scale.options.find((option) => !option.dontKnow)!.code;
        break;
      case 'matrix':
        answers[item.id] = Object.fromEntries(item.item.rows.map((row) => [row.id, item.scale.options[0]!.code]));
        break;
      case 'number': {
        const bound = item.item.maxItem ? (answers[item.item.maxItem] as number) : item.item.max;
        answers[item.id] = Math.max(item.item.min, Math.min(bound, 10));
        break;
      }
      case 'allocation':
        answers[item.id] = Object.fromEntries(item.item.categories.map((category, index) => [category.id, index === 0 ? item.item.total : 0]));
        break;
      case 'text':
        answers[item.id] = 'Et svar med æøå.';
        break;
    }
  }
  return answers;
}
