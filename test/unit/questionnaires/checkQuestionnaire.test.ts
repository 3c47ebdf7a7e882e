import { expect } from 'chai';
import { checkQuestionnaire } from '../../../src/questionnaires/checkQuestionnaire.js';
import type { Item, Questionnaire } from '../../../src/questionnaires/types.js';

const t = (text: string) => ({ da: text, en: text });

/** A small valid questionnaire; each test breaks one thing. */
function sample(): Questionnaire {
  return {
    id: 'sample',
    version: '1',
    title: t('Sample'),
    defaultLanguage: 'da',
    scales: {
      agree: {
        ordered: true,
        topBox: [2],
        options: [
          { code: 2, label: t('Enig') },
          { code: 1, label: t('Uenig') },
          { code: 9, label: t('Ved ikke'), dontKnow: true },
        ],
      },
      yes_no: { ordered: false, options: [{ code: 1, label: t('Ja') }, { code: 0, label: t('Nej') }] },
    },
    sections: [
      {
        id: 'first',
        title: t('First'),
        items: [
          { id: 'caseload', kind: 'number', text: t('Caseload'), min: 0, max: 500 },
          { id: 'count', kind: 'number', text: t('Count'), min: 0, max: 500, maxItem: 'caseload' },
          { id: 'battery', kind: 'likert', scale: 'agree', text: t('Stem'), statements: [{ id: 's1', text: t('S1') }, { id: 's2', text: t('S2') }] },
          { id: 'consultant', kind: 'choice', scale: 'yes_no', text: t('Consultant?') },
        ],
      },
      {
        id: 'second',
        title: t('Second'),
        items: [
          { id: 'shown', kind: 'text', text: t('Why?'), maxLength: 100, showIf: { item: 's1', anyOf: [1, 9] } },
          { id: 'time', kind: 'allocation', text: t('Time'), total: 100, categories: [{ id: 'a', label: t('A') }, { id: 'b', label: t('B') }] },
          { id: 'division', kind: 'matrix', scale: 'agree', text: t('Division'), rows: [{ id: 'r1', label: t('R1') }, { id: 'r2', label: t('R2') }] },
        ],
      },
    ],
    indicators: [{ id: 'ratio', kind: 'ratio', label: t('Ratio'), numerator: 'count', denominator: 'caseload' }],
  };
}

function problemsAfter(change: (q: Questionnaire) => void): string[] {
  const q = sample();
  change(q);
  return checkQuestionnaire(q).map((p) => `${p.path}: ${p.message}`);
}

const item = (q: Questionnaire, s: number, i: number) => q.sections[s]!.items[i]! as Item & Record<string, unknown>;

