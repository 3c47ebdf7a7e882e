import { expect } from 'chai';
import { answerRows } from '../../../src/responses/answerRows.js';
import { answerVectorBytes, answerVectorLayout, decodeAnswerVectorInto, encodeAnswerVector } from '../../../src/responses/answerVector.js';
import { buildMiniQuestionnaire } from '../../fixtures/miniQuestionnaire.js';

const questionnaire = buildMiniQuestionnaire();
const answers = { caseload: 30, belief_job: 10, talks: 9.5, time_use: { docs: 40 }, opp_plan: 5, opp_follow: 9, does_consultant_tasks: 1, division: { match: 2 }, comment: 'fint' };

const decode = (vector: Buffer, size: number) => {
  const columns = answerVectorLayout(questionnaire).keys.map(() => new Float64Array(size).fill(Number.NaN));
  return { columns, into: (slot: number) => decodeAnswerVectorInto(vector, columns, slot) };
};

describe('answerVector', () => {
  it('lays out every numeric value in the order of answerRows: a slot per allocation category and matrix row, none for text', () => {
    const layout = answerVectorLayout(questionnaire);
    expect(layout.keys.map((k) => `${k.itemId}/${k.subId}`)).to.deep.equal([
      'caseload/', 'belief_job/', 'talks/', 'time_use/docs', 'time_use/talks',
      'opp_plan/', 'opp_follow/', 'does_consultant_tasks/', 'cons_access/', 'division/motivate', 'division/match',
    ]);
    const full = { ...answers, time_use: { docs: 40, talks: 60 }, division: { motivate: 1, match: 2 }, cons_access: 3 };
    const numeric = answerRows(questionnaire, full).filter((row) => row.valueText === null).map((row) => `${row.itemId}/${row.subId}`);
    expect(numeric).to.deep.equal(layout.keys.map((k) => `${k.itemId}/${k.subId}`));
  });

  it('is computed once per questionnaire object', () => {
    expect(answerVectorLayout(questionnaire)).to.equal(answerVectorLayout(questionnaire));
    expect(answerVectorLayout(buildMiniQuestionnaire())).to.not.equal(answerVectorLayout(questionnaire));
  });

  it('encodes codes and numbers as little-endian float64 in layout order, NaN where unanswered', () => {
    const layout = answerVectorLayout(questionnaire);
    const vector = encodeAnswerVector(layout, answerRows(questionnaire, answers));
    expect(vector.length).to.equal(answerVectorBytes(layout)).and.equal(11 * 8);
    const values = Array.from({ length: 11 }, (_, i) => vector.readDoubleLE(i * 8));
    // An answered allocation stores blank categories as 0 (answerRows); an unanswered matrix row stays NaN.
    expect(values).to.deep.equal([30, 10, 9.5, 40, 0, 5, 9, 1, Number.NaN, Number.NaN, 2]);
  });

  it('decodes into the given slot of each column and leaves the others alone', () => {
    const layout = answerVectorLayout(questionnaire);
    const vector = encodeAnswerVector(layout, answerRows(questionnaire, answers));
    const { columns, into } = decode(vector, 3);
    into(1);
    expect(columns.map((column) => column[1])).to.deep.equal([30, 10, 9.5, 40, 0, 5, 9, 1, Number.NaN, Number.NaN, 2]);
    for (const column of columns) expect([column[0], column[2]]).to.deep.equal([Number.NaN, Number.NaN]);
  });

  it('reads a vector at an unaligned offset inside a larger buffer, as drivers hand them over', () => {
    const layout = answerVectorLayout(questionnaire);
    const vector = encodeAnswerVector(layout, answerRows(questionnaire, answers));
    const packet = Buffer.concat([Buffer.from([1, 2, 3]), vector, Buffer.from([4])]);
    const { columns, into } = decode(packet.subarray(3, 3 + vector.length), 1);
    into(0);
    expect(columns.map((column) => column[0])).to.deep.equal([30, 10, 9.5, 40, 0, 5, 9, 1, Number.NaN, Number.NaN, 2]);
  });

  it('skips keys without a target column and refuses a vector of another length', () => {
    const layout = answerVectorLayout(questionnaire);
    const vector = encodeAnswerVector(layout, answerRows(questionnaire, answers));
    const only = new Float64Array(1);
    decodeAnswerVectorInto(vector, layout.keys.map((_, i) => (i === 2 ? only : undefined)), 0);
    expect(only[0]).to.equal(9.5);
    expect(() => decodeAnswerVectorInto(vector.subarray(8), layout.keys.map(() => only), 0)).to.throw(/does not fit/);
  });
});
