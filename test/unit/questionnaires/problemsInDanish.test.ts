import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { checkQuestionnaireText } from '../../../src/questionnaires/loadQuestionnaires.js';
import { problemInDanish } from '../../../src/questionnaires/problemsInDanish.js';
import { surveysDir } from '../../support/testContext.js';

const brokenDir = path.resolve(import.meta.dirname, '../../fixtures/broken-questionnaires');
const jki = JSON.parse(readFileSync(path.join(surveysDir, 'jki-round.json'), 'utf8')) as Record<string, unknown> & { scales: Record<string, { options: { code: number; dontKnow?: boolean }[]; topBox?: number[]; ordered: boolean }> };

/** Messages of rules the fixtures do not reach, from small changes to a valid questionnaire. */
function messagesOf(change: (q: typeof jki) => void): string[] {
  const q = structuredClone(jki);
  change(q);
  return checkQuestionnaireText(JSON.stringify(q)).problems.map((p) => p.message);
}

describe('the checker\'s messages in Danish', () => {
  it('has Danish wording for every message of every broken fixture and of the rules they do not reach', () => {
    const messages = readdirSync(brokenDir).flatMap((file) => checkQuestionnaireText(readFileSync(path.join(brokenDir, file), 'utf8'), { id: path.basename(file, '.json'), what: 'the file name without .json' }).problems.map((p) => p.message));
    messages.push(...messagesOf((q) => { q.scales.degree4!.options.forEach((o) => { o.dontKnow = true; }); }));
    messages.push(...messagesOf((q) => { q.scales.degree4!.topBox = [4, 42, 9]; q.scales.degree4!.ordered = false; }));
    messages.push(...messagesOf((q) => { q.version = ''; q.defaultLanguage = 'de'; }));
    messages.push(...messagesOf((q) => { q.scales.degree4!.options[1]!.code = 4; }));
    expect(messages.length).to.be.greaterThan(18);
    for (const message of messages) expect(problemInDanish(message), message).to.not.match(/^ugyldig værdi \(/);
  });

  it('translates the parts of a message, not only its frame', () => {
    expect(problemInDanish('unknown scale "agree6" (scales: agree5, yes_no)')).to.equal('ukendt skala „agree6“ (skalaer: agree5, yes_no)');
    expect(problemInDanish('duplicate item id "mood" (first used at $.sections[0].items[0].id)')).to.equal('spørgsmåls-id „mood“ er brugt før (første gang ved $.sections[0].items[0].id); det skal være entydigt');
    expect(problemInDanish('must be string')).to.equal('skal være tekst');
    expect(problemInDanish('something new')).to.equal('ugyldig værdi (something new)');
  });
});
