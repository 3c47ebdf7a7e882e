import path from 'node:path';
import { expect } from 'chai';
import { loadQuestionnaires } from '../../../src/questionnaires/loadQuestionnaires.js';
import type { Questionnaire } from '../../../src/questionnaires/types.js';
import { answerables } from '../../../src/questionnaires/walkQuestionnaire.js';

const surveysDir = path.resolve(import.meta.dirname, '../../../surveys');

/**
 * Everything a respondent reads or an analysis compares, flattened to "kind:id" → content,
 * so two rounds can be compared element by element.
 */
function elements(q: Questionnaire): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [id, scale] of Object.entries(q.scales)) map.set(`scale:${id}`, scale);
  for (const section of q.sections) {
    map.set(`section:${section.id}`, { title: section.title, intro: section.intro });
    for (const item of section.items) {
      const { statements, categories, rows, ...rest } = item as unknown as Record<string, { id: string }[] | undefined>;
      map.set(`item:${item.id}`, rest);
      for (const part of [...(statements ?? []), ...(categories ?? []), ...(rows ?? [])]) map.set(`part:${item.id}.${part.id}`, part);
    }
  }
  for (const indicator of q.indicators) map.set(`indicator:${indicator.id}`, indicator);
  return map;
}

describe('shipped surveys', () => {
  const all = loadQuestionnaires(surveysDir);
  const byId = new Map(all.map((q) => [q.id, q]));

  it('all validate, sorted by file name', () => {
    expect(all.map((q) => q.id)).to.deep.equal(['hir-end', 'hir-start', 'jki-round']);
  });

  it('hir-end repeats every hir-start element unchanged (same base questionnaire)', () => {
    const start = elements(byId.get('hir-start')!);
    const end = elements(byId.get('hir-end')!);
    for (const [key, value] of start) {
      expect(end.has(key), `${key} missing from hir-end`).to.equal(true);
      expect(end.get(key), key).to.deep.equal(value);
    }
  });

  it('hir-end adds exactly statement 7, statement 13 and the preparation category', () => {
    const start = elements(byId.get('hir-start')!);
    const added = [...elements(byId.get('hir-end')!).keys()].filter((key) => !start.has(key));
    expect(added.sort()).to.deep.equal([
      'part:knowledge_conditions.know_plan_for_paid_hours',
      'part:opportunities.opp_coordinate_other_sectors',
      'part:time_use.preparation',
    ]);
  });

  it('keeps the end-only items in their place in the batteries', () => {
    const ids = answerables(byId.get('hir-end')!).map((a) => a.id);
    expect(ids.indexOf('opp_coordinate_other_sectors')).to.equal(ids.indexOf('opp_consider_other_measures') + 1);
    expect(ids.indexOf('know_plan_for_paid_hours')).to.equal(ids.indexOf('know_paid_hours_cooperation') + 1);
  });

  it('HIR declares the three belief indicators as count ÷ caseload', () => {
    for (const id of ['hir-start', 'hir-end']) {
      const indicators = byId.get(id)!.indicators.map((i) => `${i.id}=${i.numerator}/${i.denominator}`);
      expect(indicators).to.deep.equal([
        'belief_internship_ratio=belief_internship/caseload',
        'belief_paid_hours_ratio=belief_paid_hours/caseload',
        'belief_job_ratio=belief_job/caseload',
      ]);
    }
  });

  it('JKI carries the two degree-scale statements and the two free-text questions', () => {
    expect(answerables(byId.get('jki-round')!).map((a) => a.id)).to.deep.equal([
      'work_contributes', 'organisation_helps', 'important_tasks', 'success_opportunities',
    ]);
  });
});
