import type { ScaleItemComparison } from '../analysis/scaleItemComparison.js';
import type { NumericComparison } from '../analysis/numericComparison.js';
import type { ComparisonResponse } from '../comparison/comparisonService.js';
import type { OverviewRow } from '../dashboards/segmentOverview.js';
import type { Language, Questionnaire, ScaleOption } from '../questionnaires/types.js';
import type { SpreadsheetCell } from '../shared/spreadsheetSafe.js';
import { figureWords } from './figureWords.js';
import type { XlsxColumn, XlsxTable } from './xlsxWriter.js';

type ScaleRow = ComparisonResponse['scaleItems'][number];
type Side = ScaleItemComparison['baseline'];
const shown = <T extends object>(side: T): side is Exclude<T, { suppressed: true }> => !('suppressed' in side);

function scaleOptions(questionnaire: Questionnaire): Map<string, ScaleOption[]> {
  const options = new Map<string, ScaleOption[]>();
  for (const section of questionnaire.sections) for (const item of section.items) {
    if (item.kind === 'likert') for (const s of item.statements) options.set(s.id, questionnaire.scales[item.scale]!.options);
    if (item.kind === 'choice') options.set(item.id, questionnaire.scales[item.scale]!.options);
  }
  return options;
}

export interface FigureInput {
  comparison: ComparisonResponse;
  questionnaire: Questionnaire;
  overview: (OverviewRow & { label: string })[];
  language: Language;
  /** What the figures are of, as the report's cover says it: rounds, population, filters, k. */
  selection: { label: string; value: string | number }[];
}

/**
 * The dashboard's tables as sheets for Excel: one sheet per section, with the same figures the
 * dashboard shows (the comparison's, already under its k rules: a suppressed figure is an empty
 * cell and a note), numbers as numbers and shares as fractions formatted as percentages.
 */
