import type { Language, Questionnaire } from '../questionnaires/types.js';

export interface ChartScale {
  /** An ordered scale is drawn in a sequential palette (or diverging, for agreement); an unordered one in distinct hues. */
  ordered: boolean;
  /** Every answer category in the questionnaire's display order, "ved ikke" flagged. */
  options: { code: number; label: string; dontKnow: boolean }[];
}

/**
 * The answer scale of each Likert statement and choice item, by item id, for the chart modules:
 * a legend lists every category even when a round has no answer in it, and the palette follows
 * whether the scale is ordered.
 */
export function chartScales(questionnaire: Questionnaire, language: Language): Record<string, ChartScale> {
  const scales: Record<string, ChartScale> = {};
  const of = (name: string): ChartScale => {
    const scale = questionnaire.scales[name]!;
    return { ordered: scale.ordered, options: scale.options.map((o) => ({ code: o.code, label: o.label[language], dontKnow: Boolean(o.dontKnow) })) };
  };
  for (const section of questionnaire.sections) for (const item of section.items) {
    if (item.kind === 'likert') for (const statement of item.statements) scales[statement.id] = of(item.scale);
    if (item.kind === 'choice') scales[item.id] = of(item.scale);
  }
  return scales;
}
