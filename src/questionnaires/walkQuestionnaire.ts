import type { Item, LikertStatement, Questionnaire, Section } from './types.js';

/** `$.scales` + `agree5` → `$.scales.agree5`; keys that are not identifiers get brackets. */
export function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export interface ItemAt {
  item: Item;
  section: Section;
  /** JSON path of the item, e.g. `$.sections[1].items[0]`. */
  path: string;
  /** Place in the questionnaire's reading order (0, 1, 2, …): "earlier" means a smaller position. */
  position: number;
}

/** Every item in reading order, with where it sits in the file. */
export function allItems(q: Questionnaire): ItemAt[] {
  const result: ItemAt[] = [];
  q.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      result.push({ item, section, path: `$.sections[${s}].items[${i}]`, position: result.length });
    });
  });
  return result;
}

/**
 * Something a respondent answers and the analysis stores under its own id: a likert
 * statement, or any item that is not a likert battery.
 */
export interface AnswerableAt {
  id: string;
  /** JSON path of the object that declares the id (the item or the statement). */
  path: string;
  item: Item;
  statement?: LikertStatement;
  position: number;
}

export function answerables(q: Questionnaire): AnswerableAt[] {
  return allItems(q).flatMap(({ item, path, position }): AnswerableAt[] =>
    item.kind === 'likert'
      ? item.statements.map((statement, k) => ({ id: statement.id, path: `${path}.statements[${k}]`, item, statement, position }))
      : [{ id: item.id, path, item, position }],
  );
}

/**
 * Every id in the item namespace, in reading order: item ids (likert batteries included, so a
 * battery cannot share an id with a statement) and statement ids.
 */
export function declaredIds(q: Questionnaire): { id: string; path: string }[] {
  return allItems(q).flatMap(({ item, path }) => [
    { id: item.id, path: `${path}.id` },
    ...(item.kind === 'likert' ? item.statements.map((st, k) => ({ id: st.id, path: `${path}.statements[${k}].id` })) : []),
  ]);
}
