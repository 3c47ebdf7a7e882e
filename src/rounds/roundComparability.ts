import type { DataSource } from 'typeorm';
import { compareQuestionnaires } from '../analysis/questionnaireComparability.js';
import { Round } from '../db/entities/index.js';
import { comparisonReportView } from '../questionnaires/comparisonPage.js';
import type { CatalogEntry, QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';

/** The admin comparison page for two revisions ("hir-start" for the newest revision, "hir-start@2" for an older one). */
export function compareUrlOf(catalog: QuestionnaireCatalog, before: CatalogEntry, after: CatalogEntry): string {
  const ref = (e: CatalogEntry) => (e.revision === catalog.latest(e.questionnaire.id)?.revision ? e.questionnaire.id : `${e.questionnaire.id}@${e.revision}`);
  return `/admin/questionnaires/compare?a=${encodeURIComponent(ref(before))}&b=${encodeURIComponent(ref(after))}`;
}

/**
 * For a round whose questionnaire revision differs from the project's first round (the baseline a
 * before/after comparison starts from): which items will be compared with it and which will not.
 * Undefined for the first round and for rounds on the same revision.
 */
export async function roundComparability(dataSource: DataSource, catalog: QuestionnaireCatalog, round: Round) {
  const first = await dataSource.getRepository(Round).findOne({ where: { projectId: round.projectId }, order: { opensAt: 'ASC', id: 'ASC' } });
  if (!first || first.id === round.id || first.questionnaireVersionId === round.questionnaireVersionId) return undefined;
  const [before, after] = [catalog.byVersion(first.questionnaireVersionId), catalog.byVersion(round.questionnaireVersionId)];
  if (!before || !after) return undefined;
  return {
    baselineLabel: first.label,
    baselineQuestionnaire: `${before.questionnaire.title.da} (revision ${before.revision})`,
    report: comparisonReportView(compareQuestionnaires(before.questionnaire, after.questionnaire)),
    compareUrl: compareUrlOf(catalog, before, after),
  };
}
