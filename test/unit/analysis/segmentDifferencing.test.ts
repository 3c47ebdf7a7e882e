import { expect } from 'chai';
import { differencingRisk, requestableRoundSets, type PeopleInRound, type View } from '../../../src/analysis/segmentDifferencing.js';

const group = (municipality: string | null, team: string | null, count: number, rounds = [1, 2]): PeopleInRound => ({ attributes: { municipality, team, group: null, role: null }, rounds: new Set(rounds), count });
/** Each round holds the groups that answered it. */
const participation = (groups: PeopleInRound[]) => new Map([1, 2, 3].map((round) => [round, groups.filter((g) => g.rounds.has(round))]));
const filterable = ['municipality', 'team'] as const;
const everyone = (round: number, filter: View['filter'] = {}): View => ({ filter, rounds: new Set([round]) });
const pairs = (b: number, f: number, filter: View['filter'] = {}): View => ({ filter, rounds: new Set([b, f]) });
const risk = (groups: PeopleInRound[], view: View, attributes: readonly ('municipality' | 'team')[] = filterable) => differencingRisk(participation(groups), view, requestableRoundSets([1, 2, 3]), attributes, 5);

describe('differencingRisk', () => {
  // Aarhus: teams of 2 and 5; Odense: teams of 4 and 7 (k = 5).
  const people = [group('Aarhus', 'T2', 2), group('Aarhus', 'T5', 5), group('Odense', 'T4', 4), group('Odense', 'T7', 7)];

  it('refuses a segment that a larger one exceeds by fewer than k: Aarhus minus team T5 is the 2 people of T2', () => {
    expect(risk(people, everyone(1, { team: ['T5'] }))).to.deep.include({ round: 1, leftOver: 2, sameSegment: false });
  });

  it('refuses what a filter with several values reaches: Odense plus team T2 is Odense and 2 more', () => {
    expect(risk(people, everyone(1, { municipality: ['Odense'] }))).to.deep.include({ leftOver: 2 });
  });

  it('allows a segment whose every larger view adds 0 or at least k people', () => {
    const large = [group('Aarhus', 'T5', 5), group('Aarhus', 'T6', 6), group('Odense', 'T7', 7)];
    expect(risk(large, everyone(1, { municipality: ['Odense'] }))).to.equal(null);
    expect(risk(large, pairs(1, 2, { team: ['T5'] }))).to.equal(null);
    expect(risk(people, everyone(1))).to.equal(null);
  });

  it('leaves a segment under k to per-cell suppression (it shows no figure to subtract)', () => {
    expect(risk(people, everyone(1, { team: ['T2'] }))).to.equal(null);
  });

  it('refuses "pairs only" when everyone of the same segment holds 1 to k − 1 more (those who skipped a round)', () => {
    const odense = [group('Odense', 'T7', 7), group('Odense', 'T4', 6), group('Odense', 'T4', 3, [1])];
    expect(risk(odense, everyone(1, { team: ['T4'] }))).to.equal(null);
    expect(risk(odense, pairs(1, 2, { team: ['T4'] }))).to.deep.include({ round: 1, leftOver: 3, largerRounds: [1], sameSegment: true });
    // Unfiltered too: everyone of round 1 is pairs 1–2 and the 3 who skipped round 2.
    expect(risk(odense, pairs(1, 2))).to.deep.include({ leftOver: 3, sameSegment: true });
  });

  it('refuses pairs R1–R3 inside pairs R1–R2 when 2 people answered R1 and R2 but skipped R3', () => {
    const rounds = [group('Odense', 'T7', 20, [1, 2, 3]), group('Odense', 'T7', 2, [1, 2]), group('Odense', 'T7', 6, [1])];
    expect(risk(rounds, pairs(1, 3))).to.deep.include({ round: 1, leftOver: 2, largerRounds: [1, 2], sameSegment: true });
    expect(risk(rounds, pairs(1, 2))).to.equal(null);
  });

  it('looks beyond the view\'s own rounds: everyone of a team who all answered round 2 equals its pairs, which a larger segment\'s pairs contain', () => {
    // Team A: 6 people, all in rounds 1 and 2. Team B: 1 person in both rounds, 5 in round 1 only.
    const teams = [group('Aarhus', 'A', 6), group('Aarhus', 'B', 1), group('Aarhus', 'B', 5, [1])];
    expect(risk(teams, everyone(1, { team: ['A'] }))).to.deep.include({ round: 1, leftOver: 1, largerRounds: [1, 2] });
  });

  it('counts people without attributes (the open link) in every view that does not filter', () => {
    const withOpenLink = [group('m1', 'T1', 10), group('m2', 'T2', 10), group(null, null, 2)];
    expect(risk(withOpenLink, everyone(1, { municipality: ['m1', 'm2'] }))).to.deep.include({ leftOver: 2 });
    expect(risk(withOpenLink, pairs(1, 2, { municipality: ['m1', 'm2'] }))).to.deep.include({ leftOver: 2 });
  });

  it('only reasons over attributes the caller may filter on', () => {
    expect(risk(people, everyone(1, { municipality: ['Aarhus'] }), ['municipality'])).to.equal(null);
  });
});