export function figureTables(input: FigureInput): XlsxTable[] {
  const { comparison, language } = input;
  const w = figureWords[language];
  const k = comparison.project.anonymityK;
  const [before, after] = [comparison.baseline.label, comparison.followUp.label];
  const options = scaleOptions(input.questionnaire);
  const labelOf = (itemId: string, code: number) => options.get(itemId)?.find((o) => o.code === code)?.label[language] ?? String(code);
  const hidden = (round: string) => w.suppressed(k, round);

  const distribution = (rows: ScaleRow[], withStem: boolean): SpreadsheetCell[][] => rows.flatMap((item) => {
    const counts = (side: Side) => new Map(shown(side) ? side.categories.map((c) => [c.code, c] as const) : []);
    const [from, to] = [counts(item.baseline), counts(item.followUp)];
    const note = [shown(item.baseline) ? null : hidden(before), shown(item.followUp) ? null : hidden(after)].filter(Boolean).join('; ') || null;
    return (options.get(item.itemId) ?? []).map((option) => [
      ...(withStem ? [item.stem?.[language] ?? null] : []), item.text[language], option.label[language], option.code,
      shown(item.baseline) ? from.get(option.code)?.count ?? 0 : null, shown(item.baseline) ? from.get(option.code)?.share ?? 0 : null,
      shown(item.followUp) ? to.get(option.code)?.count ?? 0 : null, shown(item.followUp) ? to.get(option.code)?.share ?? 0 : null, note,
    ]);
  });
  const distributionColumns = (withStem: boolean): XlsxColumn[] => [
    ...(withStem ? [{ header: w.stem, width: 40 }] : []), { header: withStem ? w.statement : w.question, width: 50 }, { header: w.answer, width: 24 }, { header: w.code, format: 'integer' },
    { header: `${w.count} ${before}`, format: 'integer' }, { header: `${w.share} ${before}`, format: 'percent' },
    { header: `${w.count} ${after}`, format: 'integer' }, { header: `${w.share} ${after}`, format: 'percent' }, { header: w.note, width: 30 },
  ];
  const likert = comparison.scaleItems.filter((s) => s.kind === 'likert');
  const choices = comparison.scaleItems.filter((s) => s.kind === 'choice');

  const top2 = likert.filter((item) => item.top2).map((item): SpreadsheetCell[] => {
    const t = item.top2!;
    const change = 'estimate' in t.changePp ? t.changePp : null;
    return [item.stem?.[language] ?? null, item.text[language], t.baseline?.share ?? null, t.followUp?.share ?? null, change?.estimate ?? null, change?.lower ?? null, change?.upper ?? null, t.test.test, t.test.pValue, t.test.pHolm ?? null, item.pairedN,
      [t.baseline ? null : hidden(before), t.followUp ? null : hidden(after), change ? null : w.notComputable].filter(Boolean).join('; ') || null];
  });

  const numeric = (rows: (NumericComparison & { name: string })[], asPercent: boolean): SpreadsheetCell[][] => rows.map((n) => {
    const side = (s: NumericComparison['baseline']) => (shown(s) ? [s.n, s.mean, s.lower, s.upper, s.median] : [null, null, null, null, null]);
    const scale = (v: number | null | undefined) => (v === null || v === undefined ? null : asPercent ? v * 100 : v);
    return [n.name, ...side(n.baseline), ...side(n.followUp), n.pairedN, scale(n.change?.estimate), scale(n.change?.lower), scale(n.change?.upper), n.change?.tTest.pValue ?? null, n.change?.tTest.pHolm ?? null, n.change?.wilcoxon.pValue ?? null,
      [shown(n.baseline) ? null : hidden(before), shown(n.followUp) ? null : hidden(after)].filter(Boolean).join('; ') || null];
  });
  const numericColumns = (asPercent: boolean): XlsxColumn[] => {
    const format = asPercent ? 'percent' : 'decimal';
    const side = (round: string): XlsxColumn[] => [{ header: `N ${round}`, format: 'integer' }, { header: `${w.mean} ${round}`, format }, { header: `${w.lower} ${round}`, format }, { header: `${w.upper} ${round}`, format }, { header: `${w.median} ${round}`, format }];
    return [{ header: w.question, width: 50 }, ...side(before), ...side(after), { header: w.pairs, format: 'integer' },
      { header: asPercent ? w.changePp : w.change, format: 'decimal' }, { header: w.lower, format: 'decimal' }, { header: w.upper, format: 'decimal' },
      { header: w.pTTest, format: 'pValue' }, { header: w.pHolm, format: 'pValue' }, { header: w.pWilcoxon, format: 'pValue' }, { header: w.note, width: 30 }];
  };

  const timeUse = comparison.timeUse.flatMap((tu) => tu.categories.map((c): SpreadsheetCell[] => [
    tu.text[language], categoryLabel(input.questionnaire, tu.itemId, c.id, language), c.baseline === null ? null : c.baseline / 100, c.followUp === null ? null : c.followUp / 100, c.changePp, tu.baselineN, tu.followUpN,
    [tu.suppressed ? w.suppressed(k, '') : null, tu.droppedCategories.length ? w.dropped(tu.droppedCategories.join(', ')) : null].filter(Boolean).join('; ') || null,
  ]));

  const dkTransitions = comparison.paired ? likert.flatMap((item): SpreadsheetCell[][] => {
    const dontKnow = new Set((options.get(item.itemId) ?? []).filter((o) => o.dontKnow).map((o) => o.code));
    const cells = (item.transitions ?? []).filter((c) => dontKnow.has(c.from)).map((c): SpreadsheetCell[] => [item.stem?.[language] ?? null, item.text[language], labelOf(item.itemId, c.to), c.count, null]);
    const askedDontKnow = shown(item.baseline) && item.baseline.categories.some((c) => c.count > 0 && dontKnow.has(c.code));
    return item.transitionsWithheld && askedDontKnow ? [...cells, [item.stem?.[language] ?? null, item.text[language], null, null, w.withheld]] : cells;
  }) : [];

  const textOf = (itemId: string) => comparison.scaleItems.find((s) => s.itemId === itemId);
  const did = (comparison.differenceInDifferences?.items ?? []).map((d): SpreadsheetCell[] => {
    const estimate = 'estimate' in d.top2 ? d.top2 : null;
    return [textOf(d.itemId)?.stem?.[language] ?? null, textOf(d.itemId)?.text[language] ?? d.itemId, estimate ? estimate.estimate * 100 : null, estimate ? estimate.lower * 100 : null, estimate ? estimate.upper * 100 : null, estimate?.pValue ?? null, estimate ? null : w.suppressed(k, '')];
  });

  const tables: XlsxTable[] = [
    { name: w.about, columns: [{ header: w.field, width: 30 }, { header: w.value, width: 60 }], rows: input.selection.map((s) => [s.label, s.value]) },
    {
      name: w.overview, columns: [{ header: w.round }, { header: w.invited, format: 'integer' }, { header: w.submitted, format: 'integer' }, { header: w.rate, format: 'percent' }, { header: w.note, width: 30 }],
      rows: input.overview.map((o) => [o.label, o.invited, o.submitted, o.responseRate, o.invited === null ? w.suppressed(k, '') : null]),
    },
    { name: w.likert, columns: distributionColumns(true), rows: distribution(likert, true) },
    {
      name: w.top2,
      columns: [{ header: w.stem, width: 40 }, { header: w.statement, width: 50 }, { header: `${w.top2Share} ${before}`, format: 'percent' }, { header: `${w.top2Share} ${after}`, format: 'percent' },
        { header: w.changePp, format: 'decimal' }, { header: w.lower, format: 'decimal' }, { header: w.upper, format: 'decimal' }, { header: w.test }, { header: w.p, format: 'pValue' }, { header: w.pHolm, format: 'pValue' }, { header: w.pairs, format: 'integer' }, { header: w.note, width: 30 }],
      rows: top2,
    },
    { name: w.belief, columns: numericColumns(true), rows: numeric(comparison.indicators.map((i) => ({ ...i, name: i.label[language] })), true) },
    { name: w.contact, columns: distributionColumns(false), rows: distribution(choices, false) },
    { name: w.numbers, columns: numericColumns(false), rows: numeric(comparison.numbers.map((n) => ({ ...n, name: n.text[language] })), false) },
    {
      name: w.timeUse,
      columns: [{ header: w.question, width: 40 }, { header: w.category, width: 40 }, { header: before, format: 'percent' }, { header: after, format: 'percent' }, { header: w.changePp, format: 'decimal' }, { header: `N ${before}`, format: 'integer' }, { header: `N ${after}`, format: 'integer' }, { header: w.note, width: 30 }],
      rows: timeUse,
    },
  ];
  if (comparison.paired) tables.push({ name: w.transitions, columns: [{ header: w.stem, width: 40 }, { header: w.statement, width: 50 }, { header: `${w.answer} ${after}`, width: 24 }, { header: w.count, format: 'integer' }, { header: w.note, width: 40 }], rows: dkTransitions });
  if (comparison.differenceInDifferences) tables.push({ name: w.did, columns: [{ header: w.stem, width: 40 }, { header: w.statement, width: 50 }, { header: w.changePp, format: 'decimal' }, { header: w.lower, format: 'decimal' }, { header: w.upper, format: 'decimal' }, { header: w.p, format: 'pValue' }, { header: w.note, width: 30 }], rows: did });
  return tables;
}

function categoryLabel(questionnaire: Questionnaire, itemId: string, categoryId: string, language: Language): string {
  for (const section of questionnaire.sections) for (const item of section.items) if (item.kind === 'allocation' && item.id === itemId) return item.categories.find((c) => c.id === categoryId)?.label[language] ?? categoryId;
  return categoryId;
}
