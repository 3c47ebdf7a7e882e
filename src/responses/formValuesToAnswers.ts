import { answerableItems } from '../questionnaires/answerableItems.js';
import { isShown } from '../questionnaires/displayCondition.js';
import type { Questionnaire } from '../questionnaires/types.js';
import type { Answers, FormValues } from './types.js';

/**
 * Danish users write decimals with a comma. Anything that is not a plain number stays a string
 * so that validation can tell the person "skriv et tal" instead of silently dropping it.
 */
function parseNumberField(raw: string): number | string {
  const trimmed = raw.trim().replace(/\s/g, '');
  return /^-?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : raw;
}

function parseCodeField(raw: string): number | string {
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
}

function parseFieldGroup(values: FormValues, prefix: string, keys: string[], parse: (raw: string) => number | string): Record<string, number> | undefined {
  const group: Record<string, number | string> = {};
  for (const key of keys) {
    const raw = values[`${prefix}.${key}`];
    if (raw !== undefined && raw.trim() !== '') group[key] = parse(raw);
  }
  // Non-numeric strings are kept on purpose so the schema reports them per category or row.
  return Object.keys(group).length > 0 ? (group as Record<string, number>) : undefined;
}

/** Turn the flat string fields of the HTML form (or a draft) into structured answers. */
export function formValuesToAnswers(questionnaire: Questionnaire, values: FormValues): Answers {
  const answers: Answers = {};
  for (const item of answerableItems(questionnaire)) {
    const raw = values[item.id];
    switch (item.kind) {
      case 'likert':
      case 'choice':
        if (raw !== undefined && raw.trim() !== '') answers[item.id] = parseCodeField(raw);
        break;
      case 'number':
        if (raw !== undefined && raw.trim() !== '') answers[item.id] = parseNumberField(raw);
        break;
      case 'text':
        // A browser sends a textarea's line breaks as CRLF but counts them as one character
        // against maxlength; store them as "\n", as the JSON API does, so the limits agree.
        if (raw !== undefined && raw.trim() !== '') answers[item.id] = raw.replace(/\r\n?/g, '\n').trim();
        break;
      case 'allocation': {
        const shares = parseFieldGroup(values, item.id, item.item.categories.map((category) => category.id), parseNumberField);
        if (shares) answers[item.id] = shares;
        break;
      }
      case 'matrix': {
        const choices = parseFieldGroup(values, item.id, item.item.rows.map((row) => row.id), parseCodeField);
        if (choices) answers[item.id] = choices;
        break;
      }
    }
  }
  return answers;
}

/**
 * The HTML form shows conditional items to people without JavaScript, and a chosen radio button
 * cannot be unchosen without it; so the form (unlike the strict JSON API) ignores answers to
 * items its conditions hide instead of refusing them.
 */
export function dropHiddenAnswers(questionnaire: Questionnaire, answers: Answers): Answers {
  const kept: Answers = { ...answers };
  for (const item of answerableItems(questionnaire)) {
    if (!isShown(item.showIf, item.showIf ? kept[item.showIf.item] : undefined)) delete kept[item.id];
  }
  return kept;
}

/** Answers back into form fields, e.g. to show a submitted JSON draft in the form. */
export function answersToFormValues(answers: Answers): FormValues {
  const values: FormValues = {};
  for (const [itemId, value] of Object.entries(answers)) {
    if (typeof value === 'object' && value !== null) {
      for (const [key, part] of Object.entries(value)) values[`${itemId}.${key}`] = String(part);
    } else {
      values[itemId] = String(value);
    }
  }
  return values;
}
