/**
 * The questionnaire format, as TypeScript types. The JSON Schema in
 * `questionnaire.schema.json` is the authority for the file format; these types describe a
 * file that has passed both the schema and the semantic checks in `checkQuestionnaire.ts`.
 */

export type Language = 'da' | 'en';
export const LANGUAGES: readonly Language[] = ['da', 'en'];

/** A text in every language the product speaks. */
export type LocalisedText = Record<Language, string>;

export interface ScaleOption {
  /** Numeric code stored in the answer table; unique within the scale. */
  code: number;
  label: LocalisedText;
  /** "Ved ikke": its own category in distributions, excluded from ordinal statistics. */
  dontKnow?: boolean;
}

export interface Scale {
  /** Ordered scales allow ordinal statistics (medians, Wilcoxon); unordered ones do not. */
  ordered: boolean;
  /** Options in display order. */
  options: ScaleOption[];
  /** Codes counted as the "top-2 box" (e.g. helt enig + enig), for ordered agreement scales. */
  topBox?: number[];
}

/** Show an item only when another (earlier) item's answer is one of the given codes. */
export interface DisplayCondition {
  item: string;
  anyOf: number[];
}

interface ItemBase {
  /** Stable id: the same id in two rounds means the same question. */
  id: string;
  /** The question text, or for a likert battery the shared stem ("Jeg har god mulighed for at …"). */
  text: LocalisedText;
  /** A few words naming the question in the error summary; the text, shortened, when absent. */
  shortLabel?: LocalisedText;
  help?: LocalisedText;
  /** Answer needed to submit (unless the item is hidden by its condition). Default true. */
  required?: boolean;
  showIf?: DisplayCondition;
}

export interface LikertStatement {
  /** Stable id of the statement: each statement is stored and analysed as its own item. */
  id: string;
  text: LocalisedText;
  shortLabel?: LocalisedText;
}

export interface LikertItem extends ItemBase {
  kind: 'likert';
  scale: string;
  statements: LikertStatement[];
}

export interface ChoiceItem extends ItemBase {
  kind: 'choice';
  scale: string;
}

export interface NumberItem extends ItemBase {
  kind: 'number';
  min: number;
  max: number;
  /** Whole numbers only (default true). */
  integer?: boolean;
  /** The answer may not exceed the answer to this other number item (a count ≤ the caseload). */
  maxItem?: string;
  unit?: LocalisedText;
}

export interface AllocationCategory {
  id: string;
  label: LocalisedText;
}

export interface AllocationItem extends ItemBase {
  kind: 'allocation';
  /** The shares must add up to this (100 for percentages). */
  total: number;
  /** Shown after each input ("%"). */
  unit?: LocalisedText;
  categories: AllocationCategory[];
}

export interface MatrixRow {
  id: string;
  label: LocalisedText;
}

export interface MatrixItem extends ItemBase {
  kind: 'matrix';
  scale: string;
  rows: MatrixRow[];
}

export interface TextItem extends ItemBase {
  kind: 'text';
  maxLength: number;
  multiline?: boolean;
}

export type Item = LikertItem | ChoiceItem | NumberItem | AllocationItem | MatrixItem | TextItem;
export type ItemKind = Item['kind'];

export interface Section {
  id: string;
  title: LocalisedText;
  intro?: LocalisedText;
  items: Item[];
}

/** A derived figure per respondent, e.g. belief = count ÷ caseload. */
export interface RatioIndicator {
  id: string;
  kind: 'ratio';
  label: LocalisedText;
  numerator: string;
  denominator: string;
}

export type Indicator = RatioIndicator;

export interface Questionnaire {
  /** Stable questionnaire id, e.g. "hir-start"; also the file name without ".json". */
  id: string;
  /** Author's version label; the database adds a revision when a file changes after use. */
  version: string;
  title: LocalisedText;
  intro?: LocalisedText;
  defaultLanguage: Language;
  scales: Record<string, Scale>;
  sections: Section[];
  indicators: Indicator[];
}
