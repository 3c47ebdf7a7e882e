import type { Round } from '../db/entities/index.js';

export type RoundAvailability = 'open' | 'not_yet_open' | 'closed';

/**
 * Whether a round takes answers at `now`. The times decide even before the scheduler has moved
 * the status, so a round is never open a minute too long because a job ran late.
 */
export function roundAvailability(round: Pick<Round, 'status' | 'opensAt' | 'closesAt'>, now: Date): RoundAvailability {
  if (round.status === 'closed') return 'closed';
  if (round.closesAt && round.closesAt.getTime() <= now.getTime()) return 'closed';
  if (round.opensAt && round.opensAt.getTime() > now.getTime()) return 'not_yet_open';
  if (round.status === 'scheduled' && !round.opensAt) return 'not_yet_open';
  return 'open';
}
