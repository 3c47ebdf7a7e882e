import type { Language } from '../questionnaires/types.js';

/** Rounds are planned in Danish time; show times the way people in the job centres read them. */
export function formatCopenhagenTime(date: Date | string, language: Language = 'da'): string {
  return new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : 'en-GB', { timeZone: 'Europe/Copenhagen', dateStyle: 'long', timeStyle: 'short' }).format(new Date(date));
}

/** The day alone, in Danish time (a round's opening and closing day). */
export function formatCopenhagenDate(date: Date | string, language: Language = 'da'): string {
  return new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : 'en-GB', { timeZone: 'Europe/Copenhagen', dateStyle: 'long' }).format(new Date(date));
}
