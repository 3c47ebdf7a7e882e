import { expect } from 'chai';
import { differencingRisk, type ParticipantGroup } from '../../../src/analysis/segmentDifferencing.js';

const group = (municipality: string, team: string, count: number, rounds = [1, 2]): ParticipantGroup => ({ attributes: { municipality, team, group: null, role: null }, rounds: new Set(rounds), count });
const filterable = ['municipality', 'team'] as const;

describe('differencingRisk', () => {
  // Aarhus: teams of 2 and 5; Odense: teams of 4 and 7 (k = 5).
  const people = [group('Aarhus', 'T2', 2), group('Aarhus', 'T5', 5), group('Odense', 'T4', 4), group('Odense', 'T7', 7)];

  it('refuses a segment that a larger one exceeds by fewer than k: Aarhus minus team T5 is the 2 people of T2', () => {
    expect(differencingRisk(people, { round: 1, filter: { team: ['T5'] }, pairedWith: null }, filterable, 5)).to.match(/only 2 more/);
  });

  it('refuses what a filter with several values reaches: Odense plus team T2 is Odense and 2 more', () => {
    expect(differencingRisk(people, { round: 1, filter: { municipality: ['Odense'] }, pairedWith: null }, filterable, 5)).to.match(/only 2 more/);
  });

  it('allows a segment whose every larger segment adds 0 or at least k people', () => {
    const large = [group('Aarhus', 'T5', 5), group('Aarhus', 'T6', 6), group('Odense', 'T7', 7)];
    expect(differencingRisk(large, { round: 1, filter: { municipality: ['Odense'] }, pairedWith: null }, filterable, 5)).to.equal(null);
    expect(differencingRisk(large, { round: 1, filter: { team: ['T5'] }, pairedWith: null }, filterable, 5)).to.equal(null);
    expect(differencingRisk(people, { round: 1, filter: {}, pairedWith: null }, filterable, 5)).to.equal(null);
  });

  it('leaves a segment under k to per-cell suppression (it shows no figure to subtract)', () => {
    expect(differencingRisk(people, { round: 1, filter: { team: ['T2'] }, pairedWith: null }, filterable, 5)).to.equal(null);
  });

  it('counts only people in the shown rounds: among pairs, the 3 of T4 who skipped round 2 are not there to hide the other 3', () => {
    const odense = [group('Odense', 'T7', 7), group('Odense', 'T4', 3), group('Odense', 'T4', 3, [1])];
    expect(differencingRisk(odense, { round: 1, filter: { team: ['T7'] }, pairedWith: null }, filterable, 5)).to.equal(null);
    expect(differencingRisk(odense, { round: 1, filter: { team: ['T7'] }, pairedWith: 2 }, filterable, 5)).to.match(/only 3 more/);
  });

  it('only reasons over attributes the caller may filter on', () => {
    expect(differencingRisk(people, { round: 1, filter: { municipality: ['Aarhus'] }, pairedWith: null }, ['municipality'], 5)).to.equal(null);
  });
});
