import type { DataSource } from 'typeorm';
import { QuestionnaireVersion } from '../db/entities/index.js';
import type { Logger } from '../shared/logger.js';
import type { QuestionnaireCatalog } from './questionnaireCatalog.js';

/** How often an instance reads revisions saved through other instances. */
export const CATALOG_REFRESH_MS = 30_000;

/**
 * Add the revisions saved through another instance (or updated there in place) to this instance's
 * catalog: the ids and hashes first, the definitions only of what is new or changed.
 */
export async function refreshCatalog(dataSource: DataSource, catalog: QuestionnaireCatalog): Promise<number> {
  const versions = dataSource.getRepository(QuestionnaireVersion);
  const stored = await versions.find({ select: { id: true, contentHash: true } });
  const changed = stored.filter((row) => catalog.contentHashOf(row.id) !== row.contentHash).map((row) => row.id);
  for (const id of changed) catalog.add(await versions.findOneByOrFail({ id }));
  return changed.length;
}

/** Refresh in the background; a failed refresh (database away) is logged and tried again next time. */
export function startCatalogRefresh(dataSource: DataSource, catalog: QuestionnaireCatalog, logger: Logger): () => void {
  const timer = setInterval(() => {
    refreshCatalog(dataSource, catalog).catch((error: unknown) => logger.warn('questionnaire catalog refresh failed', { error: (error as Error).message }));
  }, CATALOG_REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
