import { answerableItems } from '../questionnaires/answerableItems.js';
import type { Questionnaire } from '../questionnaires/types.js';

const cache = new WeakMap<Questionnaire, Set<string>>();

/** Every form field name the questionnaire's form has (see FormValues for the convention). */
export function formFieldNames(questionnaire: Questionnaire): Set<string> {
  let names = cache.get(questionnaire);
  if (names) return names;
  names = new Set<string>();
  for (const item of answerableItems(questionnaire)) {
    if (item.kind === 'allocation') item.item.categories.forEach((category) => names!.add(`${item.id}.${category.id}`));
    else if (item.kind === 'matrix') item.item.rows.forEach((row) => names!.add(`${item.id}.${row.id}`));
    else names.add(item.id);
  }
  cache.set(questionnaire, names);
  return names;
}

/** Keep only the fields this questionnaire has, as strings: drafts never store anything else. */
export function pickFormFields(questionnaire: Questionnaire, raw: Record<string, unknown>): Record<string, string> {
  const names = formFieldNames(questionnaire);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (names.has(name) && typeof value === 'string') values[name] = value;
  }
  return values;
}
