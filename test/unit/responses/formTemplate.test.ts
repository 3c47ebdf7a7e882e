import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { answerableItems } from '../../../src/questionnaires/answerableItems.js';
import type { Language, Questionnaire } from '../../../src/questionnaires/types.js';
import { renderFormPage } from '../../../src/responses/formQuestions.js';
import type { FormValues, ValidationIssue } from '../../../src/responses/types.js';
import { messageView } from '../../../src/shared/i18n.js';
import { createViewEnvironment, projectRoot } from '../../../src/shared/views.js';
import { all, closest, parseHtml, type HtmlElement } from './miniHtml.js';

const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
const env = createViewEnvironment();

function questionnaires(): { name: string; questionnaire: Questionnaire }[] {
  const surveysDir = path.join(root, 'surveys');
  const files = [
    ...readdirSync(surveysDir).filter((file) => file.endsWith('.json')).map((file) => path.join(surveysDir, file)),
    path.join(root, 'test/fixtures/form/all-kinds.json'),
  ];
  return files.map((file) => ({ name: path.basename(file), questionnaire: JSON.parse(readFileSync(file, 'utf8')) as Questionnaire }));
}

/** One problem per answerable field (every row, every category), to exercise every error path. */
function issuesForEverything(questionnaire: Questionnaire): ValidationIssue[] {
  return answerableItems(questionnaire).flatMap((item): ValidationIssue[] => {
    if (item.kind === 'matrix') return [{ item: item.id, message: 'Matrix' }, ...item.item.rows.map((row) => ({ item: item.id, sub: row.id, message: 'Række' }))];
    if (item.kind === 'allocation') return [{ item: item.id, message: 'Sum' }, ...item.item.categories.map((category) => ({ item: item.id, sub: category.id, message: 'Tal' }))];
    return [{ item: item.id, message: 'Fejl' }];
  });
}

/** The first option of every scale question and a number in every other field. */
function valuesForEverything(questionnaire: Questionnaire): FormValues {
  const values: FormValues = {};
  for (const item of answerableItems(questionnaire)) {
    if (item.kind === 'likert' || item.kind === 'choice') values[item.id] = String(item.scale.options[0]!.code);
    if (item.kind === 'matrix') for (const row of item.item.rows) values[`${item.id}.${row.id}`] = String(item.scale.options[0]!.code);
    if (item.kind === 'allocation') for (const category of item.item.categories) values[`${item.id}.${category.id}`] = '10';
    if (item.kind === 'number') values[item.id] = '3';
    if (item.kind === 'text') values[item.id] = 'Tekst med <tegn> & "citater"';
  }
  return values;
}

function render(questionnaire: Questionnaire, values: FormValues, issues: ValidationIssue[], language: Language): string {
  const page = renderFormPage(env, { questionnaire, values, issues, language, token: 'abc', period: 'januar og februar' });
  return env.render('form.njk', { ...page, questionsHtml: page.questions.toString(), title: page.questionnaireTitle });
}

/** What a strict Content-Security-Policy (no inline script or style) would block. */
function expectCspSafe(html: string, document: HtmlElement): void {
  for (const script of all(document, (element) => element.tag === 'script')) {
    expect(script.attrs.src, 'inline <script>').to.be.a('string').and.not.equal('');
    expect(script.text.trim(), 'script body').to.equal('');
  }
  expect(all(document, (element) => element.tag === 'style'), '<style> element').to.have.length(0);
  const everyElement = all(document, () => true);
  for (const element of everyElement) {
    expect(Object.keys(element.attrs).filter((name) => name === 'style' || /^on/.test(name)), `<${element.tag}> attributes`).to.deep.equal([]);
  }
  expect(html).not.to.match(/javascript:/i);
}

