/** Plain inputs of the analysis: what the database hands over, nothing more. */

export interface Attributes {
  municipality: string | null;
  team: string | null;
  group: string | null;
  role: string | null;
}

/** One submitted response in a round. */
export interface ResponseRecord {
  responseId: number;
  /** Who answered: `r<respondent id>` for identified rounds, `c<self code>` for the open link, null if neither. */
  personKey: string | null;
  /** When it was submitted, in milliseconds since the epoch (a number, not a Date: a round holds 100,000 of them). */
  submittedAtMs: number;
  attributes: Attributes;
}

/**
 * Stored answers of one round as columns: one per item and sub-item (see answerKey), one slot
 * per response (rowOf), NaN where unanswered. Typed arrays rather than an object or map entry per
 * answer, because a round of 100,000 caseworkers has millions of answers.
 */
export interface AnswerValues {
  responseIds: number[];
  rowOf: Map<number, number>;
  columns: Map<string, Float64Array>;
}

export const answerKey = (itemId: string, subId = ''): string => `${itemId}\u0000${subId}`;

export interface Pair {
  personKey: string;
  baseline: ResponseRecord;
  followUp: ResponseRecord;
}

/** A figure the anonymity rule hides: absent from payloads, with the reason beside it. */
export interface Suppressed {
  suppressed: true;
  reason: string;
}
