import type { Item, Questionnaire } from '../questionnaires/types.js';

/**
 * Seconds a caseworker needs per thing to answer, by item kind. Rough guesses, not measured: a
 * radio click on a short statement is quick, a count means thinking about one's caseload, a
 * time-use share means estimating a week, and free text is typing on a phone (an optional
 * comment is often skipped). The HIR questionnaires (about 60 answers) come out at 10–11 minutes.
 * Conditional items are counted as if shown: better an estimate that is a little long than one
 * that runs out before the end.
 */
const SECONDS = {
  likertStatement: 8,
  choice: 12,
  number: 25,
  allocationCategory: 15,
  matrixRow: 10,
  requiredText: 90,
  optionalText: 30,
  /** Reading the question (and any help) before answering its parts. */
  perQuestion: 5,
} as const;

function itemSeconds(item: Item): number {
  switch (item.kind) {
    case 'likert': return item.statements.length * SECONDS.likertStatement;
    case 'choice': return SECONDS.choice;
    case 'number': return SECONDS.number;
    case 'allocation': return item.categories.length * SECONDS.allocationCategory;
    case 'matrix': return item.rows.length * SECONDS.matrixRow;
    case 'text': return item.required === false ? SECONDS.optionalText : SECONDS.requiredText;
  }
}

/** Whole minutes, at least one, for the first screen's "Det tager omkring … minutter". */
export function estimatedMinutes(questionnaire: Questionnaire): number {
  const seconds = questionnaire.sections.flatMap((section) => section.items).reduce((total, item) => total + SECONDS.perQuestion + itemSeconds(item), 0);
  return Math.max(1, Math.round(seconds / 60));
}
