import { answerableItems } from '../questionnaires/answerableItems.js';
import { isShown } from '../questionnaires/displayCondition.js';
import type {
  AllocationItem, ChoiceItem, Item, Language, LikertItem, MatrixItem, NumberItem, Questionnaire, Scale, TextItem,
} from '../questionnaires/types.js';
import { fillPlaceholders } from '../questionnaires/textPlaceholders.js';
import { uiText, type PartKind, type UiText } from '../shared/i18n.js';
import { estimatedMinutes } from './completionEstimate.js';
import { allocationSum, formatNumber, type SlotRecorder } from './formSlots.js';
import { summaryLabel } from './summaryLabels.js';
import type { FormValues, ValidationIssue } from './types.js';
import type {
  AllocationView, BuildFormViewArgs, ChoiceView, FieldError, FormView, InputView, ItemView, ItemViewBase, LikertView, MatrixView, NumberView, RadioGroupView,
  SectionView, TextView, ErrorSummaryEntry,
} from './formViewTypes.js';

/*
 * The view model behind views/form.njk: every id, name, text and state the template prints is
 * decided here, so the template stays dumb and this stays testable without rendering.
 */
export type {
  AllocationView, BuildFormViewArgs, ChoiceView, ConditionView, ErrorSummaryEntry, FieldError, FormView, InputView, ItemView, LikertView, MatrixView, NumberView,
  OptionView, RadioGroupView, SectionView, TextView,
} from './formViewTypes.js';

export function fieldId(item: string, sub?: string): string {
  return sub === undefined ? `q-${item}` : `q-${item}-${sub}`;
}

export function fieldName(item: string, sub?: string): string {
  return sub === undefined ? item : `${item}.${sub}`;
}

function optionId(groupId: string, index: number, code: number): string {
  return index === 0 ? groupId : `${groupId}--${code}`;
}

