import { answerableItems, type AnswerableItem } from '../questionnaires/answerableItems.js';
import { isShown } from '../questionnaires/displayCondition.js';
import type { Language, Questionnaire } from '../questionnaires/types.js';
import type { ErrorObject } from '../shared/ajv.js';
import { answerValidator } from './answerSchema.js';
import type { Answers, AnswerValue, ValidationIssue } from './types.js';
import { validationMessages, type ValidationMessages } from './validationMessages.js';

/**
 * Check answers against the questionnaire: first the derived JSON Schema (types, scale codes,
 * ranges, lengths, unknown items), then the rules between answers (conditions, requiredness,
 * sums, count ≤ caseload). Returns every problem, each tied to its field, in `language`.
 */
export function validateAnswers(questionnaire: Questionnaire, answers: Answers, language: Language): ValidationIssue[] {
  const messages = validationMessages[language];
  const validate = answerValidator(questionnaire);
  const issues = new IssueList();
  if (!validate(answers)) {
    for (const error of validate.errors ?? []) issues.add(schemaIssue(questionnaire, error, answers, messages));
  }
  for (const issue of crossFieldIssues(questionnaire, answers, language)) issues.add(issue);
  return issues.list();
}

/** Keeps the first problem per field, so a person sees one clear message per field. */
class IssueList {
  private readonly byField = new Map<string, ValidationIssue>();
  add(issue: ValidationIssue): void {
    const key = `${issue.item}\u0000${issue.sub ?? ''}`;
    if (!this.byField.has(key)) this.byField.set(key, issue);
  }
  list(): ValidationIssue[] {
    return [...this.byField.values()];
  }
}

function schemaIssue(questionnaire: Questionnaire, error: ErrorObject, answers: Answers, messages: ValidationMessages): ValidationIssue {
  const [itemId = '', sub] = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return itemId === '' ? { item: extra, message: messages.unknownItem } : { item: itemId, sub: extra, message: messages.unknownPart };
  }
  const item = answerableItems(questionnaire).find((candidate) => candidate.id === itemId);
  const at = sub === undefined ? { item: itemId } : { item: itemId, sub };
  const limit = (error.params as { limit?: number }).limit ?? 0;
  switch (error.keyword) {
    case 'enum':
      return { ...at, message: messages.notOnScale };
    case 'minimum':
      return { ...at, message: messages.belowMin(limit) };
    case 'maximum':
      return { ...at, message: messages.aboveMax(limit) };
    case 'maxLength':
      return { ...at, message: messages.tooLong(limit) };
    case 'type': {
      const value = sub === undefined ? answers[itemId] : (answers[itemId] as Record<string, unknown>)[sub];
      if (item?.kind === 'text') return { ...at, message: messages.notText };
      if (sub === undefined && (item?.kind === 'allocation' || item?.kind === 'matrix')) return { ...at, message: messages.wrongShape };
      if (item?.kind === 'likert' || item?.kind === 'choice' || item?.kind === 'matrix') return { ...at, message: messages.notOnScale };
      return { ...at, message: typeof value === 'number' ? messages.notAWholeNumber : messages.notANumber };
    }
    default:
      return { ...at, message: messages.wrongShape };
  }
}

function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function crossFieldIssues(questionnaire: Questionnaire, answers: Answers, language: Language): ValidationIssue[] {
  const messages = validationMessages[language];
  const items = answerableItems(questionnaire);
  const textOf = (id: string): string => items.find((candidate) => candidate.id === id)?.text[language] ?? id;
  const issues: ValidationIssue[] = [];
  for (const item of items) {
    const value = answers[item.id];
    const shown = isShown(item.showIf, item.showIf ? answers[item.showIf.item] : undefined);
    if (!shown) {
      if (isAnswered(value)) issues.push({ item: item.id, message: messages.hiddenAnswered(textOf(item.showIf!.item)) });
      continue;
    }
    if (!isAnswered(value)) {
      if (item.required) issues.push(...missingAnswerIssues(item, messages));
      continue;
    }
    issues.push(...valueRuleIssues(item, value!, answers, messages, textOf));
  }
  return issues;
}

function missingAnswerIssues(item: AnswerableItem, messages: ValidationMessages): ValidationIssue[] {
  if (item.kind === 'matrix') return item.item.rows.map((row) => ({ item: item.id, sub: row.id, message: messages.requiredRow }));
  return [{ item: item.id, message: messages.required }];
}

function valueRuleIssues(
  item: AnswerableItem,
  value: AnswerValue,
  answers: Answers,
  messages: ValidationMessages,
  textOf: (id: string) => string,
): ValidationIssue[] {
  if (item.kind === 'number' && item.item.maxItem) {
    const bound = answers[item.item.maxItem];
    if (typeof value === 'number' && typeof bound === 'number' && value > bound) {
      return [{ item: item.id, message: messages.aboveOther(textOf(item.item.maxItem), bound) }];
    }
  }
  if (item.kind === 'allocation' && typeof value === 'object') {
    const shares = Object.values(value);
    if (shares.every((share) => typeof share === 'number')) {
      const sum = shares.reduce((total, share) => total + share, 0);
      // Shares may carry decimals; compare with a tolerance instead of exact float equality.
      if (Math.abs(sum - item.item.total) > 1e-6) return [{ item: item.id, message: messages.sumNot(item.item.total, sum) }];
    }
  }
  if (item.kind === 'matrix' && item.required && typeof value === 'object') {
    return item.item.rows.filter((row) => !(row.id in value)).map((row) => ({ item: item.id, sub: row.id, message: messages.requiredRow }));
  }
  return [];
}
