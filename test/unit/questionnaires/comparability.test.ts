import { expect } from 'chai';
import { compareQuestionnaires, fullyComparable } from '../../../src/analysis/questionnaireComparability.js';
import { loadQuestionnaires } from '../../../src/questionnaires/loadQuestionnaires.js';
import type { ChoiceItem, Questionnaire } from '../../../src/questionnaires/types.js';
import { surveysDir } from '../../support/testContext.js';

const shipped = loadQuestionnaires(surveysDir);
const byId = (id: string) => structuredClone(shipped.find((q) => q.id === id)!);

describe('comparability of two questionnaires', () => {
  it('HIR START → END: the END-only items, the time use rescaled without "preparation", matrix and text not tested', () => {
    const report = compareQuestionnaires(byId('hir-start'), byId('hir-end'));
    expect(report.onlyInFirst).to.deep.equal([]);
    expect(report.onlyInSecond.map((i) => i.id)).to.deep.equal(['opp_coordinate_other_sectors', 'know_plan_for_paid_hours']);
    expect(report.rescaledTimeUse.map((t) => [t.id, t.onlyInFirst.map((c) => c.id), t.onlyInSecond.map((c) => c.id)])).to.deep.equal([['time_use', [], ['preparation']]]);
    expect(report.notCompared.map((i) => [i.id, i.reason])).to.deep.equal([['task_division', 'not_analysed'], ['comment', 'not_analysed']]);
    expect(report.compared.map((i) => i.id)).to.include.members(['caseload', 'time_use']);
    expect(fullyComparable(report)).to.equal(false);
  });

  it('a questionnaire compared with itself is fully comparable', () => {
    const report = compareQuestionnaires(byId('jki-round'), byId('jki-round'));
    expect(fullyComparable(report)).to.equal(true);
    expect(report.compared.length).to.equal(2);
  });

  it('warns of changed wording and labels, and leaves out items whose scale codes changed', () => {
    const before = byId('hir-start');
    const after: Questionnaire = byId('hir-start');
    const firstChoice = after.sections.flatMap((s) => s.items).find((i): i is ChoiceItem => i.kind === 'choice')!;
    firstChoice.text.da = `${firstChoice.text.da} (ny ordlyd)`;
    const likert = after.sections.flatMap((s) => s.items).find((i) => i.kind === 'likert')!;
    const scale = after.scales[(likert as { scale: string }).scale]!;
    scale.options[0]!.label.da = 'Meget enig';
    const report = compareQuestionnaires(before, after);
    expect(report.changedWording.find((c) => c.id === firstChoice.id)?.changes).to.include('text');
    expect(report.changedWording.some((c) => c.changes.includes('scaleLabels'))).to.equal(true);

    scale.options[0]!.code = 77;
    const recoded = compareQuestionnaires(before, after);
    expect(recoded.notCompared.some((i) => i.reason === 'different_codes')).to.equal(true);
  });
});
