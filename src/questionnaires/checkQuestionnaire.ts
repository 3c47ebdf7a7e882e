import type { DisplayCondition, Item, Questionnaire, Scale } from './types.js';
import { isKnownPlaceholder, placeholdersIn, TEXT_PLACEHOLDERS } from './textPlaceholders.js';
import { allItems, answerables, declaredIds, member, type AnswerableAt } from './walkQuestionnaire.js';

export interface Problem {
  path: string;
  message: string;
}

/**
 * The rules JSON Schema cannot express: uniqueness and cross-references. Assumes the
 * questionnaire already matches the schema.
 */
export function checkQuestionnaire(q: Questionnaire): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });

  checkUnique(q.sections.map((s, i) => ({ id: s.id, path: `$.sections[${i}].id` })), 'section id', report);
  checkUnique(declaredIds(q), 'item id', report);
  for (const [name, scale] of Object.entries(q.scales)) checkScale(scale, member('$.scales', name), report);

  const byId = new Map<string, AnswerableAt>();
  for (const a of answerables(q)) if (!byId.has(a.id)) byId.set(a.id, a);
  const batteryIds = new Set(allItems(q).filter(({ item }) => item.kind === 'likert').map(({ item }) => item.id));

  for (const { item, path, position } of allItems(q)) {
    if ('scale' in item && !q.scales[item.scale]) {
      report(`${path}.scale`, `unknown scale "${item.scale}" (scales: ${listOf(Object.keys(q.scales))})`);
    }
    if (item.showIf) checkShowIf(q, item.showIf, `${path}.showIf`, position, byId, batteryIds, report);
    checkItemParts(item, path, position, byId, report);
  }

  checkIndicators(q, byId, report);
  checkPlaceholders(q, '$', report);
  return problems;
}

/** Texts are the `da`/`en` strings anywhere in the file; only known `{placeholders}` may appear in them. */
function checkPlaceholders(value: unknown, path: string, report: Report): void {
  if (Array.isArray(value)) return value.forEach((entry, i) => checkPlaceholders(entry, `${path}[${i}]`, report));
  if (typeof value !== 'object' || value === null) return;
  for (const [key, entry] of Object.entries(value)) {
    const at = member(path, key);
    if (typeof entry !== 'string' || (key !== 'da' && key !== 'en')) {
      checkPlaceholders(entry, at, report);
      continue;
    }
    for (const name of placeholdersIn(entry)) {
      if (!isKnownPlaceholder(name)) report(at, `unknown placeholder "{${name}}" (known: ${listOf(TEXT_PLACEHOLDERS.map((known) => `{${known}}`))})`);
    }
  }
}

type Report = (path: string, message: string) => void;

function checkUnique(entries: { id: string; path: string }[], what: string, report: Report): void {
  const first = new Map<string, string>();
  for (const { id, path } of entries) {
    const earlier = first.get(id);
    if (earlier) report(path, `duplicate ${what} "${id}" (first used at ${earlier})`);
    else first.set(id, path);
  }
}

function checkScale(scale: Scale, path: string, report: Report): void {
  checkUnique(scale.options.map((o, i) => ({ id: String(o.code), path: `${path}.options[${i}].code` })), 'option code', report);
  let dontKnowSeen = false;
  scale.options.forEach((option, i) => {
    if (!option.dontKnow) return;
    if (dontKnowSeen) report(`${path}.options[${i}].dontKnow`, 'a scale may have at most one "don\'t know" option');
    dontKnowSeen = true;
  });
  if (!scale.topBox) return;
  if (!scale.ordered) report(`${path}.topBox`, 'topBox needs an ordered scale');
  scale.topBox.forEach((code, i) => {
    const option = scale.options.find((o) => o.code === code);
    if (!option) report(`${path}.topBox[${i}]`, `code ${code} is not an option of this scale`);
    else if (option.dontKnow) report(`${path}.topBox[${i}]`, `code ${code} is the "don't know" option`);
  });
}

function checkShowIf(
  q: Questionnaire,
  condition: DisplayCondition,
  path: string,
  position: number,
  byId: Map<string, AnswerableAt>,
  batteryIds: Set<string>,
  report: Report,
): void {
  const target = byId.get(condition.item);
  if (!target) {
    const hint = batteryIds.has(condition.item) ? '; refer to one of the battery\'s statements' : '';
    report(`${path}.item`, `unknown item "${condition.item}"${hint}`);
    return;
  }
  if (target.position >= position) {
    report(`${path}.item`, `"${condition.item}" must come before the item it controls`);
    return;
  }
  const { item } = target;
  if (item.kind !== 'choice' && item.kind !== 'likert') {
    report(`${path}.item`, `"${condition.item}" is a ${item.kind} item; a condition must refer to a choice item or a likert statement`);
    return;
  }
  const scale = q.scales[item.scale];
  if (!scale) return; // reported at the item's own .scale
  condition.anyOf.forEach((code, i) => {
    if (!scale.options.some((o) => o.code === code)) {
      report(`${path}.anyOf[${i}]`, `code ${code} is not an option of scale "${item.scale}" (codes: ${listOf(scale.options.map((o) => o.code))})`);
    }
  });
}

function checkItemParts(item: Item, path: string, position: number, byId: Map<string, AnswerableAt>, report: Report): void {
  switch (item.kind) {
    case 'number': {
      if (item.min > item.max) report(`${path}.min`, `min (${item.min}) must not be greater than max (${item.max})`);
      if (item.maxItem === undefined) break;
      const target = byId.get(item.maxItem);
      if (!target) report(`${path}.maxItem`, `unknown item "${item.maxItem}"`);
      else if (target.item.kind !== 'number') report(`${path}.maxItem`, `"${item.maxItem}" is a ${target.item.kind} item; maxItem must refer to a number item`);
      else if (target.position >= position) report(`${path}.maxItem`, `"${item.maxItem}" must come before the item it limits`);
      break;
    }
    case 'allocation':
      checkUnique(item.categories.map((c, k) => ({ id: c.id, path: `${path}.categories[${k}].id` })), 'category id', report);
      break;
    case 'matrix':
      checkUnique(item.rows.map((r, k) => ({ id: r.id, path: `${path}.rows[${k}].id` })), 'row id', report);
      break;
    default:
      break;
  }
}

function checkIndicators(q: Questionnaire, byId: Map<string, AnswerableAt>, report: Report): void {
  const itemIds = new Set(declaredIds(q).map((d) => d.id));
  checkUnique(q.indicators.map((ind, i) => ({ id: ind.id, path: `$.indicators[${i}].id` })), 'indicator id', report);
  q.indicators.forEach((indicator, i) => {
    const path = `$.indicators[${i}]`;
    if (itemIds.has(indicator.id)) report(`${path}.id`, `indicator id "${indicator.id}" is already an item id`);
    for (const part of ['numerator', 'denominator'] as const) {
      const ref = indicator[part];
      const target = byId.get(ref);
      if (!target) report(`${path}.${part}`, `unknown item "${ref}"`);
      else if (target.item.kind !== 'number') report(`${path}.${part}`, `"${ref}" is a ${target.item.kind} item; a ratio needs number items`);
    }
  });
}

function listOf(values: (string | number)[]): string {
  return values.length ? values.join(', ') : 'none';
}
