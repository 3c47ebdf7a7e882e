import type { Project, ProjectGroup, Round } from '../db/entities/index.js';
import type { SegmentFilter } from './segmentFilter.js';

/** A filter with its attributes and values in a fixed order, so equal selections share a cache key. */
export function filterKey(filter: SegmentFilter): string {
  return JSON.stringify(Object.fromEntries(Object.entries(filter).filter(([, values]) => values?.length).map(([name, values]) => [name, [...values!].sort()]).sort(([a], [b]) => String(a).localeCompare(String(b)))));
}

/**
 * Everything an analysis of these rounds is computed from besides its request, each part read
 * fresh from the database on every request: the responses per round (responsesFingerprint), the
 * caseworkers' version, the threshold, the questionnaire versions and the groups. A submission or
 * an import through any instance changes it.
 */
export function analysisFingerprint(project: Project, rounds: Round[], groups: ProjectGroup[], responses: string): string {
  return [
    responses, `respondents ${project.respondentsVersion}`, `k ${project.anonymityK}`,
    `questionnaires ${rounds.map((round) => round.questionnaireVersionId).join(' ')}`,
    `groups ${[...groups].sort((a, b) => a.name.localeCompare(b.name)).map((g) => `${g.name}=${g.kind}`).join(' ')}`,
  ].join(' | ');
}
