import { expect } from 'chai';
import { messageView, pickLanguage, uiText } from '../../../src/shared/i18n.js';

describe('i18n', () => {
  it('picks the requested language when it is one we speak', () => {
    expect(pickLanguage('en', 'da')).to.equal('en');
    expect(pickLanguage(['xx', 'en'], 'da')).to.equal('en');
    expect(pickLanguage('de', 'da')).to.equal('da');
    expect(pickLanguage(undefined, 'en')).to.equal('en');
    expect(pickLanguage({ lang: 'en' }, 'da')).to.equal('da');
  });

  it('has the form texts in both languages', () => {
    expect(uiText('da').form.submit).to.equal('Send svar');
    expect(uiText('en').form.submit).to.equal('Submit');
    expect(uiText('da').form.save).to.equal('Gem og fortsæt senere');
    expect(uiText('da').form.errorSummaryTitle).to.equal('Der er problemer med dine svar');
    expect(uiText('da').form.onlyAnswerIf('Løser du selv konsulentopgaver?', ['Nej', 'Ved ikke'])).to.equal('Besvar kun, hvis du svarede „Nej“ eller „Ved ikke“ til „Løser du selv konsulentopgaver?“.');
  });

  it('builds message pages', () => {
    expect(messageView('en', 'notYetOpen')).to.deep.include({ lang: 'en', heading: 'The questionnaire is not open yet', title: 'The questionnaire is not open yet', tone: 'info' });
  });
});
