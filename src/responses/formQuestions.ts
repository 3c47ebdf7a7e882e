import type nunjucks from 'nunjucks';
import { answerableItems } from '../questionnaires/answerableItems.js';
import type { Item, Language, Questionnaire } from '../questionnaires/types.js';
import { fillSlotsInto, SlotRecorder, splitAtSlots, type SlottedHtml } from './formSlots.js';
import { buildFormShell, buildFormView, hiddenItems, type BuildFormViewArgs, type FormView, type ItemView, type SectionView } from './formView.js';

/**
 * The form's questions are most of its page (≈ 70 kB) and most of its rendering time. They depend
 * on the questionnaire revision, the language and the round's period text; the person's answers
 * only fill values, checked radios, hidden conditions and sums. So they are rendered once per
 * (revision, language, period) with markers in those places (formSlots.ts), and each request
 * fills the markers. A question with an error is rendered afresh (errors change its classes,
 * ids and describedby), from the same templates the cached copy came from.
 */

/** Everything views/form.njk prints; the questions as UTF-8 bytes, which renderForm.ts puts in the page unchanged. */
export type FormPage = Omit<FormView, 'sections'> & { questions: Buffer };

interface CachedSection {
  /** The section's own HTML before and after its questions (UTF-8). */
  before: Buffer;
  after: Buffer;
  items: { item: Item; html: SlottedHtml }[];
}

/** Questionnaire objects are the catalog's, one per revision: a WeakMap forgets a revision no longer loaded. */
const cache = new WeakMap<Questionnaire, Map<string, CachedSection[]>>();
/** Periods are per round; a bound keeps a long-lived server from collecting them without end. */
const MAX_VARIANTS_PER_REVISION = 64;
const ITEMS_MARKER = '\u0003';

function renderItem(env: nunjucks.Environment, item: ItemView, ui: FormView['ui']): string {
  return env.render('partials/form-item.njk', { item, ui });
}

function renderSection(env: nunjucks.Environment, section: SectionView, ui: FormView['ui'], itemsHtml: string): string {
  return env.render('partials/form-section.njk', { section, ui, itemsHtml });
}

function buildTemplate(env: nunjucks.Environment, questionnaire: Questionnaire, language: Language, period: string): CachedSection[] {
  const recorder = new SlotRecorder();
  const view = buildFormView({ questionnaire, values: {}, issues: [], language, token: '', period, slots: recorder });
  return view.sections.map((section, s) => {
    const [before, after] = renderSection(env, section, view.ui, ITEMS_MARKER).split(ITEMS_MARKER).map((html) => Buffer.from(html)) as [Buffer, Buffer];
    const items = section.items.map((item, i) => ({ item: questionnaire.sections[s]!.items[i]!, html: splitAtSlots(renderItem(env, item, view.ui), recorder.slots) }));
    return { before, after, items };
  });
}

function cachedTemplate(env: nunjucks.Environment, questionnaire: Questionnaire, language: Language, period: string): CachedSection[] {
  let variants = cache.get(questionnaire);
  if (!variants) cache.set(questionnaire, (variants = new Map()));
  const key = `${language}\u0000${period}`;
  let template = variants.get(key);
  if (!template) {
    if (variants.size >= MAX_VARIANTS_PER_REVISION) variants.clear();
    template = buildTemplate(env, questionnaire, language, period);
    variants.set(key, template);
  }
  return template;
}

/** The top-level items that have an issue (a statement's issue belongs to its battery). */
function itemsWithIssues(questionnaire: Questionnaire, args: BuildFormViewArgs): Set<string> {
  const owner = new Map(answerableItems(questionnaire).map((answerable) => [answerable.id, answerable.item.id]));
  return new Set(args.issues.map((issue) => owner.get(issue.item)).filter((id): id is string => id !== undefined));
}

/** The page without caching: every question through the templates. The reference the cached path must equal. */
export function renderFormPageUncached(env: nunjucks.Environment, args: BuildFormViewArgs): FormPage {
  const { sections, ...view } = buildFormView(args);
  const questionsHtml = sections.map((section) => renderSection(env, section, view.ui, section.items.map((item) => renderItem(env, item, view.ui)).join(''))).join('');
  return { ...view, questions: Buffer.from(questionsHtml) };
}

function withoutSections({ sections: _sections, ...page }: FormView): Omit<FormView, 'sections'> {
  return page;
}

export function renderFormPage(env: nunjucks.Environment, args: BuildFormViewArgs): FormPage {
  const { questionnaire, values, language } = args;
  const template = cachedTemplate(env, questionnaire, language, args.period ?? '');
  // With issues the full view is needed: the error summary and the erring questions' views.
  const full = args.issues.length > 0 ? buildFormView(args) : undefined;
  const view = full ? withoutSections(full) : { ...buildFormShell(args), errorSummary: [] };
  const withIssues = itemsWithIssues(questionnaire, args);
  const slotValues = { values, hidden: hiddenItems(questionnaire, values), language };
  const out: Buffer[] = [];
  template.forEach((section, s) => {
    out.push(section.before);
    section.items.forEach(({ item, html }, i) => {
      if (full && withIssues.has(item.id)) out.push(Buffer.from(renderItem(env, full.sections[s]!.items[i]!, view.ui)));
      else fillSlotsInto(out, html, slotValues);
    });
    out.push(section.after);
  });
  return { ...view, questions: Buffer.concat(out) };
}
