import { expect } from 'chai';
import type { TrendResponse } from '../../../src/comparison/trendService.js';
import { buildTrendView } from '../../../src/dashboards/trendView.js';
import type { Questionnaire } from '../../../src/questionnaires/types.js';

const text = (da: string) => ({ da, en: da });
const questionnaire = {
  id: 'q', version: '1', title: text('Q'), defaultLanguage: 'da', indicators: [],
  scales: { agree: { ordered: true, topBox: [5, 4], options: [5, 4, 3, 2, 1].map((code) => ({ code, label: text(['', 'Meget uenig', 'Uenig', 'Hverken eller', 'Enig', 'Helt enig'][code]!) })) } },
  sections: [{ id: 's', title: text('S'), items: [{ kind: 'likert', id: 'b', text: text('Jeg kan …'), scale: 'agree', statements: [{ id: 'plan', text: text('lægge en plan') }] }] }],
} as unknown as Questionnaire;

const point = (estimate: number, n = 40) => ({ n, estimate, lower: estimate - 0.1, upper: estimate + 0.1 });
const hidden = { n: null, estimate: null, suppressed: true as const, reason: 'færre end 5 svar' };

function trend(points: TrendResponse['statements'][number]['lines'][number]['points'], pHolm: number): TrendResponse {
  const test = { test: "Cochran's Q" as const, n: 40, statistic: 3, df: 2, pValue: pHolm, pHolm, pairs: [{ from: 0, to: 1, test: 'McNemar exact' as const, pValue: 0.2, pHolm: 0.4 }, { from: 0, to: 2, test: 'McNemar exact' as const, pValue: 0.01, pHolm: 0.03 }, { from: 1, to: 2, test: 'McNemar exact' as const, pValue: 0.3, pHolm: 0.4 }] };
  return {
    project: { id: 1, name: 'P', anonymityK: 5 }, rounds: ['R1', 'R2', 'R3'].map((label, i) => ({ roundId: i + 1, label, questionnaireId: 'q' })),
    paired: true, excludeDontKnow: false, filter: {}, n: { counted: [50, 50, 50], everyRound: 40 },
    statements: [{ itemId: 'plan', text: text('lægge en plan'), stem: text('Jeg kan …'), topBox: [5, 4], lines: [{ group: 'all', points }, { group: 'control', points: [hidden, hidden, hidden] }], tests: { top2: test, ordinal: null } }],
    measures: [],
  };
}

describe('the trend page in words', () => {
  it('tells a rise from the first to the last round with the top-2 labels, and the tests with their pairs', () => {
    const view = buildTrendView(trend([point(0.22), point(0.3), point(0.45)], 0.01), questionnaire);
    const [chart] = view.batteries[0]!.charts;
    expect(view.batteries[0]!.stem).to.equal('Jeg kan …');
    expect(chart!.caption).to.equal('Andelen, der svarer „Helt enig“ eller „Enig“, steg fra 22 % til 45 % (+23 procentpoint, R1 til R3).');
    expect(chart!.tests[0]).to.contain('en statistisk signifikant forskel mellem runderne (p = 0,01');
    expect(chart!.tests[1]).to.equal('Parvis (McNemar exact, Holm-korrigeret): R1–R2: p = 0,40; R1–R3: p = 0,03; R2–R3: p = 0,40.');
    expect(chart!.rows[0]).to.deep.equal({ round: 'R1', cells: [{ figure: '22 %', interval: '12–32 %', n: '40' }, { figure: 'Under 5 svar', interval: '', n: '' }] });
    expect(chart!.data.lines[1]!.points).to.deep.equal([null, null, null]);
  });

  it('tells a fall that is not significant, and says when there are too few answers', () => {
    const fall = buildTrendView(trend([point(0.5), point(0.45), point(0.39)], 0.3), questionnaire).batteries[0]!.charts[0]!;
    expect(fall.caption).to.equal('Andelen, der svarer „Helt enig“ eller „Enig“, faldt fra 50 % til 39 % (−11 procentpoint, R1 til R3). Ændringen er ikke statistisk signifikant (p = 0,30 efter Holm-korrektion).');
    const few = buildTrendView(trend([hidden, point(0.45), hidden], 0.3), questionnaire).batteries[0]!.charts[0]!;
    expect(few.caption).to.equal('Der er for få svar til at vise en udvikling.');
  });
});
