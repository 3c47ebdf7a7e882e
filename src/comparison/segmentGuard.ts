import type { DataSource } from 'typeorm';
import { differencingRisk, type ShownPopulation } from '../analysis/segmentDifferencing.js';
import { participantGroups } from '../projects/projectParticipants.js';
import type { RespondentAttribute } from '../projects/reportableAttributes.js';
import { BadRequestError } from '../shared/errors.js';
import { isEmptyFilter, type SegmentFilter } from './segmentFilter.js';

export interface SegmentRequest {
  projectId: number;
  anonymityK: number;
  baselineRoundId: number;
  followUpRoundId: number;
  paired: boolean;
  filter: SegmentFilter;
}

/**
 * Refuse a comparison whose answers could be subtracted from another comparison the same caller
 * may ask for, leaving fewer than k people (e.g. a municipality minus its one large team). Runs
 * before the analysis, for the API and the dashboard alike; `filterable` is what the caller may
 * filter on.
 */
export async function assertSegmentCannotBeDifferenced(dataSource: DataSource, request: SegmentRequest, filterable: Set<RespondentAttribute>): Promise<void> {
  // Everyone has no larger segment to be subtracted from.
  if (isEmptyFilter(request.filter)) return;
  const people = await participantGroups(dataSource, request.projectId, [request.baselineRoundId, request.followUpRoundId]);
  const shown: ShownPopulation[] = request.paired
    ? [{ round: request.baselineRoundId, filter: request.filter, pairedWith: request.followUpRoundId }, { round: request.followUpRoundId, filter: request.filter, pairedWith: request.baselineRoundId }]
    : [{ round: request.baselineRoundId, filter: request.filter, pairedWith: null }, { round: request.followUpRoundId, filter: request.filter, pairedWith: null }];
  for (const population of shown) {
    const risk = differencingRisk(people, population, [...filterable], request.anonymityK);
    if (risk) {
      throw new BadRequestError(
        `Udsnittet kan ikke vises: sammen med et andet udsnit ville det afsløre svar fra færre end ${request.anonymityK} personer – ${risk}. (This segment could be subtracted from another to reveal fewer than ${request.anonymityK} people's answers.)`,
        [{ field: 'query', message: 'segment could be differenced below the anonymity threshold' }],
        'segment_differencing',
      );
    }
  }
}
