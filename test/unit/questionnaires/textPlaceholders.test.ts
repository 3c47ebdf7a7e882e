import { expect } from 'chai';
import { answerableItems } from '../../../src/questionnaires/answerableItems.js';
import { fillPlaceholders, placeholdersIn, withGenericPlaceholders } from '../../../src/questionnaires/textPlaceholders.js';
import type { Questionnaire } from '../../../src/questionnaires/types.js';

describe('questionnaire text placeholders', () => {
  it('finds and fills {period}, leaving unknown names and plain braces alone', () => {
    expect(placeholdersIn('i {period} og {perioden} {}')).to.deep.equal(['period', 'perioden']);
    expect(fillPlaceholders('om ugen i {period}?', { period: 'uge 10' })).to.equal('om ugen i uge 10?');
    expect(fillPlaceholders('{periode} {', { period: 'x' })).to.equal('{periode} {');
  });

  it('reads "i perioden" where no round is at hand (dashboards, exports, validation messages)', () => {
    expect(withGenericPlaceholders({ da: 'Samtaler i {period}', en: 'Talks in {period}' })).to.deep.equal({ da: 'Samtaler i perioden', en: 'Talks in the period' });
    const questionnaire = {
      id: 'q', version: '1', title: { da: 'Q', en: 'Q' }, defaultLanguage: 'da', scales: {}, indicators: [],
      sections: [{ id: 's', title: { da: 'S', en: 'S' }, items: [{ id: 'talks', kind: 'number', min: 0, max: 9, text: { da: 'Hvor mange i {period}?', en: 'How many in {period}?' } }] }],
    } as Questionnaire;
    expect(answerableItems(questionnaire)[0]!.text).to.deep.equal({ da: 'Hvor mange i perioden?', en: 'How many in the period?' });
    // The file itself keeps the placeholder for the form to fill.
    expect(questionnaire.sections[0]!.items[0]!.text.da).to.equal('Hvor mange i {period}?');
  });
});
