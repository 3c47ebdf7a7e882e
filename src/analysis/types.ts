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
  submittedAt: Date;
  attributes: Attributes;
}

/** One stored answer (long format). */
export interface AnswerRecord {
  responseId: number;
  itemId: string;
  subId: string;
  valueCode: number | null;
  valueNumber: number | null;
}

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