function expectAccessibleForm(document: HtmlElement): void {
  const everyElement = all(document, () => true);
  const ids = everyElement.map((element) => element.attrs.id).filter((id): id is string => id !== undefined);
  expect(ids.filter((id, index) => ids.indexOf(id) !== index), 'duplicate ids').to.deep.equal([]);
  const idSet = new Set(ids);

  const controls = everyElement.filter((element) => (element.tag === 'input' && !['hidden', 'submit'].includes(element.attrs.type ?? '')) || element.tag === 'textarea' || element.tag === 'select');
  expect(controls.length).to.be.greaterThan(0);
  for (const control of controls) {
    const label = all(document, (element) => element.tag === 'label' && element.attrs.for === control.attrs.id)[0] ?? closest(control, 'label');
    expect(label, `label for ${control.attrs.name}`).not.to.equal(undefined);
    expect(label!.text.trim(), `label text for ${control.attrs.id}`).not.to.equal('');
    expect(control.attrs.name, `name of ${control.attrs.id}`).to.be.a('string').and.not.equal('');
  }

  const radios = controls.filter((control) => control.attrs.type === 'radio');
  for (const radio of radios) {
    const fieldset = closest(radio, 'fieldset');
    expect(fieldset, `fieldset around ${radio.attrs.id}`).not.to.equal(undefined);
    const legend = fieldset!.children[0];
    expect(legend?.tag, `legend first in the fieldset of ${radio.attrs.id}`).to.equal('legend');
    expect(legend!.text.trim()).not.to.equal('');
    // A radio group must not be split over fieldsets, nor share one with another group.
    const groupRadios = all(fieldset!, (element) => element.tag === 'input' && element.attrs.type === 'radio');
    expect(new Set(groupRadios.map((element) => element.attrs.name)).size, `radio groups in the fieldset of ${radio.attrs.id}`).to.equal(1);
  }
  const radioNames = new Set(radios.map((radio) => radio.attrs.name));
  for (const name of radioNames) {
    const fieldsets = new Set(radios.filter((radio) => radio.attrs.name === name).map((radio) => closest(radio, 'fieldset')));
    expect(fieldsets.size, `fieldsets holding ${name}`).to.equal(1);
  }

  for (const element of everyElement) {
    for (const reference of (element.attrs['aria-describedby'] ?? '').split(/\s+/).filter(Boolean)) {
      expect(idSet.has(reference), `aria-describedby ${reference}`).to.equal(true);
    }
    if (element.tag === 'label' && element.attrs.for) expect(idSet.has(element.attrs.for), `label for=${element.attrs.for}`).to.equal(true);
  }
}

