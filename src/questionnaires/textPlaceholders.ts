import type { Language, LocalisedText } from './types.js';

/**
 * Placeholders a questionnaire's texts may hold, filled per round when the form is shown:
 * `{period}` is the period the round asks about ("januar og februar"), so one file serves
 * rounds in different months. The checker refuses any other `{name}`, so a typo cannot reach
 * a caseworker's screen.
 */
export const TEXT_PLACEHOLDERS = ['period'] as const;
export type TextPlaceholder = (typeof TEXT_PLACEHOLDERS)[number];
export type PlaceholderValues = Record<TextPlaceholder, string>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Every `{name}` in a text. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

export function isKnownPlaceholder(name: string): name is TextPlaceholder {
  return (TEXT_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * Where no round is at hand (dashboards and exports across rounds, a validation message, the
 * codebook) a question reads "… om ugen i perioden?".
 */
const GENERIC: Record<Language, PlaceholderValues> = { da: { period: 'perioden' }, en: { period: 'the period' } };

export function withGenericPlaceholders(text: LocalisedText): LocalisedText {
  return { da: fillPlaceholders(text.da, GENERIC.da), en: fillPlaceholders(text.en, GENERIC.en) };
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.indexOf('{') === -1 ? text : text.replace(PLACEHOLDER, (whole, name: string) => (isKnownPlaceholder(name) ? values[name] : whole));
}
