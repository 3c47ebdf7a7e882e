import type { QuestionnaireVersion } from '../db/entities/index.js';
import type { Questionnaire } from './types.js';

export interface CatalogEntry {
  versionId: number;
  revision: number;
  questionnaire: Questionnaire;
  /** The stored revision's hash, when known: how another instance's change is noticed (refreshCatalog). */
  contentHash?: string;
}

/**
 * The questionnaire revisions known to the database, parsed once. Responses and rounds refer
 * to a revision id; the newest revision of each questionnaire id is what new rounds use.
 */
export class QuestionnaireCatalog {
  private readonly byVersionId = new Map<number, CatalogEntry>();
  private readonly latestById = new Map<string, CatalogEntry>();
  /** Ids of the files in surveys/: they are revised by changing the file, not in the app. */
  private readonly builtIn = new Set<string>();

  markBuiltIn(questionnaireIds: string[]): void {
    for (const id of questionnaireIds) this.builtIn.add(id);
  }

  isBuiltIn(questionnaireId: string): boolean {
    return this.builtIn.has(questionnaireId);
  }

  /** Add a revision, or replace it when it was updated in place (same id and revision). */
  add(version: Pick<QuestionnaireVersion, 'id' | 'revision' | 'definition'> & { contentHash?: string }): CatalogEntry {
    const entry: CatalogEntry = { versionId: version.id, revision: version.revision, questionnaire: JSON.parse(version.definition) as Questionnaire, contentHash: version.contentHash };
    this.byVersionId.set(version.id, entry);
    const latest = this.latestById.get(entry.questionnaire.id);
    if (!latest || latest.revision <= entry.revision) this.latestById.set(entry.questionnaire.id, entry);
    return entry;
  }

  contentHashOf(versionId: number): string | undefined {
    return this.byVersionId.get(versionId)?.contentHash;
  }

  byVersion(versionId: number): CatalogEntry | undefined {
    return this.byVersionId.get(versionId);
  }

  latest(questionnaireId: string): CatalogEntry | undefined {
    return this.latestById.get(questionnaireId);
  }

  latestAll(): CatalogEntry[] {
    return [...this.latestById.values()].sort((a, b) => a.questionnaire.id.localeCompare(b.questionnaire.id));
  }

  revisions(questionnaireId: string): CatalogEntry[] {
    return [...this.byVersionId.values()].filter((entry) => entry.questionnaire.id === questionnaireId).sort((a, b) => a.revision - b.revision);
  }
}