describe('views/form.njk', () => {
  for (const { name, questionnaire } of questionnaires()) {
    for (const language of ['da', 'en'] as const) {
      describe(`${name} (${language})`, () => {
        it('renders an empty form that is labelled and CSP-safe', () => {
          const html = render(questionnaire, {}, [], language);
          const document = parseHtml(html);
          expectCspSafe(html, document);
          expectAccessibleForm(document);
          const form = all(document, (element) => element.tag === 'form')[0]!;
          expect(form.attrs).to.include({ method: 'post', action: '/s/abc', 'data-token': 'abc', id: 'pejling-form' });
          expect(form.attrs).to.have.property('novalidate');
          const buttons = all(form, (element) => element.tag === 'button');
          expect(buttons.map((button) => [button.attrs.name, button.attrs.value, button.attrs.type])).to.deep.equal([
            ['action', 'submit', 'submit'],
            ['action', 'save', 'submit'],
          ]);
          expect(all(form, (element) => element.tag === 'input' && element.attrs.name === '_lang')[0]?.attrs.value).to.equal(language);
          expect(all(document, (element) => element.tag === 'html')[0]?.attrs.lang).to.equal(language);
        });

        it('renders every error, linked from the summary, and every value', () => {
          const values = valuesForEverything(questionnaire);
          const html = render(questionnaire, values, issuesForEverything(questionnaire), language);
          const document = parseHtml(html);
          expectCspSafe(html, document);
          expectAccessibleForm(document);
          const summary = all(document, (element) => element.attrs.id === 'error-summary')[0]!;
          const links = all(summary, (element) => element.tag === 'a');
          // The statements, rows or boxes of one question with the same problem share one line.
          const issues = issuesForEverything(questionnaire);
          const owner = new Map(answerableItems(questionnaire).map((item) => [item.id, item]));
          const lines = new Set(issues.map((issue) => `${owner.get(issue.item)!.item.id}|${issue.sub !== undefined || owner.get(issue.item)!.kind === 'likert'}|${issue.message}`));
          expect(links.length).to.equal(lines.size);
          for (const link of links) {
            const target = all(document, (element) => element.attrs.id === link.attrs.href!.slice(1))[0];
            expect(target?.tag, `target of ${link.attrs.href}`).to.be.oneOf(['input', 'textarea']);
          }
          const errors = all(document, (element) => (element.attrs.class ?? '').split(' ').includes('form-error-message'));
          expect(errors.length).to.equal(issues.length);
          for (const error of errors) {
            const described = all(document, (element) => (element.attrs['aria-describedby'] ?? '').split(' ').includes(error.attrs.id!));
            expect(described.length, `something described by ${error.attrs.id}`).to.be.greaterThan(0);
          }
          const checked = all(document, (element) => element.tag === 'input' && element.attrs.type === 'radio' && 'checked' in element.attrs);
          expect(new Set(checked.map((radio) => radio.attrs.name)).size).to.equal(checked.length);
          for (const [field, value] of Object.entries(values)) {
            const controls = all(document, (element) => element.attrs.name === field);
            const shown = controls.find((control) => control.attrs.type === 'radio' ? 'checked' in control.attrs : true)!;
            expect(shown.tag === 'textarea' ? shown.text : shown.attrs.value, field).to.equal(value);
          }
        });
      });
    }
  }

  it('marks conditional items for the script and hides them until their condition is met', () => {
    const questionnaire = JSON.parse(readFileSync(path.join(root, 'test/fixtures/form/all-kinds.json'), 'utf8')) as Questionnaire;
    const find = (values: FormValues): HtmlElement => all(parseHtml(render(questionnaire, values, [], 'da')), (element) => element.attrs.id === 'item-consultant')[0]!;
    expect(find({}).attrs).to.include({ 'data-show-if-item': 'does_tasks', 'data-show-if-any-of': '0', hidden: '' });
    expect(find({ does_tasks: '0' }).attrs).not.to.have.property('hidden');
  });

  it('escapes texts from questionnaires and answers', () => {
    const questionnaire = JSON.parse(readFileSync(path.join(root, 'test/fixtures/form/all-kinds.json'), 'utf8')) as Questionnaire;
    const html = render(questionnaire, { team: '"><script>alert(1)</script>' }, [], 'da');
    expect(html).not.to.include('<script>alert(1)</script>');
    expect(html).to.include('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

describe('views/message.njk and views/error.njk', () => {
  for (const kind of ['submitted', 'alreadySubmitted', 'unknownLink', 'roundClosed', 'notYetOpen', 'tryAgainLater'] as const) {
    it(`renders the ${kind} page`, () => {
      const view = messageView('da', kind);
      const html = env.render('message.njk', { ...view, clearDraftToken: kind === 'submitted' ? 'abc' : undefined });
      const document = parseHtml(html);
      expectCspSafe(html, document);
      expect(all(document, (element) => element.tag === 'h1')[0]?.text.trim()).to.equal(view.heading);
      expect(html).to.include(view.next);
      expect(all(document, (element) => element.tag === 'script').length).to.equal(kind === 'submitted' ? 1 : 0);
    });
  }

  it('renders the error page with nothing but a status', () => {
    const html = env.render('error.njk', { status: 404 });
    expectCspSafe(html, parseHtml(html));
    expect(html).to.include('Siden findes ikke').and.include('<html lang="da">');
    expect(env.render('error.njk', { lang: 'en' })).to.include('Something went wrong');
  });
});
