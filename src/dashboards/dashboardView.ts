import type { ComparisonResponse } from '../comparison/comparisonService.js';
import type { Distribution, ScaleItemComparison } from '../analysis/scaleItemComparison.js';
import type { Language, Questionnaire } from '../questionnaires/types.js';
import { shareChangeCaption } from './captions.js';
import { chartPayload } from './chartPayload.js';
import { dashboardText } from './dashboardText.js';

const percent = (share: number | null | undefined, language: Language) => (share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`.replace('.', language === 'da' ? ',' : '.'));
// One formatter per language and number of digits: toLocaleString builds a new one per call, a tenth of a page's rendering.
const formatters = new Map<string, Intl.NumberFormat>();
function formatterOf(language: Language, digits: number): Intl.NumberFormat {
  const key = `${language} ${digits}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(language === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return formatter;
}
const decimal = (value: number | null | undefined, digits: number, language: Language) => (value === null || value === undefined ? '–' : formatterOf(language, digits).format(value));
const signed = (value: number, language: Language) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${decimal(Math.abs(value), 0, language)}`;
const signedDecimal = (value: number, language: Language) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${decimal(Math.abs(value), 1, language)}`;
const pValue = (p: number | null | undefined, language: Language) => (p === null || p === undefined ? '–' : p < 0.001 ? '< 0,001'.replace(',', language === 'da' ? ',' : '.') : decimal(p, 3, language));

function isShown(d: ScaleItemComparison['baseline']): d is Distribution {
  return !('suppressed' in d);
}

/**
 * Everything the dashboard page prints, from the comparison payload (the same object the API
 * returns), the questionnaire for labels, and the language: plain values and ready captions.
 */
export function buildDashboardView(comparison: ComparisonResponse, questionnaire: Questionnaire, language: Language, sortByChange = false) {
  const t = dashboardText[language];
  const k = comparison.project.anonymityK;
  const labelOf = (code: number, scaleCodes: { code: number; label: Record<Language, string> }[]) => scaleCodes.find((o) => o.code === code)?.label[language] ?? String(code);
  const scales = new Map<string, { code: number; label: Record<Language, string>; dontKnow?: boolean }[]>();
  for (const section of questionnaire.sections) for (const item of section.items) {
    if (item.kind === 'likert') for (const s of item.statements) scales.set(s.id, questionnaire.scales[item.scale]!.options);
    if (item.kind === 'choice') scales.set(item.id, questionnaire.scales[item.scale]!.options);
  }

  const scaleRow = (item: ComparisonResponse['scaleItems'][number]) => {
    const options = scales.get(item.itemId) ?? [];
    const side = (d: ScaleItemComparison['baseline']) => (isShown(d)
      ? { n: d.n, categories: d.categories.map((c) => ({ code: c.code, label: labelOf(c.code, options), dontKnow: options.some((o) => o.code === c.code && o.dontKnow), count: c.count, share: percent(c.share, language) })) }
      : { suppressed: t.suppressed(k) });
    const top2 = item.top2;
    const change = top2 && 'estimate' in top2.changePp ? top2.changePp : null;
    return {
      id: item.itemId, text: item.text[language], stem: item.stem?.[language] ?? null, kind: item.kind,
      baseline: side(item.baseline), followUp: side(item.followUp), pairedN: item.pairedN,
      top2: top2 ? {
        from: percent(top2.baseline?.share, language), to: percent(top2.followUp?.share, language),
        // One decimal: a whole number here would look like the difference of the rounded shares beside it, and often is not.
        change: change ? signedDecimal(change.estimate, language) : t.notComputable, ci: change ? `${decimal(change.lower, 1, language)} – ${decimal(change.upper, 1, language)}` : '–',
        p: pValue(top2.test.pValue, language), pHolm: pValue(top2.test.pHolm, language), test: top2.test.test,
        caption: top2.baseline && top2.followUp && isShown(item.baseline) && isShown(item.followUp)
          ? shareChangeCaption(t.top2Subject, { from: top2.baseline.share, to: top2.followUp.share, pHolm: top2.test.pHolm }, t.nOf(item.baseline.n, item.followUp.n), language) : null,
      } : null,
      ordinal: item.ordinal ? { test: item.ordinal.test, p: pValue(item.ordinal.pValue, language), pHolm: pValue(item.ordinal.pHolm, language), effect: decimal(item.ordinal.effectSize, 2, language), n: item.ordinal.n } : null,
      transitions: (item.transitions ?? []).map((c) => ({ from: labelOf(c.from, options), to: labelOf(c.to, options), count: c.count })),
      suppressedTransitions: item.suppressedTransitions ?? 0,
      dkTransitions: (item.transitions ?? []).filter((c) => options.some((o) => o.code === c.from && o.dontKnow)).map((c) => ({ to: labelOf(c.to, options), count: c.count })),
      // Said only where someone answered "ved ikke" at baseline, the answers this section follows.
      dkWithheld: item.transitionsWithheld && isShown(item.baseline) && item.baseline.categories.some((c) => c.count > 0 && options.some((o) => o.code === c.code && o.dontKnow)) ? t.transitionsWithheld : null,
    };
  };

  const changeOf = (itemId: string) => {
    const change = comparison.scaleItems.find((s) => s.itemId === itemId)?.top2?.changePp;
    return change && 'estimate' in change ? change.estimate : Number.NEGATIVE_INFINITY;
  };
  const likert = comparison.scaleItems.filter((s) => s.kind === 'likert').map(scaleRow);
  // Largest rise first when asked; items whose change cannot be shown go last.
  const order = (rows: typeof likert) => (sortByChange ? [...rows].sort((a, b) => changeOf(b.id) - changeOf(a.id)) : rows);
  const batteries = [...new Set(likert.map((row) => row.stem))].map((stem) => {
    const items = order(likert.filter((row) => row.stem === stem));
    // Rows of the "ved ikke" table: shown cells and withheld tables alike.
    // The chart needs only each statement's id and text (chartPayload has the numbers).
    return { stem, items, chartItems: items.map(({ id, text }) => ({ id, text })), dkTransitions: items.reduce((sum, item) => sum + item.dkTransitions.length + (item.dkWithheld ? 1 : 0), 0) };
  });
  const numeric = (n: ComparisonResponse['numbers'][number] | ComparisonResponse['indicators'][number], asPercent: boolean) => {
    const show = (v: number | null | undefined) => (asPercent ? percent(v, language) : decimal(v, 1, language));
    const side = (s: typeof n.baseline) => ('suppressed' in s ? { suppressed: t.suppressed(k) } : { n: s.n, mean: show(s.mean), ci: `${show(s.lower)} – ${show(s.upper)}`, median: show(s.median), meanValue: s.mean, lower: s.lower, upper: s.upper });
    const label = 'label' in n ? n.label[language] : n.text[language];
    const [before, after] = [n.baseline, n.followUp];
    const caption = asPercent && !('suppressed' in before) && !('suppressed' in after) && before.mean !== null && after.mean !== null
      ? shareChangeCaption(t.beliefSubject(label), { from: before.mean, to: after.mean, pHolm: n.change?.tTest.pHolm }, t.nOf(before.n, after.n), language) : null;
    return {
      id: n.id, label, unit: units.get(n.id) ?? '', baseline: side(n.baseline), followUp: side(n.followUp), pairedN: n.pairedN, caption,
      change: n.change ? {
        estimate: n.change.estimate === null ? '–' : asPercent ? signedDecimal(n.change.estimate * 100, language) + ' pp' : signedDecimal(n.change.estimate, language),
        p: pValue(n.change.tTest.pValue, language), pHolm: pValue(n.change.tTest.pHolm, language), pWilcoxon: pValue(n.change.wilcoxon.pValue, language),
      } : null,
    };
  };
  const units = new Map<string, string>();
  for (const section of questionnaire.sections) for (const item of section.items) if (item.kind === 'number' && item.unit) units.set(item.id, item.unit[language]);
  const categoryLabels = new Map<string, string>();
  for (const section of questionnaire.sections) for (const item of section.items) if (item.kind === 'allocation') for (const c of item.categories) categoryLabels.set(`${item.id}.${c.id}`, c.label[language]);

  return {
    t, k, comparison, chartData: chartPayload(comparison),
    batteries,
    choices: comparison.scaleItems.filter((s) => s.kind === 'choice').map(scaleRow),
    indicators: comparison.indicators.map((i) => numeric(i, true)),
    numbers: comparison.numbers.map((n) => numeric(n, false)),
    timeUse: comparison.timeUse.map((tu) => ({
      id: tu.itemId, text: tu.text[language], suppressed: tu.suppressed ? t.suppressed(k) : null, baselineN: tu.baselineN, followUpN: tu.followUpN,
      note: tu.droppedCategories.length ? t.droppedNote(tu.droppedCategories.map((id) => `„${categoryLabels.get(`${tu.itemId}.${id}`) ?? id}“`).join(', ')) : null,
      categories: tu.categories.map((c) => ({ id: c.id, label: categoryLabels.get(`${tu.itemId}.${c.id}`) ?? c.id, baseline: decimal(c.baseline, 1, language), followUp: decimal(c.followUp, 1, language), change: c.changePp === null ? '–' : signedDecimal(c.changePp, language) })),
    })),
    did: comparison.differenceInDifferences ? comparison.differenceInDifferences.items.map((d) => ({
      text: comparison.scaleItems.find((s) => s.itemId === d.itemId)?.text[language] ?? d.itemId,
      // The statement alone reads "udtrykker, at …": the table states each battery's stem above its rows.
      stem: comparison.scaleItems.find((s) => s.itemId === d.itemId)?.stem?.[language] ?? null,
      estimate: 'estimate' in d.top2 ? signed(d.top2.estimate * 100, language) : t.suppressed(k),
      ci: 'estimate' in d.top2 ? `${decimal(d.top2.lower * 100, 0, language)} – ${decimal(d.top2.upper * 100, 0, language)}` : '–',
      p: 'estimate' in d.top2 ? pValue(d.top2.pValue, language) : '–',
    })) : null,
  };
}
