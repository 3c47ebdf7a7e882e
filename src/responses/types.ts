import type { Language } from '../questionnaires/types.js';

/**
 * Structured answers, as the JSON API takes them: keyed by answerable item id (a likert
 * statement, a choice, a number, an allocation, a matrix, a text).
 *  - likert statement, choice: scale code (number)
 *  - number: number
 *  - allocation: { [categoryId]: number }
 *  - matrix: { [rowId]: scale code }
 *  - text: string
 */
export type AnswerValue = number | string | Record<string, number>;
export type Answers = Record<string, AnswerValue>;

/**
 * Raw form fields as the browser sends them (and as drafts keep them): every value a string.
 * Field names: `<itemId>` for scalar items, `<itemId>.<categoryId>` for allocation categories,
 * `<itemId>.<rowId>` for matrix rows.
 */
export type FormValues = Record<string, string>;

/** One problem with a submission, tied to the field it concerns, in the respondent's language. */
export interface ValidationIssue {
  /** Answerable item id (a likert statement id, not its battery's). */
  item: string;
  /** Allocation category or matrix row, when the problem is with one of them. */
  sub?: string;
  message: string;
}

export interface Submission {
  language: Language;
  answers: Answers;
}
