import { everyRoundPeople } from '../../src/analysis/trendPeople.js';
import { latestPerPerson, pairRespondents } from '../../src/analysis/pairRespondents.js';
import type { ParticipantGroup, SegmentValues } from '../../src/analysis/segmentDifferencing.js';
import type { ResponseRecord } from '../../src/analysis/types.js';
import type { RespondentAttribute } from '../../src/projects/reportableAttributes.js';
import type { RandomProject } from './randomProjects.js';

/* The differencing property's reference: who each view of a random project shows, computed with the analysis's own functions, not the guard's model. */

/** Every submission of the project as the comparison reads it, per round. */
export function responsesOf(project: RandomProject): Map<number, ResponseRecord[]> {
  const byRound = new Map(project.rounds.map((round) => [round, [] as ResponseRecord[]]));
  let id = 0;
  project.people.forEach((person, p) => project.rounds.forEach((round, i) => {
    for (let n = 0; n < person.submissions[i]!; n++) {
      byRound.get(round)!.push({ responseId: ++id, personKey: `r${p}`, submittedAtMs: id, attributes: { municipality: person.municipality, team: person.team, group: person.group, role: null } });
    }
  }));
  project.openLink.forEach((codes, i) => {
    for (const code of codes) byRound.get(project.rounds[i]!)!.push({ responseId: ++id, personKey: `c${code}`, submittedAtMs: id, attributes: { municipality: null, team: null, group: null, role: null } });
  });
  return byRound;
}

/** What projectParticipants counts in SQL for the registry: caseworkers by attributes and rounds answered. */
export function registryGroups(project: RandomProject): ParticipantGroup[] {
  const groups = new Map<string, ParticipantGroup>();
  for (const person of project.people) {
    const rounds = new Set(project.rounds.filter((_, i) => person.submissions[i]! > 0));
    if (rounds.size === 0) continue;
    const key = JSON.stringify([person.municipality, person.team, person.group, [...rounds]]);
    const group = groups.get(key) ?? { attributes: { municipality: person.municipality, team: person.team, group: person.group, role: null }, rounds, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** One value set or none per filterable attribute, over the values the project holds. */
export function allFilters(project: RandomProject): SegmentValues[] {
  let filters: SegmentValues[] = [{}];
  for (const attribute of project.filterable) {
    const values = [...new Set(project.people.map((p) => p[attribute as 'municipality' | 'team' | 'group']))].sort();
    const subsets = values.reduce<string[][]>((acc, value) => [...acc, ...acc.map((s) => [...s, value])], [[]]).filter((s) => s.length);
    filters = filters.flatMap((filter) => [filter, ...subsets.map((subset) => ({ ...filter, [attribute]: subset }))]);
  }
  return filters;
}

export const inFilter = (record: ResponseRecord, filter: SegmentValues) =>
  (Object.entries(filter) as [RespondentAttribute, string[]][]).every(([attribute, values]) => record.attributes[attribute] !== null && values.includes(record.attributes[attribute]!));

/**
 * Whom a comparison shows in each round, computed as compareRounds does (latest answer per person,
 * the analysis's own pairing), independently of the guard's model: everyone of a round, the
 * pairs of baseline b and follow-up f, in either order, or the people a trend over three or more
 * rounds finds in every one of them (rounds in ascending order, as the trend API sorts them).
 */
export function shownPopulations(responses: Map<number, ResponseRecord[]>, filter: SegmentValues, rounds: number[]): Map<number, Set<number>>[] {
  const counted = (round: number) => latestPerPerson(responses.get(round)!.filter((r) => inFilter(r, filter))).responses;
  if (rounds.length === 1) return [new Map([[rounds[0]!, new Set(counted(rounds[0]!).map((r) => r.responseId))]])];
  if (rounds.length > 2) {
    const ordered = [...rounds].sort((x, y) => x - y);
    const people = everyRoundPeople(ordered.map(counted));
    return [new Map(ordered.map((round, i) => [round, new Set(people[i]!.map((r) => r.responseId))]))];
  }
  const [a, b] = rounds as [number, number];
  return [[a, b], [b, a]].map(([baseline, followUp]) => {
    const { pairs } = pairRespondents(counted(baseline!), counted(followUp!));
    return new Map([[baseline!, new Set(pairs.map((p) => p.baseline.responseId))], [followUp!, new Set(pairs.map((p) => p.followUp.responseId))]]);
  });
}

export interface ShownView { label: string; round: number; ids: Set<number> }

/** Nested pairs of shown populations of one round whose difference is 1 to k − 1, when the smaller shows figures (k or more). */
export function smallDifferences(shown: ShownView[], k: number): { nested: number; found: string[] } {
  const byRound = new Map<number, Map<string, ShownView>>();
  for (const view of shown) {
    if (view.ids.size < k) continue;
    const distinct = byRound.get(view.round) ?? new Map<string, ShownView>();
    distinct.set([...view.ids].sort((x, y) => x - y).join(','), view);
    byRound.set(view.round, distinct);
  }
  let nested = 0;
  const found: string[] = [];
  for (const [round, distinct] of byRound) {
    for (const smaller of distinct.values()) for (const larger of distinct.values()) {
      if (smaller.ids.size >= larger.ids.size || ![...smaller.ids].every((id) => larger.ids.has(id))) continue;
      nested++;
      const difference = larger.ids.size - smaller.ids.size;
      if (difference < k) found.push(`round ${round}: ${larger.label} (${larger.ids.size}) − ${smaller.label} (${smaller.ids.size}) = ${difference}`);
    }
  }
  return { nested, found };
}
