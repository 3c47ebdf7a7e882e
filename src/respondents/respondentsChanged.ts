import type { EntityManager } from 'typeorm';
import { Project } from '../db/entities/index.js';

/**
 * Record, in the transaction that changes a project's caseworkers, that they changed: computed
 * comparisons keyed on the old version are then no longer used (comparison/comparisonCache.ts).
 */
export async function markRespondentsChanged(manager: EntityManager, projectId: number): Promise<void> {
  await manager.getRepository(Project).increment({ id: projectId }, 'respondentsVersion', 1);
}
