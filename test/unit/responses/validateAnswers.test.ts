import { expect } from 'chai';
import type { Answers } from '../../../src/responses/types.js';
import { validateAnswers } from '../../../src/responses/validateAnswers.js';
import { buildMiniQuestionnaire } from '../../fixtures/miniQuestionnaire.js';

const questionnaire = buildMiniQuestionnaire();

function valid(overrides: Answers = {}): Answers {
  return {
    caseload: 30, belief_job: 10, talks: 9.5, time_use: { docs: 40, talks: 60 },
    opp_plan: 5, opp_follow: 9, does_consultant_tasks: 1, division: { motivate: 1, match: 2 }, ...overrides,
  };
}

function messages(answers: Answers, language: 'da' | 'en' = 'da') {
  return validateAnswers(questionnaire, answers, language);
}

describe('validateAnswers', () => {
  it('accepts a complete answer set (optional text left out, conditional items hidden)', () => {
    expect(messages(valid())).to.deep.equal([]);
  });

  it('accepts "ved ikke" as an answer to a likert statement', () => {
    expect(messages(valid({ opp_plan: 9 }))).to.deep.equal([]);
  });

  it('requires conditional items once their condition shows them', () => {
    expect(messages(valid({ does_consultant_tasks: 2 }))).to.deep.equal([{ item: 'cons_access', message: 'Besvar venligst spørgsmålet.' }]);
    expect(messages(valid({ does_consultant_tasks: 2, cons_access: 4 }))).to.deep.equal([]);
  });

  it('refuses an answer to an item its condition hides', () => {
    expect(messages(valid({ cons_access: 4 }), 'en')).to.deep.equal([{ item: 'cons_access', message: 'This question does not apply given your answer to “Do you do consultant tasks?”.' }]);
  });

  it('hides conditional items when the controlling item is unanswered', () => {
    const answers = valid();
    delete answers.does_consultant_tasks;
    expect(messages(answers)).to.deep.equal([{ item: 'does_consultant_tasks', message: 'Besvar venligst spørgsmålet.' }]);
  });

  it('checks a count against the item it is bounded by', () => {
    expect(messages(valid({ belief_job: 31 }))).to.deep.equal([{ item: 'belief_job', message: 'Tallet må ikke være større end dit svar på „Sagsstamme“ (30).' }]);
    expect(messages(valid({ belief_job: 30 }))).to.deep.equal([]);
  });

  it('allows a count with a caseload of 0 only when the count is 0', () => {
    expect(messages(valid({ caseload: 0, belief_job: 0 }))).to.deep.equal([]);
    expect(messages(valid({ caseload: 0, belief_job: 1 }))).to.have.length(1);
  });

  it('checks that allocation shares add up to the total, counting blanks as 0', () => {
    expect(messages(valid({ time_use: { docs: 100 } }))).to.deep.equal([]);
    expect(messages(valid({ time_use: { docs: 40, talks: 50.5 } }))).to.deep.equal([{ item: 'time_use', message: 'Andelene skal tilsammen give 100 %. De giver nu 90,5 %.' }]);
    expect(messages(valid({ time_use: { docs: 33.3, talks: 66.7 } }))).to.deep.equal([]);
  });

  it('refuses negative shares and unknown categories', () => {
    expect(messages(valid({ time_use: { docs: 110, talks: -10 } }))).to.deep.include({ item: 'time_use', sub: 'talks', message: 'Tallet må ikke være mindre end 0.' });
    expect(messages(valid({ time_use: { docs: 100, travel: 0 } }))).to.deep.include({ item: 'time_use', sub: 'travel', message: 'Denne del findes ikke i spørgsmålet.' });
  });

  it('requires every row of a required matrix and checks row codes', () => {
    expect(messages(valid({ division: { motivate: 1 } }))).to.deep.equal([{ item: 'division', sub: 'match', message: 'Vælg et svar i denne række.' }]);
    expect(messages(valid({ division: { motivate: 1, match: 3 } }))).to.deep.equal([{ item: 'division', sub: 'match', message: 'Vælg en af svarmulighederne.' }]);
  });

  it('gives type errors per kind', () => {
    expect(messages(valid({ caseload: '30 borgere' }))).to.deep.include({ item: 'caseload', message: 'Skriv et tal.' });
    expect(messages(valid({ caseload: 30.5 }))).to.deep.include({ item: 'caseload', message: 'Skriv et helt tal uden decimaler.' });
    expect(messages(valid({ opp_plan: 'enig' }))).to.deep.include({ item: 'opp_plan', message: 'Vælg en af svarmulighederne.' });
    expect(messages(valid({ comment: 5 as unknown as string }))).to.deep.include({ item: 'comment', message: 'Svaret skal være en tekst.' });
    expect(messages(valid({ time_use: 100 }))).to.deep.include({ item: 'time_use', message: 'Svaret har ikke den rigtige form.' });
  });

  it('limits text length', () => {
    expect(messages(valid({ comment: 'x'.repeat(21) }), 'en')).to.deep.equal([{ item: 'comment', message: 'The text may be at most 20 characters.' }]);
    expect(messages(valid({ comment: 'x'.repeat(20) }))).to.deep.equal([]);
  });

  it('names unknown items', () => {
    expect(messages(valid({ mystery: 1 }))).to.deep.equal([{ item: 'mystery', message: 'Spørgsmålet findes ikke i dette spørgeskema.' }]);
  });

  it('reports one message per field', () => {
    const issues = messages(valid({ belief_job: 'x' }));
    expect(issues.filter((issue) => issue.item === 'belief_job')).to.have.length(1);
  });
});
