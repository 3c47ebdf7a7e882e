import type { Language } from '../questionnaires/types.js';

/**
 * What the dashboard says when a selection cannot be shown. The services' messages follow the API
 * pattern "Danish text. (English text.)"; a page shows the half in its own language only.
 */
export function dashboardNotice(message: string, language: Language): string {
  const split = message.indexOf('. (');
  if (split < 0 || !message.endsWith(')')) return message;
  return language === 'da' ? message.slice(0, split + 1) : message.slice(split + 3, -1);
}
