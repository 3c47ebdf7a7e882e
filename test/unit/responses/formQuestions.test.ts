import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { answerableItems } from '../../../src/questionnaires/answerableItems.js';
import type { Questionnaire } from '../../../src/questionnaires/types.js';
import { renderFormPage, renderFormPageUncached } from '../../../src/responses/formQuestions.js';
import type { BuildFormViewArgs } from '../../../src/responses/formView.js';
import type { FormValues } from '../../../src/responses/types.js';
import { createViewEnvironment } from '../../../src/shared/views.js';

const env = createViewEnvironment();

function load(file: string): Questionnaire {
  return JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Questionnaire;
}

/** A draft that answers some of everything, with characters that need escaping and a sum that does not add up. */
function draft(questionnaire: Questionnaire): FormValues {
  const values: FormValues = {};
  answerableItems(questionnaire).forEach((item, index) => {
    if (item.kind === 'likert' || item.kind === 'choice') values[item.id] = String(item.scale.options[index % item.scale.options.length]!.code);
    if (item.kind === 'matrix') values[`${item.id}.${item.item.rows[0]!.id}`] = String(item.scale.options[1]!.code);
    if (item.kind === 'allocation') values[`${item.id}.${item.item.categories[0]!.id}`] = '33,5';
    if (item.kind === 'number') values[item.id] = ' 12 ';
    if (item.kind === 'text') values[item.id] = 'Tekst med <tegn> & "citater" og \'apostrof\'';
  });
  return values;
}

function both(args: BuildFormViewArgs): [string, string] {
  return [renderFormPage(env, args).questions.toString(), renderFormPageUncached(env, args).questions.toString()];
}

describe('the form\'s questions rendered once and filled per request', () => {
  const surveys = ['../../../surveys/hir-start.json', '../../../surveys/hir-end.json', '../../fixtures/form/all-kinds.json'];
  for (const file of surveys) {
    const questionnaire = load(file);
    for (const language of ['da', 'en'] as const) {
      it(`equals the uncached page for ${questionnaire.id} (${language}): empty, with a draft, with errors`, () => {
        const base = { questionnaire, issues: [], language, token: 'tok', period: 'januar og februar' };
        const [emptyCached, emptyUncached] = both({ ...base, values: {} });
        expect(emptyCached).to.equal(emptyUncached);
        const values = draft(questionnaire);
        const [cached, uncached] = both({ ...base, values });
        expect(cached).to.equal(uncached);
        expect(cached).not.to.equal(emptyCached);
        expect(cached).to.include('Tekst med &lt;tegn&gt; &amp; &quot;citater&quot; og &#39;apostrof&#39;');
        const first = answerableItems(questionnaire)[0]!;
        const issues = [{ item: first.id, message: 'Skriv et tal' }, { item: 'does-not-exist', message: 'Ukendt' }];
        const [withErrors, withErrorsUncached] = both({ ...base, values, issues });
        expect(withErrors).to.equal(withErrorsUncached);
        expect(withErrors).to.include('form-error-message');
      });
    }
  }

  it('keeps revisions, languages and periods apart', () => {
    const start = load('../../../surveys/hir-start.json');
    const changed: Questionnaire = JSON.parse(JSON.stringify(start)) as Questionnaire;
    changed.sections[0]!.title = { da: 'Ny revisions titel', en: 'New revision title' };
    const args = { questionnaire: start, values: {}, issues: [], token: 't', period: 'januar og februar' };
    const danish = renderFormPage(env, { ...args, language: 'da' }).questions.toString();
    const english = renderFormPage(env, { ...args, language: 'en' }).questions.toString();
    const otherRevision = renderFormPage(env, { ...args, questionnaire: changed, language: 'da' }).questions.toString();
    const otherPeriod = renderFormPage(env, { ...args, language: 'da', period: 'uge 10 og 11' }).questions.toString();
    expect(danish).to.include('Din sagsstamme').and.include('i januar og februar?').and.not.include('New revision title');
    expect(english).to.include('Your caseload').and.not.include('Din sagsstamme');
    expect(otherRevision).to.include('Ny revisions titel');
    expect(renderFormPage(env, { ...args, language: 'da' }).questions.toString(), 'the first revision again').to.equal(danish);
    expect(otherPeriod).to.include('i uge 10 og 11?').and.not.include('januar og februar');
    expect(renderFormPage(env, { ...args, language: 'da' }).questions.toString()).to.include('januar og februar');
  });
});