describe('checkQuestionnaire', () => {
  it('accepts the sample', () => {
    expect(problemsAfter(() => {})).to.deep.equal([]);
  });

  const cases: [string, (q: Questionnaire) => void, string][] = [
    ['duplicate section ids', (q) => { q.sections[1]!.id = 'first'; }, '$.sections[1].id: duplicate section id "first"'],
    ['a plain duplicate item id', (q) => { item(q, 1, 0).id = 'count'; }, '$.sections[1].items[0].id: duplicate item id "count"'],
    ['a statement id equal to its battery id', (q) => { (item(q, 0, 2) as { statements: { id: string }[] }).statements[1]!.id = 'battery'; }, '$.sections[0].items[2].statements[1].id: duplicate item id "battery"'],
    ['duplicate option codes', (q) => { q.scales.yes_no!.options[1]!.code = 1; }, '$.scales.yes_no.options[1].code: duplicate option code "1"'],
    ['two "don\'t know" options', (q) => { q.scales.agree!.options[1]!.dontKnow = true; }, '$.scales.agree.options[2].dontKnow: a scale may have at most one'],
    ['a topBox code not on the scale', (q) => { q.scales.agree!.topBox = [2, 3]; }, '$.scales.agree.topBox[1]: code 3 is not an option'],
    ['"don\'t know" in topBox', (q) => { q.scales.agree!.topBox = [9]; }, '$.scales.agree.topBox[0]: code 9 is the "don\'t know" option'],
    ['topBox on an unordered scale', (q) => { q.scales.yes_no!.topBox = [1]; }, '$.scales.yes_no.topBox: topBox needs an ordered scale'],
    ['a matrix with an unknown scale', (q) => { item(q, 1, 2).scale = 'nope'; }, '$.sections[1].items[2].scale: unknown scale "nope"'],
    ['showIf on a likert battery id', (q) => { item(q, 1, 0).showIf = { item: 'battery', anyOf: [1] }; }, '$.sections[1].items[0].showIf.item: unknown item "battery"; refer to one of the battery\'s statements'],
    ['showIf on a number item', (q) => { item(q, 1, 0).showIf = { item: 'count', anyOf: [1] }; }, '$.sections[1].items[0].showIf.item: "count" is a number item'],
    ['showIf on itself', (q) => { item(q, 0, 3).showIf = { item: 'consultant', anyOf: [1] }; }, '$.sections[0].items[3].showIf.item: "consultant" must come before'],
    ['showIf on a statement of the same battery', (q) => { item(q, 0, 2).showIf = { item: 's1', anyOf: [1] }; }, '$.sections[0].items[2].showIf.item: "s1" must come before'],
    ['maxItem on a later number item', (q) => { item(q, 0, 0).maxItem = 'count'; }, '$.sections[0].items[0].maxItem: "count" must come before'],
    ['maxItem on an unknown item', (q) => { item(q, 0, 1).maxItem = 'nope'; }, '$.sections[0].items[1].maxItem: unknown item "nope"'],
    ['duplicate allocation categories', (q) => { (item(q, 1, 1) as { categories: { id: string }[] }).categories[1]!.id = 'a'; }, '$.sections[1].items[1].categories[1].id: duplicate category id "a"'],
    ['duplicate matrix rows', (q) => { (item(q, 1, 2) as { rows: { id: string }[] }).rows[1]!.id = 'r1'; }, '$.sections[1].items[2].rows[1].id: duplicate row id "r1"'],
    ['an indicator over a choice item', (q) => { q.indicators[0]!.numerator = 'consultant'; }, '$.indicators[0].numerator: "consultant" is a choice item'],
    ['an indicator id equal to an item id', (q) => { q.indicators[0]!.id = 'battery'; }, '$.indicators[0].id: indicator id "battery" is already an item id'],
    ['an unknown placeholder in a question', (q) => { item(q, 0, 0).text = { da: 'Borgere i {periode}?', en: 'Citizens in {period}?' }; }, '$.sections[0].items[0].text.da: unknown placeholder "{periode}" (known: {period})'],
    ['an unknown placeholder in a short label', (q) => { item(q, 0, 0).shortLabel = { da: 'Borgere', en: 'Citizens {month}' }; }, '$.sections[0].items[0].shortLabel.en: unknown placeholder "{month}"'],
    ['duplicate indicator ids', (q) => { q.indicators.push({ ...q.indicators[0]! }); }, '$.indicators[1].id: duplicate indicator id "ratio"'],
  ];
  it('accepts {period} in questions, statements and short labels', () => {
    expect(problemsAfter((q) => {
      item(q, 0, 0).text = { da: 'Hvor mange i {period}?', en: 'How many in {period}?' };
      item(q, 0, 0).shortLabel = { da: 'Antal i {period}', en: 'Count in {period}' };
      (item(q, 0, 2) as { statements: { text: unknown }[] }).statements[0]!.text = { da: 'I {period} …', en: 'In {period} …' };
    })).to.deep.equal([]);
  });

  for (const [what, change, expected] of cases) {
    it(`reports ${what}`, () => {
      const problems = problemsAfter(change);
      expect(problems, problems.join('\n')).to.have.length(1);
      expect(problems[0]).to.contain(expected);
    });
  }
});
