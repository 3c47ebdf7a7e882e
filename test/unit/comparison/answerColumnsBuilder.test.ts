import { expect } from 'chai';
import { answerKey } from '../../../src/analysis/types.js';
import { AnswerColumnsBuilder } from '../../../src/comparison/answerColumnsBuilder.js';
import { answerVectorLayout, encodeAnswerVector } from '../../../src/responses/answerVector.js';
import { buildMiniQuestionnaire } from '../../fixtures/miniQuestionnaire.js';

const row = (itemId: string, value: number, subId = '') => ({ itemId, subId, valueCode: null, valueNumber: value, valueText: null });

describe('AnswerColumnsBuilder', () => {
  it('gives a column per layout key and a slot per response, growing past the counted size', () => {
    const layout = answerVectorLayout(buildMiniQuestionnaire());
    const builder = new AnswerColumnsBuilder(layout, 1);
    for (const id of [10, 11, 12]) builder.add(id, layout, encodeAnswerVector(layout, [row('caseload', id)]));
    const values = builder.build();
    expect(values.responseIds).to.deep.equal([10, 11, 12]);
    expect(values.rowOf.get(12)).to.equal(2);
    expect(values.columns.size).to.equal(layout.keys.length);
    expect([...values.columns.get(answerKey('caseload'))!]).to.deep.equal([10, 11, 12]);
    expect([...values.columns.get(answerKey('time_use', 'docs'))!]).to.deep.equal([Number.NaN, Number.NaN, Number.NaN]);
  });

  it('trims columns to the responses read when fewer arrive than counted', () => {
    const layout = answerVectorLayout(buildMiniQuestionnaire());
    const builder = new AnswerColumnsBuilder(layout, 5);
    builder.add(1, layout, encodeAnswerVector(layout, [row('talks', 2)]));
    expect(builder.build().columns.get(answerKey('talks'))!.length).to.equal(1);
  });

  it('places a vector of another questionnaire version by key and drops keys the round does not have', () => {
    const round = buildMiniQuestionnaire();
    const older = buildMiniQuestionnaire();
    older.sections[0]!.items = older.sections[0]!.items.filter((item) => item.id !== 'caseload');
    older.sections[0]!.items.push({ kind: 'number', id: 'retired', text: { da: 'x', en: 'x' }, min: 0, max: 5 });
    const layout = answerVectorLayout(round);
    const olderLayout = answerVectorLayout(older);
    const builder = new AnswerColumnsBuilder(layout, 2);
    builder.add(1, layout, encodeAnswerVector(layout, [row('caseload', 7), row('talks', 1)]));
    builder.add(2, olderLayout, encodeAnswerVector(olderLayout, [row('retired', 3), row('talks', 4)]));
    const values = builder.build();
    expect([...values.columns.get(answerKey('caseload'))!]).to.deep.equal([7, Number.NaN]);
    expect([...values.columns.get(answerKey('talks'))!]).to.deep.equal([1, 4]);
    expect(values.columns.has(answerKey('retired'))).to.equal(false);
  });
});
