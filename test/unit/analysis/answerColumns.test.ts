import { expect } from 'chai';
import { codeTally, pairedValuesAt, RoundColumns, valuesAt } from '../../../src/analysis/answerColumns.js';
import { compareScaleItem } from '../../../src/analysis/scaleItemComparison.js';
import { midRanks, tally } from '../../../src/analysis/stats/tally.js';
import { answerKey } from '../../../src/analysis/types.js';
import { buildMiniQuestionnaire } from '../../fixtures/miniQuestionnaire.js';

const NaN_ = Number.NaN;

describe('answer columns', () => {
  const values = { responseIds: [10, 11, 12], rowOf: new Map([[10, 0], [11, 1], [12, 2]]), columns: new Map([[answerKey('q'), Float64Array.of(4, NaN_, 2)]]) };
  const round = new RoundColumns(values);
  const attributes = { municipality: null, team: null, group: null, role: null };

  it('finds a response\'s slot, and −1 for a response the round holds no values for', () => {
    const slots = round.slotsOf([12, 99, 10].map((responseId) => ({ responseId, personKey: null, submittedAtMs: 0, attributes })));
    expect([...slots]).to.deep.equal([2, -1, 0]);
    expect([...valuesAt(round.column('q'), slots)]).to.deep.equal([2, 4]);
  });

  it('gives an unanswered item a column of missing values', () => {
    expect([...round.column('nobody-answered')].every(Number.isNaN)).to.equal(true);
  });

  it('keeps a pair only when both of its answers are there', () => {
    const paired = pairedValuesAt(Float64Array.of(1, NaN_, 3, 4), Float64Array.of(5, 6, NaN_, 8), { baseline: Int32Array.of(0, 1, 2, 3, -1), followUp: Int32Array.of(0, 1, 2, 3, 0) });
    expect([...paired.from]).to.deep.equal([1, 4]);
    expect([...paired.to]).to.deep.equal([5, 8]);
  });

  it('tallies codes at the slots', () => {
    expect([...codeTally(Float64Array.of(5, 5, NaN_, 3), Int32Array.of(0, 1, 2, 3, 0))]).to.deep.equal([[5, 3], [3, 1]]);
  });
});

describe('tallies', () => {
  it('give the mid-ranks R\'s rank() gives the sorted values', () => {
    // rank(c(3, 1, 3, 2, 3)) = 4 1 4 2 4
    expect(midRanks(tally([3, 1, 3, 2, 3]))).to.deep.equal([{ value: 1, size: 1, rank: 1 }, { value: 2, size: 1, rank: 2 }, { value: 3, size: 3, rank: 4 }]);
  });

  it('give the lower median of the substantive answers, "ved ikke" left out', () => {
    const scale = buildMiniQuestionnaire().scales.agree5!;
    // Substantive answers sorted: 1 2 2 4 4 5 → the ((6 − 1) / 2)-th (0-based 2) is 2; the 9s are "ved ikke".
    const result = compareScaleItem('x', scale, { paired: false, baseline: tally([4, 2, 9, 1, 5, 9, 2, 4]), followUp: tally([5, 5, 5, 5, 5]) }, { excludeDontKnow: false, k: 5 });
    expect(result.baseline).to.have.property('median', 2);
    expect(result.followUp).to.have.property('median', 5);
  });
});
