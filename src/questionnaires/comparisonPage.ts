import { compareQuestionnaires, fullyComparable, type ComparabilityReport } from '../analysis/questionnaireComparability.js';
import type { CatalogEntry, QuestionnaireCatalog } from './questionnaireCatalog.js';

const REASON_DA = { different_kind: 'en anden slags spørgsmål', different_codes: 'andre svarkoder', not_analysed: 'indgår ikke i før/efter-testene' } as const;
const CHANGE_DA = { text: 'spørgsmålets tekst', stem: 'batteriets indledning', scaleLabels: 'svarmulighedernes tekst', categoryLabels: 'kategoriernes tekst' } as const;

/** One side of a comparison: a questionnaire id and optionally a revision ("hir-start" or "hir-start@2"). */
function entryOf(catalog: QuestionnaireCatalog, value: unknown): CatalogEntry | undefined {
  if (typeof value !== 'string') return undefined;
  const [id, revision] = value.split('@');
  return revision ? catalog.revisions(id!).find((e) => e.revision === Number(revision)) : catalog.latest(id!);
}

/** The comparability report in Danish words, for the comparison page and the round page. */
export function comparisonReportView(report: ComparabilityReport) {
  return {
    fullyComparable: fullyComparable(report),
    compared: report.compared.length,
    notCompared: report.notCompared.map((i) => ({ id: i.id, text: i.text.da, reason: REASON_DA[i.reason] })),
    onlyInFirst: report.onlyInFirst.map((i) => ({ id: i.id, text: i.text.da })),
    onlyInSecond: report.onlyInSecond.map((i) => ({ id: i.id, text: i.text.da })),
    changedWording: report.changedWording.map((i) => ({ id: i.id, text: i.text.da, changes: i.changes.map((c) => CHANGE_DA[c]).join(', ') })),
    rescaledTimeUse: report.rescaledTimeUse.map((t) => ({ id: t.id, text: t.text.da, categories: [...t.onlyInFirst, ...t.onlyInSecond].map((c) => c.label.da).join(', ') })),
  };
}

/** The comparison page: two pickers (questionnaire and revision), and the report when both are chosen. */
export function comparisonPageView(catalog: QuestionnaireCatalog, query: Record<string, unknown>) {
  const choices = catalog.latestAll().flatMap((latest) => catalog.revisions(latest.questionnaire.id).map((e) => ({
    value: e.revision === latest.revision ? e.questionnaire.id : `${e.questionnaire.id}@${e.revision}`,
    label: `${e.questionnaire.title.da} (${e.questionnaire.id}, revision ${e.revision}${e.revision === latest.revision ? ', nyeste' : ''})`,
  })));
  const [first, second] = [entryOf(catalog, query.a), entryOf(catalog, query.b)];
  const asked = query.a !== undefined || query.b !== undefined;
  const missing = asked && (!first || !second);
  return {
    status: missing ? 404 : 200,
    // Before anything is chosen, two different questionnaires are offered (START then END, as listed).
    choices, a: typeof query.a === 'string' ? query.a : (choices[0]?.value ?? ''), b: typeof query.b === 'string' ? query.b : (choices.find((c) => c.value !== choices[0]?.value && !c.value.includes('@'))?.value ?? ''),
    missing,
    first: first && { id: first.questionnaire.id, title: first.questionnaire.title.da, revision: first.revision },
    second: second && { id: second.questionnaire.id, title: second.questionnaire.title.da, revision: second.revision },
    report: first && second ? comparisonReportView(compareQuestionnaires(first.questionnaire, second.questionnaire)) : undefined,
  };
}
