import type { RespondentAttribute } from '../projects/reportableAttributes.js';

/** The people who share attributes a filter can select on and the rounds they answered, and how many they are. */
export interface ParticipantGroup {
  attributes: Record<RespondentAttribute, string | null>;
  rounds: Set<number>;
  count: number;
}

/** One value set per attribute; an attribute without values is not filtered on. */
export type SegmentValues = Partial<Record<RespondentAttribute, string[] | undefined>>;

/**
 * People of one round who share the attributes a filter can select on and the rounds they are
 * linked to, and how many they are.
 */
export interface PeopleInRound {
  attributes: Record<RespondentAttribute, string | null>;
  /** This round and every other round the analysis pairs these people's answers with. */
  rounds: ReadonlySet<number>;
  count: number;
}

/** Who answered each round of a project: round id → the people who answered it. */
export type Participation = ReadonlyMap<number, readonly PeopleInRound[]>;

/**
 * What a lead may ask to see: the people matching `filter` who answered every round of
 * `rounds`, shown in each of those rounds. "Everyone" of round r is {r}, "pairs only" of b and f
 * is {b, f}, a trend over several rounds is its set of rounds.
 */
export interface View {
  filter: SegmentValues;
  rounds: ReadonlySet<number>;
}

/** Why a view cannot be shown: in `round`, a larger view a caller may request holds only `leftOver` more people (1 to k − 1). */
export interface DifferencingRisk {
  round: number;
  leftOver: number;
  /** The rounds the larger view requires. */
  largerRounds: number[];
  /** The left-over people match the view's own filter: they differ from it only in the rounds they answered. */
  sameSegment: boolean;
}

const matches = (person: PeopleInRound, filter: SegmentValues) =>
  (Object.entries(filter) as [RespondentAttribute, string[] | undefined][]).every(([attribute, values]) => !values?.length || (person.attributes[attribute] !== null && values.includes(person.attributes[attribute]!)));

const answeredAll = (person: PeopleInRound, rounds: Iterable<number>) => [...rounds].every((round) => person.rounds.has(round));

const headcount = (people: readonly PeopleInRound[]) => people.reduce((n, p) => n + p.count, 0);

/**
 * Why showing `view` would let a reader recover fewer than k people's answers by subtracting it
 * from a larger view they may also request (any filter, any of the `requestable` round sets);
 * null when it is safe. The rule (docs: analysis.md, Anonymity, "Differencing"): in every round,
 * a view that contains this one holds 0 or at least k more people.
 *
 * Checking a view against every larger view a caller could request, whether that one would be
 * allowed or not, is what makes the rule hold between any two allowed views: of two nested views
 * with 1 to k − 1 between them, the smaller is refused when it is asked for.
 *
 * A view with fewer than k people in a round shows no figure for that round (per-cell
 * suppression), so it has nothing to subtract and is not checked there. A larger view needs no
 * such exception: it contains a view of at least k, so it holds at least k itself.
 *
 * The larger views are enumerated through their smallest members. A larger view W holds the
 * view's people V and some outsider u of the round. Per attribute, W's filter admits every value
 * in V and u's value (a missing value is only reached by not filtering on the attribute), and W's
 * required rounds T hold the round and lie within the rounds everyone in V and u answered. The
 * smallest such view takes exactly those values and a requestable T: every W holding u contains
 * one of those, so if each adds 0 or at least k people, so does every W. The rounds T may go
 * beyond the view's own: "everyone" of a team whose members all answered R2 as well equals that
 * team's pairs R1–R2, and is then contained in a larger segment's pairs.
 */
export function differencingRisk(participation: Participation, view: View, requestable: readonly ReadonlySet<number>[], filterable: readonly RespondentAttribute[], k: number): DifferencingRisk | null {
  for (const round of view.rounds) {
    const people = participation.get(round) ?? [];
    const inside = people.filter((p) => answeredAll(p, view.rounds) && matches(p, view.filter));
    if (headcount(inside) < k) continue;
    const isInside = new Set(inside);
    const outside = people.filter((p) => !isInside.has(p));
    const roundsOfAllInside = new Set([...inside[0]!.rounds].filter((r) => inside.every((p) => p.rounds.has(r))));
    const valuesInside = new Map(filterable.map((a) => [a, new Set(inside.map((p) => p.attributes[a]))]));
    const checked = new Set<string>();
    // Groups, not people: everyone in a group has the same smallest larger views.
    for (const u of outside) {
      const filter: SegmentValues = {};
      for (const attribute of filterable) {
        const values = new Set(valuesInside.get(attribute)).add(u.attributes[attribute]);
        if (!values.has(null)) filter[attribute] = [...values] as string[];
      }
      for (const rounds of requestable) {
        if (!rounds.has(round) || ![...rounds].every((r) => roundsOfAllInside.has(r) && u.rounds.has(r))) continue;
        const key = JSON.stringify([filter, [...rounds].sort()]);
        if (checked.has(key)) continue;
        checked.add(key);
        const added = outside.filter((v) => answeredAll(v, rounds) && matches(v, filter));
        const leftOver = headcount(added);
        if (leftOver < k) return { round, leftOver, largerRounds: [...rounds].sort((a, b) => a - b), sameSegment: added.every((v) => matches(v, view.filter)) };
      }
    }
  }
  return null;
}

/**
 * A trend over three or more rounds is offered in projects of at most this many rounds: each set
 * of rounds is a view the guard checks every request against, and their number doubles with
 * each round (a project of monthly rounds would have millions).
 */
export const MAX_ROUNDS_FOR_TREND = 8;

/**
 * The round sets a lead may request: everyone of each round, the pairs of any two, and, in a
 * project of at most MAX_ROUNDS_FOR_TREND rounds, the people who answered every round of any
 * three or more (a trend).
 */
export function requestableRoundSets(roundIds: readonly number[]): ReadonlySet<number>[] {
  if (roundIds.length > MAX_ROUNDS_FOR_TREND) return [...roundIds.map((r) => new Set([r])), ...roundIds.flatMap((b, i) => roundIds.slice(i + 1).map((f) => new Set([b, f])))];
  const subsets = roundIds.reduce<number[][]>((sets, round) => [...sets, ...sets.map((set) => [...set, round])], [[]]);
  return subsets.filter((set) => set.length > 0).sort((a, b) => a.length - b.length).map((set) => new Set(set));
}
