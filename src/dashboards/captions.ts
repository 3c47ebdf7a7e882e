import type { Language } from '../questionnaires/types.js';

/** A share (0–1) in one round and the next, with the Holm-adjusted p-value of its change if tested. */
export interface ShareChange {
  from: number;
  to: number;
  /** Holm-adjusted p of the change; null or undefined when there is no test (e.g. not computable). */
  pHolm?: number | null;
}

const SIGNIFICANCE = 0.05;

const words = {
  da: {
    rose: 'steg', fell: 'faldt', from: 'fra', to: 'til', unchanged: 'var uændret på', points: 'procentpoint',
    notSignificant: (p: string) => `Ændringen er ikke statistisk signifikant (p = ${p} efter Holm-korrektion).`,
  },
  en: {
    rose: 'rose', fell: 'fell', from: 'from', to: 'to', unchanged: 'was unchanged at', points: 'percentage points',
    notSignificant: (p: string) => `The change is not statistically significant (p = ${p} after Holm correction).`,
  },
} satisfies Record<Language, unknown>;

const number = (value: number, digits: number, language: Language) => value.toLocaleString(language === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pText = (p: number, language: Language) => (p < 0.001 ? `< ${number(0.001, 3, language)}` : number(p, p < 0.01 ? 3 : 2, language));

/**
 * Both shares in whole percent, and their difference computed from those printed numbers, so
 * that "22 % til 45 %" reads "+23", never the unrounded +24. When rounding would make two
 * different shares look equal, one decimal is printed instead; only shares that are equal at
 * one decimal too are told as unchanged.
 */
export function roundedShares(change: Pick<ShareChange, 'from' | 'to'>): { from: number; to: number; points: number; digits: number } {
  for (const digits of [0, 1]) {
    const scale = 10 ** digits;
    const from = Math.round(change.from * 100 * scale) / scale;
    const to = Math.round(change.to * 100 * scale) / scale;
    if (from !== to || change.from === change.to || digits === 1) return { from, to, points: Math.round((to - from) * scale) / scale, digits };
  }
  throw new Error('unreachable');
}

/**
 * One sentence (two when the change is not significant) on how a share moved between rounds:
 * "steg", "faldt" or "var uændret" from the sign of the printed change, and a note when the
 * Holm-adjusted p is 0.05 or more. `subject` starts the sentence ("Andelen, der …,"), `n` ends it.
 */
export function shareChangeCaption(subject: string, change: ShareChange, n: string, language: Language): string {
  const w = words[language];
  const r = roundedShares(change);
  const pct = (value: number) => `${number(value, r.digits, language)} %`;
  if (r.points === 0) return `${subject} ${w.unchanged} ${pct(r.from)} (${n}).`;
  const sign = r.points > 0 ? '+' : '−';
  const sentence = `${subject} ${r.points > 0 ? w.rose : w.fell} ${w.from} ${pct(r.from)} ${w.to} ${pct(r.to)} (${sign}${number(Math.abs(r.points), r.digits, language)} ${w.points}, ${n}).`;
  const p = change.pHolm;
  return p !== null && p !== undefined && p >= SIGNIFICANCE ? `${sentence} ${w.notSignificant(pText(p, language))}` : sentence;
}
