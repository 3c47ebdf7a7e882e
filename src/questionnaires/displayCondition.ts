import type { DisplayCondition } from './types.js';

/**
 * Whether an item with this condition is shown, given the answer to the item it depends on.
 * An unanswered controlling item hides its dependants: we only ask follow-ups we know apply.
 */
export function isShown(condition: DisplayCondition | undefined, controllingAnswer: unknown): boolean {
  if (!condition) return true;
  return typeof controllingAnswer === 'number' && condition.anyOf.includes(controllingAnswer);
}
