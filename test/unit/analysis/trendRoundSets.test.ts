import { expect } from 'chai';
import { MAX_ROUNDS_FOR_TREND, requestableRoundSets } from '../../../src/analysis/segmentDifferencing.js';

const asLists = (sets: ReadonlySet<number>[]) => sets.map((set) => [...set].sort((a, b) => a - b).join('+'));

describe('round sets a lead may request', () => {
  it('holds everyone of each round, every pair and every set of three or more (a trend)', () => {
    expect(asLists(requestableRoundSets([1, 2, 3]))).to.have.members(['1', '2', '3', '1+2', '1+3', '2+3', '1+2+3']);
    expect(requestableRoundSets([1, 2, 3, 4])).to.have.length(15);
  });

  it('holds only singles and pairs in a project of more rounds than a trend may span', () => {
    const rounds = Array.from({ length: MAX_ROUNDS_FOR_TREND + 1 }, (_, i) => i + 1);
    const sets = requestableRoundSets(rounds);
    expect(sets.every((set) => set.size <= 2)).to.equal(true);
    expect(sets).to.have.length(rounds.length + (rounds.length * (rounds.length - 1)) / 2);
  });
});
