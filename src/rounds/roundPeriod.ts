import type { Round } from '../db/entities/index.js';
import type { Language } from '../questionnaires/types.js';

/** How many whole calendar months before the opening month a round asks about by default. */
const MONTHS_ASKED_ABOUT = 2;

const MONTH_NAMES: Record<Language, string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

// Built once: a DateTimeFormat per call showed in the form page's profile.
const copenhagenMonthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', month: 'numeric' });

/** The month (0–11) a moment falls in, in Danish time. */
function copenhagenMonth(date: Date): number {
  return Number(copenhagenMonthFormat.format(date)) - 1;
}

/**
 * The text for `{period}` in the questionnaire: the admin's label for the round when set, and
 * otherwise the two whole months before the month the round opens — a round opening in March
 * asks about "januar og februar", the period the questions were written for. A round without an
 * opening time (never the case for a round someone can answer) falls back to "de seneste måneder".
 */
export function roundPeriodText(round: Pick<Round, 'opensAt' | 'periodLabelDa' | 'periodLabelEn'>, language: Language): string {
  const label = language === 'da' ? round.periodLabelDa : round.periodLabelEn;
  if (label) return label;
  if (!round.opensAt) return language === 'da' ? 'de seneste måneder' : 'recent months';
  const month = copenhagenMonth(round.opensAt);
  const names = Array.from({ length: MONTHS_ASKED_ABOUT }, (_, k) => MONTH_NAMES[language][(month - MONTHS_ASKED_ABOUT + k + 12) % 12]!);
  return `${names.slice(0, -1).join(', ')} ${language === 'da' ? 'og' : 'and'} ${names[names.length - 1]}`;
}
