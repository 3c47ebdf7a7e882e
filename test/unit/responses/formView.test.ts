import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Questionnaire } from '../../../src/questionnaires/types.js';
import {
  buildFormView, type AllocationView, type ChoiceView, type FormView, type ItemView, type LikertView, type MatrixView, type NumberView, type TextView,
} from '../../../src/responses/formView.js';
import type { FormValues, ValidationIssue } from '../../../src/responses/types.js';

function fixture(): Questionnaire {
  return JSON.parse(readFileSync(new URL('../../fixtures/form/all-kinds.json', import.meta.url), 'utf8')) as Questionnaire;
}

function build(values: FormValues = {}, issues: ValidationIssue[] = [], questionnaire = fixture(), language: 'da' | 'en' = 'da'): FormView {
  return buildFormView({ questionnaire, values, issues, language, token: 'tok/en 1' });
}

function item<K extends ItemView['kind']>(view: FormView, id: string, kind: K): Extract<ItemView, { kind: K }> {
  const found = view.sections.flatMap((section) => section.items).find((candidate) => candidate.id === id);
  if (!found || found.kind !== kind) throw new Error(`No ${kind} item ${id}`);
  return found as Extract<ItemView, { kind: K }>;
}

describe('buildFormView', () => {
  it('names and ids fields by the FormValues convention', () => {
    const view = build();
    const caseload = item(view, 'caseload', 'number') as NumberView;
    expect(caseload.field).to.include({ id: 'q-caseload', name: 'caseload', inputMode: 'numeric' });

    const allocation = item(view, 'time_use', 'allocation') as AllocationView;
    expect(allocation.fields.map((field) => [field.id, field.name])).to.deep.equal([
      ['q-time_use-admin', 'time_use.admin'],
      ['q-time_use-talks', 'time_use.talks'],
      ['q-time_use-other', 'time_use.other'],
    ]);
    expect(allocation.fields.every((field) => field.inputMode === 'numeric')).to.equal(true);

    const matrix = item(view, 'division', 'matrix') as MatrixView;
    expect(matrix.groups.map((group) => [group.id, group.name])).to.deep.equal([
      ['q-division-motivate', 'division.motivate'],
      ['q-division-match', 'division.match'],
    ]);

    const likert = item(view, 'opportunities', 'likert') as LikertView;
    expect(likert.groups.map((group) => group.name)).to.deep.equal(['opp_plan', 'opp_follow']);
    // The first radio carries the field id so that error links land on a focusable input.
    expect(likert.groups[0]!.options.map((option) => option.id)).to.deep.equal([
      'q-opp_plan', 'q-opp_plan--4', 'q-opp_plan--3', 'q-opp_plan--2', 'q-opp_plan--1', 'q-opp_plan--9',
    ]);

    expect((item(view, 'comment', 'text') as TextView).field).to.include({ id: 'q-comment', name: 'comment' });
    expect((item(view, 'does_tasks', 'choice') as ChoiceView).group).to.include({ id: 'q-does_tasks', name: 'does_tasks' });
  });

  it('uses decimal input for non-integer numbers and marks optional items', () => {
    const minutes = item(build(), 'minutes', 'number') as NumberView;
    expect(minutes.field.inputMode).to.equal('decimal');
    expect(minutes.optional).to.equal(true);
    expect(minutes.unit).to.equal('minutter');
    expect(minutes.field.describedBy).to.equal('q-minutes-hint q-minutes-unit');
    expect((item(build(), 'caseload', 'number') as NumberView).optional).to.equal(false);
  });

  it('gives allocations a generic hint only when the questionnaire has no help text', () => {
    const plain = item(build(), 'time_use', 'allocation') as AllocationView;
    expect(plain.hint).to.equal('Tallene skal tilsammen give 100. Skriv 0 ud for det, der ikke passer på dig.');
    expect(plain.describedBy).to.equal('q-time_use-hint');
    const questionnaire = fixture();
    questionnaire.sections[0]!.items.find((candidate) => candidate.id === 'time_use')!.help = { da: 'Procent af en uge.', en: 'Percent of a week.' };
    const helped = item(build({}, [], questionnaire), 'time_use', 'allocation') as AllocationView;
    expect(helped.hint).to.equal(undefined);
    expect(helped.describedBy).to.equal('item-time_use-help');
  });

  it('battery legends carry the stem for screen readers', () => {
    const likert = item(build(), 'opportunities', 'likert') as LikertView;
    expect(likert.groups[1]).to.include({ legend: 'følge op', legendContext: 'Jeg har god mulighed for at …' });
    expect(likert.columns.map((column) => column.dontKnow)).to.deep.equal([false, false, false, false, false, true]);
  });

  it('checks the options and fills the inputs from the values', () => {
    const view = build({ opp_plan: '4', 'division.match': '9', does_tasks: '0', caseload: '35', 'time_use.talks': '3,5', comment: 'Hej' });
    const likert = item(view, 'opportunities', 'likert') as LikertView;
    expect(likert.groups[0]!.options.filter((option) => option.checked).map((option) => option.value)).to.deep.equal(['4']);
    expect(likert.groups[1]!.options.some((option) => option.checked)).to.equal(false);
    const matrix = item(view, 'division', 'matrix') as MatrixView;
    expect(matrix.groups[1]!.options.find((option) => option.checked)).to.include({ value: '9', dontKnow: true });
    expect((item(view, 'does_tasks', 'choice') as ChoiceView).group.options.find((option) => option.checked)?.label).to.equal('Nej');
    expect((item(view, 'caseload', 'number') as NumberView).field.value).to.equal('35');
    expect((item(view, 'time_use', 'allocation') as AllocationView).fields[1]!.value).to.equal('3,5');
    expect((item(view, 'comment', 'text') as TextView).field.value).to.equal('Hej');
  });

  it('sums allocations in the respondent’s number format', () => {
    const values = { 'time_use.admin': '50', 'time_use.talks': '3,5', 'time_use.other': 'abc' };
    // The same line form.js writes live, so it is right without JavaScript after a save or a submit.
    expect((item(build(values), 'time_use', 'allocation') as AllocationView).sumText).to.equal('53,5 af 100 – mangler 46,5');
    expect((item(build(values), 'time_use', 'allocation') as AllocationView).sumState).to.equal('mismatch');
    expect((item(build(values, [], fixture(), 'en'), 'time_use', 'allocation') as AllocationView).sumText).to.equal('53.5 of 100 – 46.5 missing');
    expect((item(build({ 'time_use.admin': '100' }), 'time_use', 'allocation') as AllocationView).sumText).to.equal('100 af 100 – passer');
    expect((item(build(), 'time_use', 'allocation') as AllocationView).sumState).to.equal('empty');
  });

  it('attaches issues to their fields with error ids referenced by aria-describedby', () => {
    const view = build({}, [
      { item: 'belief', message: 'For stort' },
      { item: 'time_use', message: 'Sum forkert' },
      { item: 'time_use', sub: 'talks', message: 'Skriv et tal' },
      { item: 'division', sub: 'match', message: 'Vælg et svar' },
      { item: 'opp_follow', message: 'Besvar' },
    ]);
    const belief = item(view, 'belief', 'number') as NumberView;
    expect(belief.field.error).to.deep.equal({ id: 'q-belief-error', message: 'For stort' });
    // One hint: the questionnaire's help and the range together.
    expect(belief.field.describedBy).to.equal('q-belief-hint q-belief-error');
    expect(belief.help).to.equal(undefined);

    const allocation = item(view, 'time_use', 'allocation') as AllocationView;
    expect(allocation.error?.id).to.equal('q-time_use-error');
    expect(allocation.describedBy).to.equal('q-time_use-hint q-time_use-error');
    expect(allocation.fields[1]!.error?.id).to.equal('q-time_use-talks-error');
    expect(allocation.fields[1]!.describedBy).to.equal('q-time_use-talks-error');
    expect(allocation.fields[0]!.error).to.equal(undefined);

    const matrix = item(view, 'division', 'matrix') as MatrixView;
    expect(matrix.groups[1]!.error?.id).to.equal('q-division-match-error');
    expect(matrix.groups[1]!.describedBy).to.equal('q-division-match-error');
    expect(matrix.groups[0]!.error).to.equal(undefined);

    const likert = item(view, 'opportunities', 'likert') as LikertView;
    expect(likert.groups[1]!.error?.id).to.equal('q-opp_follow-error');
  });

  it('lists issues in form order with links to the fields', () => {
    const view = build({}, [
      { item: 'opp_follow', message: 'Besvar' },
      { item: 'division', message: 'Hele matricen' },
      { item: 'time_use', message: 'Sum forkert' },
      { item: 'belief', message: 'For stort' },
      { item: 'nonexistent', message: 'Findes ikke' },
    ]);
    expect(view.errorSummary).to.deep.equal([
      { label: 'Hvor mange af dem kan komme i job?', message: 'For stort', href: '#q-belief' },
      // Item-level problems with a group of inputs link to its first input.
      { label: 'Hvordan fordeler din tid sig?', message: 'Sum forkert', href: '#q-time_use-admin' },
      { label: 'Jeg har god mulighed for at …: følge op', message: 'Besvar', href: '#q-opp_follow' },
      { label: 'Hvordan er opgaverne fordelt?', message: 'Hele matricen', href: '#q-division-motivate' },
      { message: 'Findes ikke', href: '#pejling-form' },
    ]);
    expect(build().errorSummary).to.deep.equal([]);
  });

  it('describes display conditions and evaluates them against the values', () => {
    const unanswered = item(build(), 'consultant', 'likert');
    expect(unanswered.condition).to.deep.include({ item: 'does_tasks', anyOf: '0', noteId: 'item-consultant-condition' });
    expect(unanswered.condition!.note).to.equal('Besvar kun, hvis du svarede „Nej“ til „Løser du selv konsulentopgaver?“.');
    expect(unanswered.hidden).to.equal(true);
    expect(item(build({ does_tasks: '1' }), 'consultant', 'likert').hidden).to.equal(true);
    expect(item(build({ does_tasks: '0' }), 'consultant', 'likert').hidden).to.equal(false);
    const unconditional = item(build(), 'caseload', 'number');
    expect(unconditional.hidden).to.equal(false);
    expect(unconditional.condition).to.equal(undefined);
    // Each statement's group points at the note, so screen readers hear it too.
    expect((item(build(), 'consultant', 'likert') as LikertView).groups[0]!.describedBy).to.equal('item-consultant-condition');
  });

  it('hides an item whose controlling item is itself hidden', () => {
    const questionnaire = fixture();
    const division = questionnaire.sections[1]!.items.find((candidate) => candidate.id === 'division')!;
    division.showIf = { item: 'cons_access', anyOf: [5] };
    expect(item(build({ does_tasks: '0', cons_access: '5' }, [], questionnaire), 'division', 'matrix').hidden).to.equal(false);
    expect(item(build({ does_tasks: '1', cons_access: '5' }, [], questionnaire), 'division', 'matrix').hidden).to.equal(true);
  });

  it('speaks the requested language and encodes the token in URLs', () => {
    const view = build({}, [], fixture(), 'en');
    expect(view.lang).to.equal('en');
    expect(view.ui.form.submit).to.equal('Submit');
    expect(view.questionnaireTitle).to.equal('Test questionnaire with every kind of question');
    expect(item(view, 'consultant', 'likert').condition!.note).to.equal('Only answer if you answered “No” to “Do you do consultant tasks yourself?”.');
    expect(view.action).to.equal('/s/tok%2Fen%201');
    expect(view.draftUrl).to.equal('/api/drafts/tok%2Fen%201');
    expect(view.token).to.equal('tok/en 1');
  });

  it('passes on the saved flag and the draft time', () => {
    const questionnaire = fixture();
    const view = buildFormView({ questionnaire, values: {}, issues: [], language: 'da', token: 't', saved: true, draftSavedAt: new Date('2025-01-02T03:04:05Z') });
    expect(view.saved).to.equal(true);
    expect(view.draftSavedAt).to.equal('2025-01-02T03:04:05.000Z');
    expect(build().saved).to.equal(false);
  });

  it('names questions in the error summary by their short label, else by their text shortened at a word', () => {
    const questionnaire = fixture();
    const items = questionnaire.sections.flatMap((section) => section.items);
    items.find((candidate) => candidate.id === 'belief')!.shortLabel = { da: 'Kan komme i job', en: 'Can get a job' };
    items.find((candidate) => candidate.id === 'caseload')!.text.da = 'Hvor mange borgere i ressourceforløb har du i din sagsstamme lige nu, når du tæller dem med, der er på vej ud?';
    const view = build({}, [{ item: 'caseload', message: 'Skriv et tal' }, { item: 'belief', message: 'For stort' }, { item: 'time_use', sub: 'talks', message: 'Skriv et tal' }], questionnaire);
    expect(view.errorSummary.map((entry) => entry.label)).to.deep.equal([
      'Hvor mange borgere i ressourceforløb har du i din …',
      'Kan komme i job',
      'Hvordan fordeler din tid sig?: Samtaler',
    ]);
    // The field itself keeps the whole question.
    expect((item(view, 'caseload', 'number') as NumberView).field.label).to.match(/på vej ud\?$/);
  });

  it('gives a number field one hint: its help and the range', () => {
    expect((item(build(), 'belief', 'number') as NumberView).field.hint).to.equal('Dit bedste skøn. Skriv et tal fra 0 til 500.');
    expect((item(build(), 'caseload', 'number') as NumberView).field.hint).to.equal('Skriv et tal fra 0 til 500.');
  });

  it('fills {period} from the round, in the question, its short label and the section texts', () => {
    const questionnaire = fixture();
    const caseload = questionnaire.sections[0]!.items[0]!;
    caseload.text = { da: 'Hvor mange borgere havde du i {period}?', en: 'How many citizens did you have in {period}?' };
    caseload.shortLabel = { da: 'Borgere i {period}', en: 'Citizens in {period}' };
    const view = buildFormView({ questionnaire, values: {}, issues: [{ item: 'caseload', message: 'Skriv et tal' }], language: 'da', token: 't', period: 'uge 10 og 11' });
    expect(item(view, 'caseload', 'number').text).to.equal('Hvor mange borgere havde du i uge 10 og 11?');
    expect(view.errorSummary[0]!.label).to.equal('Borgere i uge 10 og 11');
  });

  it('numbers the sections as steps and estimates the time from the items', () => {
    const view = build();
    expect(view.sections.map((section) => section.stepText)).to.deep.equal(view.sections.map((_, index) => `Del ${index + 1} af ${view.sections.length}`));
    expect(build({}, [], fixture(), 'en').sections[0]!.stepText).to.equal(`Part 1 of ${view.sections.length}`);
    expect(view.estimatedTime).to.match(/^Det tager omkring \d+ minut(ter)? at svare\.$/);
  });

  it('puts the allocation\'s unit after each of its inputs', () => {
    const questionnaire = fixture();
    const timeUse = questionnaire.sections.flatMap((section) => section.items).find((candidate) => candidate.id === 'time_use')!;
    expect(timeUse.kind).to.equal('allocation');
    if (timeUse.kind === 'allocation') timeUse.unit = { da: '%', en: '%' };
    const fields = (item(build({}, [], questionnaire), 'time_use', 'allocation') as AllocationView).fields;
    expect(fields.map((field) => field.suffix)).to.deep.equal(fields.map(() => '%'));
    expect(fields[0]!.describedBy).to.equal(fields[0]!.suffixId);
  });

  it('lists the statements, rows or boxes of one question with the same problem as one summary line', () => {
    const view = build({}, [
      { item: 'opp_plan', message: 'Besvar' },
      { item: 'opp_follow', message: 'Besvar' },
      { item: 'division', sub: 'motivate', message: 'Vælg' },
      { item: 'division', sub: 'match', message: 'Vælg' },
      { item: 'time_use', sub: 'admin', message: 'Tal' },
    ]);
    const labels = view.errorSummary.map((entry) => `${entry.label} – ${entry.message} ${entry.href}`);
    expect(labels).to.deep.equal([
      'Hvordan fordeler din tid sig?: Administration – Tal #q-time_use-admin',
      'Jeg har god mulighed for at … (2 udsagn) – Besvar #q-opp_plan',
      'Hvordan er opgaverne fordelt? (2 rækker) – Vælg #q-division-motivate',
    ]);
    // Each field keeps its own inline error.
    expect((item(view, 'opportunities', 'likert') as LikertView).groups.filter((group) => group.error).length).to.equal(2);
  });
});
