import type { RespondentAttribute } from '../projects/reportableAttributes.js';

/** The people who share attributes a filter can select on and the rounds they answered, and how many they are. */
export interface ParticipantGroup {
  attributes: Record<RespondentAttribute, string | null>;
  rounds: Set<number>;
  count: number;
}

/** The people whose answers to `round` a comparison shows: a segment, everyone or only those who also answered `pairedWith`. */
export interface ShownPopulation {
  round: number;
  filter: Partial<Record<RespondentAttribute, string[] | undefined>>;
  pairedWith: number | null;
}

const matches = (person: ParticipantGroup, filter: ShownPopulation['filter']) =>
  (Object.entries(filter) as [RespondentAttribute, string[] | undefined][]).every(([attribute, values]) => !values?.length || (person.attributes[attribute] !== null && values.includes(person.attributes[attribute]!)));

/**
 * Why showing this population would let a reader recover fewer than k people's answers by
 * subtracting it from a larger population of the same kind (all respondents of the round, or the
 * pairs) that they may also ask for; null when it is safe.
 *
 * A population under k shows no figure (per-cell suppression), so it cannot be differenced.
 * Otherwise every larger population a caller can ask for must hold 0 or at least k more people.
 * A filter is one value set per attribute the caller may filter on (a missing value is only
 * reached by dropping the filter). The smallest such superset holding an outsider u takes, per
 * attribute, the values inside plus u's; if that adds fewer than k people, the two can be
 * subtracted. Any other superset holding u contains this one, so checking each outsider's
 * smallest superset covers them all.
 *
 * Not covered: "everyone" minus "pairs only" of one segment (those who skipped a round). Refusing
 * that would refuse most all-respondent views of real projects, where a few people skip a round;
 * the exports do not guard it either (see exports/exportAnonymity.ts).
 */
export function differencingRisk(people: ParticipantGroup[], shown: ShownPopulation, filterable: readonly RespondentAttribute[], k: number): string | null {
  const universe = people.filter((p) => p.rounds.has(shown.round) && (shown.pairedWith === null || p.rounds.has(shown.pairedWith)));
  const inside = universe.filter((p) => matches(p, shown.filter));
  if (inside.reduce((n, p) => n + p.count, 0) < k) return null;
  const outside = universe.filter((p) => !inside.includes(p));
  const valuesInside = new Map(filterable.map((a) => [a, new Set(inside.map((p) => p.attributes[a]))]));
  // Groups, not people: everyone in a group has the same smallest superset.
  for (const u of outside) {
    const smallestSuperset = filterable.map((a) => {
      const values = new Set(valuesInside.get(a)).add(u.attributes[a]);
      return values.has(null) ? null : { attribute: a, values };
    }).filter((set) => set !== null);
    const added = outside.filter((v) => smallestSuperset.every(({ attribute, values }) => values.has(v.attributes[attribute]))).reduce((n, v) => n + v.count, 0);
    if (added < k) return `et større udsnit har kun ${added} flere (a larger segment has only ${added} more)`;
  }
  return null;
}
