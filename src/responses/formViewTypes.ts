import type { Language, Questionnaire } from '../questionnaires/types.js';
import type { UiText } from '../shared/i18n.js';
import type { SlotRecorder } from './formSlots.js';
import type { FormValues, ValidationIssue } from './types.js';

/** The shapes of the form's view model (built in formView.ts, printed by views/form.njk and its partials). */

export interface FieldError {
  /** `<fieldId>-error`, referenced by aria-describedby. */
  id: string;
  message: string;
}

export interface OptionView {
  id: string;
  value: string;
  label: string;
  /** A slot marker (string) when the questions are rendered as a template; see formSlots.ts. */
  checked: boolean | string;
  dontKnow: boolean;
}

/** One set of radio buttons: a choice, a likert statement or a matrix row. */
export interface RadioGroupView {
  /** The first radio's id, so error links land on something focusable. */
  id: string;
  name: string;
  legend: string;
  /** Said before the legend by screen readers only (the battery stem, the matrix question). */
  legendContext?: string;
  options: OptionView[];
  value: string;
  error?: FieldError;
  describedBy?: string;
}

export interface InputView {
  id: string;
  name: string;
  label: string;
  value: string;
  inputMode: 'numeric' | 'decimal' | 'text';
  /** What form.js checks to clear an error as soon as the value is right (the server checks again). */
  rules?: { min: number; max: number; integer: boolean; maxItem?: string };
  /** Shown after the input ("%"). */
  suffix?: string;
  suffixId?: string;
  hint?: string;
  hintId?: string;
  error?: FieldError;
  describedBy?: string;
}

export interface ConditionView {
  item: string;
  /** Codes, comma-separated, for `data-show-if-any-of`. */
  anyOf: string;
  note: string;
  noteId: string;
}

export interface ItemViewBase {
  id: string;
  /** Id of the item's wrapper element. */
  htmlId: string;
  text: string;
  help?: string;
  helpId?: string;
  optional: boolean;
  condition?: ConditionView;
  /** The condition is not met by the current values. Rendered with `hidden`; visible without JS. A slot marker in template mode. */
  hidden: boolean | string;
}

export interface LikertView extends ItemViewBase {
  kind: 'likert';
  /** Column headings for the wide, table-like layout; the radios keep their own labels. */
  columns: { label: string; dontKnow: boolean }[];
  groups: RadioGroupView[];
}

export interface MatrixView extends ItemViewBase {
  kind: 'matrix';
  columns: { label: string; dontKnow: boolean }[];
  groups: RadioGroupView[];
  error?: FieldError;
}

export interface ChoiceView extends ItemViewBase {
  kind: 'choice';
  group: RadioGroupView;
}

export interface NumberView extends ItemViewBase {
  kind: 'number';
  field: InputView;
  unit?: string;
  unitId?: string;
}

export interface AllocationView extends ItemViewBase {
  kind: 'allocation';
  fields: InputView[];
  total: number;
  totalText: string;
  /** A generic "must add up to" hint, only when the questionnaire's own help text is missing. */
  hint?: string;
  hintId?: string;
  sumId: string;
  /** "40 af 100 – mangler 60", as form.js writes it live. */
  sumText: string;
  sumState: string;
  /** Status templates for the browser; `{amount}` is filled in live. */
  sumTexts: { matches: string; missing: string; tooMuch: string };
  error?: FieldError;
  describedBy?: string;
}

export interface TextView extends ItemViewBase {
  kind: 'text';
  field: InputView;
  multiline: boolean;
  maxLength: number;
}

export type ItemView = LikertView | MatrixView | ChoiceView | NumberView | AllocationView | TextView;

export interface SectionView {
  id: string;
  htmlId: string;
  title: string;
  /** 1-based place among the sections, for "Del 2 af 5" and the progress bar. */
  step: number;
  stepCount: number;
  stepText: string;
  intro?: string;
  items: ItemView[];
}

export interface ErrorSummaryEntry {
  /** What the link is about (question, statement, row or category), so it reads on its own. */
  label?: string;
  message: string;
  href: string;
}

export interface FormView {
  lang: Language;
  ui: UiText;
  token: string;
  action: string;
  draftUrl: string;
  questionnaireId: string;
  questionnaireTitle: string;
  intro?: string;
  /** "Det tager omkring 10 minutter at svare." */
  estimatedTime: string;
  saved: boolean;
  errorSummary: ErrorSummaryEntry[];
  sections: SectionView[];
  /** ISO time of the server's draft, so the browser can tell whether its own copy is newer. */
  draftSavedAt?: string;
}

export interface BuildFormViewArgs {
  questionnaire: Questionnaire;
  values: FormValues;
  issues: ValidationIssue[];
  language: Language;
  /** Identifies the form's copy in the browser (the personal link's token, or an open-link key). */
  token: string;
  /** Where the form posts and autosaves; a personal link's own addresses when not given. */
  urls?: { action: string; draftUrl: string };
  /** An open-link form says how to come back (same browser, same code) instead of "your personal link". */
  openLink?: boolean;
  saved?: boolean;
  draftSavedAt?: Date | string;
  /** What `{period}` in the questionnaire's texts becomes for this round and language. */
  period?: string;
  /** Template mode: answer-dependent places get markers instead of values (formQuestions.ts). */
  slots?: SlotRecorder;
}
