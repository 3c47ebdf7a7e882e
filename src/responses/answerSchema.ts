import { answerableItems, type AnswerableItem } from '../questionnaires/answerableItems.js';
import type { Questionnaire } from '../questionnaires/types.js';
import { ajv, type ValidateFunction } from '../shared/ajv.js';
import type { Answers } from './types.js';

function scaleCodes(item: Extract<AnswerableItem, { scale: unknown }>): number[] {
  return item.scale.options.map((option) => option.code);
}

function valueSchema(item: AnswerableItem): object {
  switch (item.kind) {
    case 'likert':
    case 'choice':
      return { type: 'integer', enum: scaleCodes(item) };
    case 'number':
      return { type: item.item.integer === false ? 'number' : 'integer', minimum: item.item.min, maximum: item.item.max };
    case 'allocation':
      return {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(item.item.categories.map((category) => [category.id, { type: 'number', minimum: 0, maximum: item.item.total }])),
      };
    case 'matrix':
      return {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(item.item.rows.map((row) => [row.id, { type: 'integer', enum: scaleCodes(item) }])),
      };
    case 'text':
      return { type: 'string', maxLength: item.item.maxLength };
  }
}

/**
 * The JSON Schema of one questionnaire's answers, derived from the questionnaire file so the
 * item list lives in one place. Requiredness and cross-field rules depend on other answers
 * (conditions, sums, count ≤ caseload) and are checked in `crossFieldRules.ts`.
 */
export function answerSchema(questionnaire: Questionnaire): object {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(answerableItems(questionnaire).map((item) => [item.id, valueSchema(item)])),
  };
}

const compiled = new WeakMap<Questionnaire, ValidateFunction<Answers>>();

/** Compiled once per loaded questionnaire revision. */
export function answerValidator(questionnaire: Questionnaire): ValidateFunction<Answers> {
  let validate = compiled.get(questionnaire);
  if (!validate) {
    validate = ajv.compile<Answers>(answerSchema(questionnaire));
    compiled.set(questionnaire, validate);
  }
  return validate;
}
