import type { Language } from '../questionnaires/types.js';
import { FALLBACKS } from './defaultTexts.js';
import type { ProjectTextsInput } from './textSchemas.js';

/** The project contact as one line ("Anne Holm, anne@kommune.dk, 12 34 56 78"), or "projektlederen" when none is set. */
export function contactLine(texts: Pick<ProjectTextsInput, 'contactName' | 'contactEmail' | 'contactPhone'>, language: Language): string {
  const parts = [texts.contactName, texts.contactEmail, texts.contactPhone].map((part) => part.trim()).filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : FALLBACKS.contact[language];
}
