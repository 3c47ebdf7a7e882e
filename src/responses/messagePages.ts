import type { Response as ExpressResponse } from 'express';
import type { Language } from '../questionnaires/types.js';
import { formatCopenhagenTime } from '../shared/copenhagenTime.js';
import { messageView, type MessageKind } from '../shared/i18n.js';

export type MessagePage = 'thanks' | 'unknown' | 'not_yet_open' | 'closed' | 'already_submitted' | 'inactive' | 'rate_limited';

const kindByPage: Record<MessagePage, MessageKind> = {
  thanks: 'submitted',
  unknown: 'unknownLink',
  not_yet_open: 'notYetOpen',
  closed: 'roundClosed',
  already_submitted: 'alreadySubmitted',
  inactive: 'linkInactive',
  rate_limited: 'rateLimited',
};

const opensAtSentence: Record<Language, (when: string) => string> = {
  da: (when) => `Den åbner ${when}.`,
  en: (when) => `It opens on ${when}.`,
};

const contactLabel: Record<Language, string> = { da: 'Kontakt', en: 'Contact' };

/** A page instead of the form, telling the person where they stand and what to do. */
export function renderMessagePage(
  res: ExpressResponse,
  status: number,
  language: Language,
  page: MessagePage,
  details: { opensAt?: Date; token?: string; contact?: string } = {},
): void {
  const view = messageView(language, kindByPage[page]);
  const text = page === 'not_yet_open' && details.opensAt ? `${view.text} ${opensAtSentence[language](formatCopenhagenTime(details.opensAt, language))}` : view.text;
  // After a submission the browser's safety copy of the answers is no longer needed.
  const clearDraftToken = page === 'thanks' || page === 'already_submitted' ? details.token : undefined;
  res.status(status).render('message', { ...view, text, clearDraftToken, contact: details.contact, contactLabel: contactLabel[language] });
}
