import type { DataSource } from 'typeorm';
import { participationOf } from '../analysis/participation.js';
import type { Participation } from '../analysis/segmentDifferencing.js';
import { Project } from '../db/entities/index.js';
import { participantGroups } from '../projects/projectParticipants.js';
import { comparisonCacheFor } from './comparisonCache.js';
import { openLinkResponses, responsesFingerprint } from './comparisonRepository.js';

/**
 * Projects whose participation is kept: one entry per project (a few hundred groups and the open
 * link's codes), so the differencing guard of a lead changing filters reads no answers.
 */
const PROJECTS_KEPT = 32;

/**
 * Who answered each round of a project (participationOf), as the differencing guard reasons about
 * it, reused while the data it was counted from is unchanged: the fingerprint (responses per
 * round, the caseworkers' version) is read fresh on every request, as the comparison cache's is,
 * so a submission, an import or a moved caseworker through any instance counts anew. It does not
 * depend on the filter a request asks for, so one entry serves every view of the project.
 */
export async function projectParticipation(dataSource: DataSource, projectId: number, roundIds: number[]): Promise<Participation> {
  const cache = comparisonCacheFor<Participation>(dataSource, 'participation', PROJECTS_KEPT);
  const [responses, project] = await Promise.all([
    responsesFingerprint(dataSource, roundIds),
    dataSource.getRepository(Project).findOne({ where: { id: projectId }, select: { id: true, respondentsVersion: true } }),
  ]);
  const key = JSON.stringify([projectId, roundIds]);
  const fingerprint = `${responses} | respondents ${project?.respondentsVersion}`;
  const cached = cache.get(key, fingerprint);
  if (cached) return cached;
  const [registry, openLink] = await Promise.all([participantGroups(dataSource, projectId, roundIds, 'registry'), openLinkResponses(dataSource, projectId)]);
  const participation = participationOf(registry, openLink, roundIds);
  cache.set(key, fingerprint, participation);
  return participation;
}
