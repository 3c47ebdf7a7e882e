import { expect } from 'chai';
import fc from 'fast-check';
import { renderInvitationMail } from '../../../src/mail/invitationMail.js';
import { senderAddress } from '../../../src/mail/outbox.js';
import { defaultProjectTexts } from '../../../src/projectTexts/defaultTexts.js';
import { fillHtml, fillText, unknownPlaceholders } from '../../../src/projectTexts/placeholders.js';

const person = { lang: 'da' as const, reminder: false, name: 'Anne', projectName: 'HIR', questionnaireTitle: 'HIR – startmåling', roundLabel: 'START', closesAt: new Date('2026-03-16T15:00:00Z'), link: 'https://pejling.example/s/abc' };

describe('mail text placeholders', () => {
  it('names every unknown placeholder with its field and language, and accepts the defaults', () => {
    expect(unknownPlaceholders(defaultProjectTexts())).to.deep.equal([]);
    const texts = defaultProjectTexts();
    texts.en.invitationBody = 'Hi {name} and {navn}, {link} {Link}';
    texts.da.privacyNotice = 'Svar til {link}';
    const problems = unknownPlaceholders(texts);
    expect(problems.map((p) => p.field)).to.deep.equal(['da.privacyNotice', 'en.invitationBody']);
    expect(problems[1]!.message).to.contain('{name}, {Link}').and.to.contain('engelsk');
    expect(problems[0]!.message).to.contain('{link}');
  });

  it('fills text as written and leaves a brace pair that is not a placeholder alone', () => {
    expect(fillText('Hej {navn} {ukendt} { navn }', { navn: 'Åse <b>' })).to.equal('Hej Åse <b> {ukendt} { navn }');
  });

  it('escapes every value and every text in HTML, whatever they hold', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (name, text) => {
      const html = fillHtml(`${text.replace(/[{}]/g, '')} {navn}`, { navn: name }, 'Åbn');
      expect(html.replace(/<\/?p>|<br>/g, '')).to.not.match(/[<>"]/);
    }));
    expect(fillHtml('Hej {navn}\n\nLink: {link}', { navn: '"x" & <y>', link: 'https://a.dk/s/1?a=1&b=2' }, 'Åbn')).to.equal(
      '<p>Hej &quot;x&quot; &amp; &lt;y&gt;</p>\n<p>Link: <a href="https://a.dk/s/1?a=1&amp;b=2" style="color: #0059b3;">Åbn</a><br>https://a.dk/s/1?a=1&amp;b=2</p>');
  });

  it('the default texts say what the mails said before texts could be set', () => {
    const mail = renderInvitationMail(defaultProjectTexts(), person);
    expect(mail.subject).to.equal('Spørgeskema: HIR – startmåling');
    expect(mail.text).to.contain('Kære Anne\n\nDu inviteres til at besvare spørgeskemaet „HIR – startmåling“ (START) i projektet „HIR“.\n\nDit personlige link:\nhttps://pejling.example/s/abc');
    expect(mail.text).to.contain('Spørgeskemaet er åbent til 16. marts 2026');
    expect(mail.text).to.contain('Har du spørgsmål, så kontakt projektlederen.');
    expect(mail.senderName).to.equal(null);
    const reminder = renderInvitationMail(defaultProjectTexts(), { ...person, lang: 'en', reminder: true });
    expect(reminder.subject).to.equal('Reminder: Questionnaire: HIR – startmåling');
    expect(reminder.text).to.contain('A reminder: we have not yet received your answers to the questionnaire');
    expect(reminder.html).to.contain('<html lang="en">');
  });

  it('keeps a subject on one line whatever the name holds', () => {
    const texts = defaultProjectTexts();
    texts.da.invitationSubject = 'Til {navn}';
    expect(renderInvitationMail(texts, { ...person, name: 'A\r\nBcc: x@y.dk' }).subject).to.equal('Til A Bcc: x@y.dk');
  });
});

describe('the sender of a project\'s mail', () => {
  it('puts the project\'s sender name before MAIL_FROM\'s address, and leaves MAIL_FROM alone without one', () => {
    expect(senderAddress('Pejling <pejling@kommune.dk>', 'Jobcenter Ødsted')).to.deep.equal({ name: 'Jobcenter Ødsted', address: 'pejling@kommune.dk' });
    expect(senderAddress('pejling@kommune.dk', 'HIR')).to.deep.equal({ name: 'HIR', address: 'pejling@kommune.dk' });
    expect(senderAddress('Pejling <pejling@kommune.dk>', null)).to.equal('Pejling <pejling@kommune.dk>');
  });
});
