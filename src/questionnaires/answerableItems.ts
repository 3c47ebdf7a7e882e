import { withGenericPlaceholders } from './textPlaceholders.js';
import type {
  AllocationItem, ChoiceItem, DisplayCondition, LikertItem, LikertStatement, LocalisedText, MatrixItem,
  NumberItem, Questionnaire, Scale, TextItem,
} from './types.js';

/**
 * Everything a respondent answers, flattened: each likert statement is its own answerable item
 * (stored and analysed under the statement id) and inherits its battery's scale and condition.
 */
export type AnswerableItem =
  | { kind: 'likert'; id: string; text: LocalisedText; item: LikertItem; statement: LikertStatement; scale: Scale; required: boolean; showIf?: DisplayCondition }
  | { kind: 'choice'; id: string; text: LocalisedText; item: ChoiceItem; scale: Scale; required: boolean; showIf?: DisplayCondition }
  | { kind: 'number'; id: string; text: LocalisedText; item: NumberItem; required: boolean; showIf?: DisplayCondition }
  | { kind: 'allocation'; id: string; text: LocalisedText; item: AllocationItem; required: boolean; showIf?: DisplayCondition }
  | { kind: 'matrix'; id: string; text: LocalisedText; item: MatrixItem; scale: Scale; required: boolean; showIf?: DisplayCondition }
  | { kind: 'text'; id: string; text: LocalisedText; item: TextItem; required: boolean; showIf?: DisplayCondition };

const cache = new WeakMap<Questionnaire, AnswerableItem[]>();

/**
 * The answerable items in questionnaire order (memoised per loaded questionnaire). Their `text`
 * has placeholders filled generically ("i perioden"): the form fills them from its round instead.
 */
export function answerableItems(questionnaire: Questionnaire): AnswerableItem[] {
  const cached = cache.get(questionnaire);
  if (cached) return cached;
  const result: AnswerableItem[] = [];
  for (const section of questionnaire.sections) {
    for (const item of section.items) {
      const common = { required: item.required ?? true, showIf: item.showIf };
      switch (item.kind) {
        case 'likert': {
          const scale = questionnaire.scales[item.scale]!;
          for (const statement of item.statements) {
            result.push({ kind: 'likert', id: statement.id, text: withGenericPlaceholders(statement.text), item, statement, scale, ...common });
          }
          break;
        }
        case 'choice':
          result.push({ kind: 'choice', id: item.id, text: withGenericPlaceholders(item.text), item, scale: questionnaire.scales[item.scale]!, ...common });
          break;
        case 'matrix':
          result.push({ kind: 'matrix', id: item.id, text: withGenericPlaceholders(item.text), item, scale: questionnaire.scales[item.scale]!, ...common });
          break;
        case 'number':
          result.push({ kind: 'number', id: item.id, text: withGenericPlaceholders(item.text), item, ...common });
          break;
        case 'allocation':
          result.push({ kind: 'allocation', id: item.id, text: withGenericPlaceholders(item.text), item, ...common });
          break;
        case 'text':
          result.push({ kind: 'text', id: item.id, text: withGenericPlaceholders(item.text), item, ...common });
          break;
      }
    }
  }
  cache.set(questionnaire, result);
  return result;
}

export function answerableItemById(questionnaire: Questionnaire, id: string): AnswerableItem | undefined {
  return answerableItems(questionnaire).find((candidate) => candidate.id === id);
}
