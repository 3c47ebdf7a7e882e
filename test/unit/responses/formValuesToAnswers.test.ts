import { expect } from 'chai';
import { answerRows } from '../../../src/responses/answerRows.js';
import { answersToFormValues, dropHiddenAnswers, formValuesToAnswers } from '../../../src/responses/formValuesToAnswers.js';
import { buildMiniQuestionnaire } from '../../fixtures/miniQuestionnaire.js';

const questionnaire = buildMiniQuestionnaire();

describe('formValuesToAnswers', () => {
  it('parses codes, numbers (with a Danish decimal comma), groups and text', () => {
    const answers = formValuesToAnswers(questionnaire, {
      caseload: ' 30 ', talks: '9,5', 'time_use.docs': '40', 'time_use.talks': '', opp_plan: '5', 'division.motivate': '1', comment: '  hej  ', unrelated: 'x',
    });
    expect(answers).to.deep.equal({ caseload: 30, talks: 9.5, time_use: { docs: 40 }, opp_plan: 5, division: { motivate: 1 }, comment: 'hej' });
  });

  it('keeps what is not a number as text, so validation can say so', () => {
    expect(formValuesToAnswers(questionnaire, { caseload: 'tredive', 'time_use.docs': '40%' })).to.deep.equal({ caseload: 'tredive', time_use: { docs: '40%' } });
  });

  it('stores textarea line breaks as \\n, as browsers count them against maxlength', () => {
    expect(formValuesToAnswers(questionnaire, { comment: 'første\r\nanden\rtredje' })).to.deep.equal({ comment: 'første\nanden\ntredje' });
  });

  it('leaves blank fields out', () => {
    expect(formValuesToAnswers(questionnaire, { caseload: '', comment: '   ', opp_plan: '' })).to.deep.equal({});
  });

  it('round-trips through answersToFormValues', () => {
    const answers = { caseload: 30, time_use: { docs: 40, talks: 60 }, comment: 'hej' };
    expect(formValuesToAnswers(questionnaire, answersToFormValues(answers))).to.deep.equal(answers);
  });
});

describe('dropHiddenAnswers', () => {
  it('drops answers to items hidden by their condition and keeps shown ones', () => {
    expect(dropHiddenAnswers(questionnaire, { does_consultant_tasks: 1, cons_access: 4 })).to.deep.equal({ does_consultant_tasks: 1 });
    expect(dropHiddenAnswers(questionnaire, { does_consultant_tasks: 2, cons_access: 4 })).to.deep.equal({ does_consultant_tasks: 2, cons_access: 4 });
  });
});

describe('answerRows', () => {
  it('writes one long-format row per answer, allocation blanks as 0', () => {
    const rows = answerRows(questionnaire, { caseload: 30, opp_plan: 9, time_use: { docs: 100 }, division: { motivate: 1, match: 2 }, comment: 'hej' });
    expect(rows).to.deep.equal([
      { itemId: 'caseload', subId: '', valueCode: null, valueNumber: 30, valueText: null },
      { itemId: 'time_use', subId: 'docs', valueCode: null, valueNumber: 100, valueText: null },
      { itemId: 'time_use', subId: 'talks', valueCode: null, valueNumber: 0, valueText: null },
      { itemId: 'opp_plan', subId: '', valueCode: 9, valueNumber: null, valueText: null },
      { itemId: 'division', subId: 'motivate', valueCode: 1, valueNumber: null, valueText: null },
      { itemId: 'division', subId: 'match', valueCode: 2, valueNumber: null, valueText: null },
      { itemId: 'comment', subId: '', valueCode: null, valueNumber: null, valueText: 'hej' },
    ]);
  });
});