function joinIds(...ids: (string | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length > 0 ? present.join(' ') : undefined;
}

function parseCode(raw: string | undefined): number | undefined {
  return raw !== undefined && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/** A statement, row or box of a question: several with the same problem make one summary line. */
interface PartOf {
  item: string;
  question: string;
  kind: PartKind;
}

class Context {
  readonly ui: UiText;
  private readonly issues = new Map<string, ValidationIssue>();
  private readonly used = new Set<ValidationIssue>();
  private readonly entries: (ErrorSummaryEntry & { partOf?: PartOf })[] = [];

  constructor(readonly questionnaire: Questionnaire, readonly values: FormValues, issues: ValidationIssue[], readonly language: Language, private readonly period: string, readonly slots?: SlotRecorder) {
    this.ui = uiText(language);
    for (const issue of issues) {
      const key = `${issue.item}\u0000${issue.sub ?? ''}`;
      if (!this.issues.has(key)) this.issues.set(key, issue);
    }
  }

  text(localised: Record<Language, string>): string {
    return fillPlaceholders(localised[this.language], { period: this.period });
  }

  /** The value printed in a text input: a slot marker in template mode. */
  value(name: string): string {
    return this.slots ? this.slots.text(name) : this.values[name] ?? '';
  }

  /** Attach the issue for this field (if any) and list it in the summary, in form order. */
  error(item: string, sub: string | undefined, id: string, label: string, href = id, partOf?: PartOf): FieldError | undefined {
    const issue = this.issues.get(`${item}\u0000${sub ?? ''}`);
    if (!issue) return undefined;
    this.used.add(issue);
    this.entries.push({ label, message: issue.message, href: `#${href}`, partOf });
    return { id: `${id}-error`, message: issue.message };
  }

  /**
   * The summary in form order. Parts of one question with the same problem (six unanswered
   * statements of a battery) are one line, "Mine muligheder (6 udsagn) – Besvar …", linking to
   * the first: an empty submit lists each question once instead of every statement.
   */
  summary(): ErrorSummaryEntry[] {
    const lines: ErrorSummaryEntry[] = [];
    for (let start = 0; start < this.entries.length;) {
      const first = this.entries[start]!;
      let end = start + 1;
      while (first.partOf && end < this.entries.length && this.entries[end]!.partOf?.item === first.partOf.item && this.entries[end]!.message === first.message) end++;
      const count = end - start;
      lines.push(count > 1 ? { label: `${first.partOf!.question} (${this.ui.form.parts(count, first.partOf!.kind)})`, message: first.message, href: first.href } : { label: first.label, message: first.message, href: first.href });
      start = end;
    }
    return lines;
  }

  /** Issues about fields the form does not show still belong in the summary. */
  leftoverIssues(): ErrorSummaryEntry[] {
    return [...this.issues.values()].filter((issue) => !this.used.has(issue)).map((issue) => ({ message: issue.message, href: '#pejling-form' }));
  }

  /** The question named briefly, for the error summary. */
  shortName(item: Item): string {
    return item.shortLabel ? this.text(item.shortLabel) : summaryLabel(this.text(item.text));
  }

  scale(name: string): Scale {
    const scale = this.questionnaire.scales[name];
    if (!scale) throw new Error(`Questionnaire ${this.questionnaire.id} has no scale "${name}"`);
    return scale;
  }
}

function radioGroup(ctx: Context, scale: Scale, item: string, sub: string | undefined, legend: string, summary: string, extraDescribedBy?: string, legendContext?: string, partOf?: PartOf): RadioGroupView {
  const id = fieldId(item, sub);
  const name = fieldName(item, sub);
  const value = ctx.values[name] ?? '';
  const error = ctx.error(item, sub, id, summary, id, partOf);
  return {
    id,
    name,
    legend,
    legendContext,
    value,
    error,
    describedBy: joinIds(extraDescribedBy, error?.id),
    options: scale.options.map((option, index) => ({
      id: optionId(id, index, option.code),
      value: String(option.code),
      label: ctx.text(option.label),
      checked: ctx.slots ? ctx.slots.checked(name, String(option.code)) : value.trim() !== '' && value.trim() === String(option.code),
      dontKnow: option.dontKnow === true,
    })),
  };
}

function columns(ctx: Context, scale: Scale): { label: string; dontKnow: boolean }[] {
  return scale.options.map((option) => ({ label: ctx.text(option.label), dontKnow: option.dontKnow === true }));
}

function base(ctx: Context, item: Item, hidden: boolean | string): ItemViewBase {
  const view: ItemViewBase = {
    id: item.id,
    htmlId: `item-${item.id}`,
    text: ctx.text(item.text),
    optional: item.required === false,
    hidden,
  };
  if (item.help) {
    view.help = ctx.text(item.help);
    view.helpId = `item-${item.id}-help`;
  }
  if (item.showIf) {
    const controlling = answerableItems(ctx.questionnaire).find((candidate) => candidate.id === item.showIf!.item);
    const scale = controlling && 'scale' in controlling ? controlling.scale : undefined;
    const answers = item.showIf.anyOf.map((code) => {
      const option = scale?.options.find((candidate) => candidate.code === code);
      return option ? ctx.text(option.label) : String(code);
    });
    view.condition = {
      item: item.showIf.item,
      anyOf: item.showIf.anyOf.join(','),
      note: ctx.ui.form.onlyAnswerIf(controlling ? ctx.text(controlling.text) : item.showIf.item, answers),
      noteId: `item-${item.id}-condition`,
    };
  }
  return view;
}

function likertView(ctx: Context, item: LikertItem, common: ItemViewBase): LikertView {
  const scale = ctx.scale(item.scale);
  return {
    ...common,
    kind: 'likert',
    columns: columns(ctx, scale),
    // Help and condition belong to the whole battery; each statement's group points at them.
    groups: item.statements.map((statement) => {
      const text = ctx.text(statement.text);
      return radioGroup(ctx, scale, statement.id, undefined, text, summaryLabel(ctx.shortName(item), statement.shortLabel ? ctx.text(statement.shortLabel) : text), joinIds(common.helpId, common.condition?.noteId), common.text, { item: item.id, question: ctx.shortName(item), kind: 'statements' });
    }),
  };
}

function matrixView(ctx: Context, item: MatrixItem, common: ItemViewBase): MatrixView {
  const scale = ctx.scale(item.scale);
  const firstRow = item.rows[0] ? fieldId(item.id, item.rows[0].id) : fieldId(item.id);
  const error = ctx.error(item.id, undefined, fieldId(item.id), ctx.shortName(item), firstRow);
  return {
    ...common,
    kind: 'matrix',
    columns: columns(ctx, scale),
    error,
    groups: item.rows.map((row) => {
      const label = ctx.text(row.label);
      return radioGroup(ctx, scale, item.id, row.id, label, summaryLabel(ctx.shortName(item), label), joinIds(common.helpId, common.condition?.noteId, error?.id), common.text, { item: item.id, question: ctx.shortName(item), kind: 'rows' });
    }),
  };
}

function choiceView(ctx: Context, item: ChoiceItem, common: ItemViewBase): ChoiceView {
  return {
    ...common,
    kind: 'choice',
    group: radioGroup(ctx, ctx.scale(item.scale), item.id, undefined, common.text, ctx.shortName(item), joinIds(common.helpId, common.condition?.noteId)),
  };
}

function numberView(ctx: Context, item: NumberItem, withHelp: ItemViewBase): NumberView {
  const id = fieldId(item.id);
  const error = ctx.error(item.id, undefined, id, ctx.shortName(item));
  const hintId = `${id}-hint`;
  const unitId = item.unit ? `${id}-unit` : undefined;
  // One hint per field: the questionnaire's help and the allowed range read as one.
  const range = ctx.ui.form.numberRangeHint(formatNumber(item.min, ctx.language), formatNumber(item.max, ctx.language));
  const { help, helpId: _helpId, ...common } = withHelp;
  return {
    ...common,
    kind: 'number',
    unit: item.unit ? ctx.text(item.unit) : undefined,
    unitId,
    field: {
      id,
      name: fieldName(item.id),
      label: common.text,
      value: ctx.value(fieldName(item.id)),
      inputMode: item.integer === false ? 'decimal' : 'numeric',
      rules: { min: item.min, max: item.max, integer: item.integer !== false, maxItem: item.maxItem },
      hint: help ? `${help} ${range}` : range,
      hintId,
      error,
      describedBy: joinIds(hintId, common.condition?.noteId, unitId, error?.id),
    },
  };
}

function allocationView(ctx: Context, item: AllocationItem, common: ItemViewBase): AllocationView {
  const first = item.categories[0] ? fieldId(item.id, item.categories[0].id) : fieldId(item.id);
  const shortName = ctx.shortName(item);
  const error = ctx.error(item.id, undefined, fieldId(item.id), shortName, first);
  const sumId = `${fieldId(item.id)}-sum`;
  const hintId = common.help ? undefined : `${fieldId(item.id)}-hint`;
  const suffix = item.unit ? ctx.text(item.unit) : undefined;
  const fields = item.categories.map((category): InputView => {
    const id = fieldId(item.id, category.id);
    const name = fieldName(item.id, category.id);
    const label = ctx.text(category.label);
    const fieldError = ctx.error(item.id, category.id, id, summaryLabel(shortName, label), id, { item: item.id, question: shortName, kind: 'boxes' });
    const suffixId = suffix ? `${id}-unit` : undefined;
    return { id, name, label, value: ctx.value(name), inputMode: 'numeric', rules: { min: 0, max: item.total, integer: false }, suffix, suffixId, error: fieldError, describedBy: joinIds(suffixId, fieldError?.id) };
  });
  const sum = ctx.slots ? undefined : allocationSum(item, ctx.values, ctx.language);
  const amount = '{amount}';
  return {
    ...common,
    kind: 'allocation',
    fields,
    total: item.total,
    totalText: formatNumber(item.total, ctx.language),
    hint: hintId ? ctx.ui.form.allocationHint(formatNumber(item.total, ctx.language)) : undefined,
    hintId,
    sumId,
    sumText: sum ? sum.text : ctx.slots!.sumText(item),
    sumState: sum ? sum.state : ctx.slots!.sumState(item),
    sumTexts: { matches: ctx.ui.form.sumMatches, missing: ctx.ui.form.sumMissing(amount), tooMuch: ctx.ui.form.sumTooMuch(amount) },
    error,
    describedBy: joinIds(common.helpId, hintId, common.condition?.noteId, error?.id),
  };
}

function textView(ctx: Context, item: TextItem, common: ItemViewBase): TextView {
  const id = fieldId(item.id);
  const error = ctx.error(item.id, undefined, id, ctx.shortName(item));
  const hintId = `${id}-hint`;
  return {
    ...common,
    kind: 'text',
    multiline: item.multiline === true,
    maxLength: item.maxLength,
    field: {
      id,
      name: fieldName(item.id),
      label: common.text,
      value: ctx.value(fieldName(item.id)),
      inputMode: 'text',
      hint: ctx.ui.form.maxLengthHint(formatNumber(item.maxLength, ctx.language)),
      hintId,
      error,
      describedBy: joinIds(common.helpId, hintId, common.condition?.noteId, error?.id),
    },
  };
}

function itemView(ctx: Context, item: Item, hidden: boolean | string): ItemView {
  const common = base(ctx, item, hidden);
  switch (item.kind) {
    case 'likert': return likertView(ctx, item, common);
    case 'matrix': return matrixView(ctx, item, common);
    case 'choice': return choiceView(ctx, item, common);
    case 'number': return numberView(ctx, item, common);
    case 'allocation': return allocationView(ctx, item, common);
    case 'text': return textView(ctx, item, common);
  }
}

/**
 * Which items the current values hide. Same rule as the server's (dropHiddenAnswers): an item
 * whose controlling item is itself hidden counts as unanswered, so chains of conditions hold.
 */
export function hiddenItems(questionnaire: Questionnaire, values: FormValues): Set<string> {
  const hidden = new Set<string>();
  for (const answerable of answerableItems(questionnaire)) {
    const condition = answerable.showIf;
    if (!condition) continue;
    const controlling = hidden.has(condition.item) ? undefined : parseCode(values[condition.item]);
    if (!isShown(condition, controlling)) hidden.add(answerable.id);
  }
  return hidden;
}

/** The key under which hiddenItems lists an item: a battery goes with its first statement. */
export function hiddenKey(item: Item): string {
  return item.kind === 'likert' ? item.statements[0]?.id ?? item.id : item.id;
}

export function buildFormView(args: BuildFormViewArgs): FormView {
  const { questionnaire, values, issues, language } = args;
  const ctx = new Context(questionnaire, values, issues, language, args.period ?? '', args.slots);
  const hidden = hiddenItems(questionnaire, values);
  const count = questionnaire.sections.length;
  const sections = questionnaire.sections.map((section, index): SectionView => ({
    id: section.id,
    htmlId: `section-${section.id}`,
    title: ctx.text(section.title),
    step: index + 1,
    stepCount: count,
    stepText: ctx.ui.form.step(index + 1, count),
    intro: section.intro ? ctx.text(section.intro) : undefined,
    items: section.items.map((item) => itemView(ctx, item, args.slots ? args.slots.hidden(hiddenKey(item)) : hidden.has(hiddenKey(item)))),
  }));
  // The summary lists the issues in form order, as the items above met them.
  return { ...pageFields(args, ctx), errorSummary: [...ctx.summary(), ...ctx.leftoverIssues()], sections };
}

/** The page around the questions, for a request without issues (the questions come from formQuestions.ts). */
export function buildFormShell(args: BuildFormViewArgs): Omit<FormView, 'sections' | 'errorSummary'> {
  return pageFields(args, new Context(args.questionnaire, args.values, [], args.language, args.period ?? ''));
}

function pageFields(args: BuildFormViewArgs, ctx: Context): Omit<FormView, 'sections' | 'errorSummary'> {
  const { questionnaire, language, token } = args;
  const encoded = encodeURIComponent(token);
  const draftSavedAt = args.draftSavedAt instanceof Date ? args.draftSavedAt.toISOString() : args.draftSavedAt;
  const ui = args.openLink ? { ...ctx.ui, form: { ...ctx.ui.form, saveHint: ctx.ui.form.openLinkSaveHint, savedText: ctx.ui.form.openLinkSavedText } } : ctx.ui;
  return {
    lang: language,
    ui,
    token,
    action: args.urls?.action ?? `/s/${encoded}`,
    draftUrl: args.urls?.draftUrl ?? `/api/drafts/${encoded}`,
    questionnaireId: questionnaire.id,
    questionnaireTitle: ctx.text(questionnaire.title),
    intro: questionnaire.intro ? ctx.text(questionnaire.intro) : undefined,
    estimatedTime: ctx.ui.form.estimatedTime(estimatedMinutes(questionnaire)),
    saved: args.saved === true,
    draftSavedAt,
  };
}
