import { latestPerPerson, pairRespondents } from './pairRespondents.js';
import type { ParticipantGroup, Participation, PeopleInRound } from './segmentDifferencing.js';
import type { ResponseRecord } from './types.js';

const NO_ATTRIBUTES = Object.freeze({ municipality: null, team: null, group: null, role: null });

/**
 * Who answered each round, as the comparison counts them: registry caseworkers (one person across
 * rounds, counted in SQL by attributes and rounds answered) and the open link's answers of each
 * round (no attributes). An open-link answer joins another round as the comparison pairs it:
 * latest answer per code, codes matched with one element allowed to differ, ambiguous codes
 * unpaired. The matching is one-to-one between codes that are each other's only candidate, so
 * pairs b–f and f–b hold the same people.
 */
export function participationOf(registry: readonly ParticipantGroup[], openLink: ReadonlyMap<number, ResponseRecord[]>, roundIds: readonly number[]): Participation {
  const counted = new Map(roundIds.map((round) => [round, latestPerPerson(openLink.get(round) ?? []).responses]));
  const participation = new Map<number, PeopleInRound[]>();
  for (const round of roundIds) {
    const people: PeopleInRound[] = registry.filter((g) => g.rounds.has(round)).map((g) => ({ attributes: g.attributes, rounds: g.rounds, count: g.count }));
    const linked = new Map(counted.get(round)!.map((response) => [response.responseId, new Set([round])]));
    for (const other of roundIds) {
      if (other === round) continue;
      for (const pair of pairRespondents(counted.get(round)!, counted.get(other)!).pairs) linked.get(pair.baseline.responseId)!.add(other);
    }
    const byRounds = new Map<string, PeopleInRound>();
    for (const rounds of linked.values()) {
      const key = [...rounds].sort((a, b) => a - b).join(',');
      const group = byRounds.get(key);
      if (group) group.count++;
      else byRounds.set(key, { attributes: NO_ATTRIBUTES, rounds, count: 1 });
    }
    participation.set(round, [...people, ...byRounds.values()]);
  }
  return participation;
}
