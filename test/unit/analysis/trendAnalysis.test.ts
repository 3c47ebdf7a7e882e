import { expect } from 'chai';
import type { RoundData } from '../../../src/analysis/compareRounds.js';
import { cochranQ } from '../../../src/analysis/stats/cochranQ.js';
import { friedman } from '../../../src/analysis/stats/friedman.js';
import { wilsonInterval } from '../../../src/analysis/stats/proportionIntervals.js';
import { meanWithCI } from '../../../src/analysis/stats/tTests.js';
import { trendOfRounds, type TrendPoint } from '../../../src/analysis/trendAnalysis.js';
import { answerKey, type ResponseRecord } from '../../../src/analysis/types.js';
import type { Questionnaire } from '../../../src/questionnaires/types.js';

const text = (da: string) => ({ da, en: da });
const questionnaire = {
  id: 'tiny', version: '1', title: text('Lille'), defaultLanguage: 'da', indicators: [],
  scales: { agree: { ordered: true, topBox: [4, 3], options: [4, 3, 2, 1].map((code) => ({ code, label: text(String(code)) })).concat([{ code: 9, label: text('Ved ikke'), dontKnow: true } as never]) } },
  sections: [{ id: 's', title: text('S'), items: [
    { kind: 'likert', id: 'battery', text: text('Jeg oplever, at …'), scale: 'agree', statements: [{ id: 'helps', text: text('det hjælper') }] },
    { kind: 'number', id: 'caseload', text: text('Sager'), min: 0, max: 100 },
  ] }],
} as unknown as Questionnaire;

/** A person: group and, per round, [likert code, caseload] or null for not answering that round. */
type Person = { group: string; answers: ([number, number] | null)[] };

function rounds(people: Person[]): RoundData[] {
  return [0, 1, 2].map((round) => {
    const answering = people.map((p, i) => ({ p, i })).filter(({ p }) => p.answers[round]);
    const responses: ResponseRecord[] = answering.map(({ p, i }) => ({ responseId: round * 1000 + i, personKey: `r${i}`, submittedAtMs: 0, attributes: { municipality: 'A', team: null, group: p.group, role: null } }));
    return {
      questionnaire, responses,
      values: {
        responseIds: responses.map((r) => r.responseId),
        rowOf: new Map(responses.map((r, slot) => [r.responseId, slot])),
        columns: new Map([
          [answerKey('helps'), Float64Array.from(answering, ({ p }) => p.answers[round]![0])],
          [answerKey('caseload'), Float64Array.from(answering, ({ p }) => p.answers[round]![1])],
        ]),
      },
    };
  });
}

const T = (...answers: Person['answers']): Person => ({ group: 'Forsøg', answers });
const C = (...answers: Person['answers']): Person => ({ group: 'Kontrol', answers });
const people: Person[] = [
  T([2, 10], [3, 12], [4, 15]), T([1, 20], [2, 18], [3, 16]), T([3, 5], [4, 6], [4, 7]), T([2, 9], [2, 9], [3, 9]), T([9, 11], [3, 11], [4, 13]),
  T([2, 8], [3, 8], null), // skipped R3: not among "answered every round"
  C([2, 10], [2, 11], [2, 12]), C([3, 14], [2, 14], [3, 15]), C([1, 7], [1, 8], [2, 9]), C([4, 12], [4, 12], [3, 12]),
];
const groups = { intervention: ['Forsøg'], control: ['Kontrol'] };
const estimate = (point: TrendPoint) => point.estimate;

describe('trend over three rounds', () => {
  it('pairs only people who answered every round and tests them across the rounds', () => {
    const trend = trendOfRounds({ rounds: rounds(people), groups, paired: true, options: { k: 3, excludeDontKnow: false } });
    expect(trend.n).to.deep.equal({ counted: [10, 10, 9], everyRound: 9 });
    const [statement] = trend.statements;
    expect(statement!.itemId).to.equal('helps');
    const all = statement!.lines.find((l) => l.group === 'all')!;
    // Top-2 (3 or 4) among the nine; "ved ikke" counts as an answer that is not top-2.
    expect(all.points.map(estimate)).to.deep.equal([3 / 9, 4 / 9, 7 / 9]);
    expect(all.points[0]).to.deep.include(wilsonInterval(3, 9) as object);
    const blocks = [[2, 3, 4], [1, 2, 3], [3, 4, 4], [2, 2, 3], [9, 3, 4], [2, 2, 2], [3, 2, 3], [1, 1, 2], [4, 4, 3]];
    const top = blocks.map((b) => b.map((code) => (code === 3 || code === 4 ? 1 : 0)));
    expect(statement!.tests!.top2).to.deep.include({ test: "Cochran's Q", n: 9, ...(cochranQ(top) as object) });
    // Friedman leaves out the person who said "ved ikke" in R1.
    const ordinal = blocks.filter((b) => !b.includes(9));
    expect(statement!.tests!.ordinal).to.deep.include({ test: 'Friedman', n: 8, ...(friedman(ordinal) as object) });
    expect(statement!.tests!.ordinal!.pairs.map((p) => [p.from, p.to, p.test])).to.deep.equal([[0, 1, 'Wilcoxon signed-rank'], [0, 2, 'Wilcoxon signed-rank'], [1, 2, 'Wilcoxon signed-rank']]);
    expect(statement!.tests!.top2.pHolm).to.equal(statement!.tests!.top2.pValue); // one statement: nothing to adjust
  });

  it('draws a line per group and withholds figures of fewer than k', () => {
    const trend = trendOfRounds({ rounds: rounds(people), groups, paired: false, options: { k: 5, excludeDontKnow: true } });
    const lines = trend.statements[0]!.lines;
    expect(lines.map((l) => l.group)).to.deep.equal(['all', 'intervention', 'control']);
    const intervention = lines.find((l) => l.group === 'intervention')!;
    // Everyone of each round: six in R1 (one "ved ikke" left out → five), six in R2, five in R3.
    expect(intervention.points.map(estimate)).to.deep.equal([1 / 5, 4 / 6, 5 / 5]);
    const control = lines.find((l) => l.group === 'control')!;
    expect(control.points.every((p) => p.estimate === null && 'suppressed' in p && p.n === null)).to.equal(true);
    expect(trend.statements[0]!.tests).to.equal(null);
    const caseload = trend.measures.find((m) => m.id === 'caseload')!.lines.find((l) => l.group === 'intervention')!;
    expect(caseload.points[2]).to.deep.equal(meanWithCI([15, 16, 7, 9, 13]));
  });

  it('gives no group lines without both an intervention and a control group', () => {
    const trend = trendOfRounds({ rounds: rounds(people), groups: { intervention: ['Forsøg'], control: [] }, paired: true, options: { k: 3, excludeDontKnow: false } });
    expect(trend.statements[0]!.lines.map((l) => l.group)).to.deep.equal(['all']);
  });
});
