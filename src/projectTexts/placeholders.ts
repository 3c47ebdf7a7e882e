import { BadRequestError } from '../shared/errors.js';
import type { LanguageTexts, ProjectTextsInput } from './textSchemas.js';

/** What a mail text may say in braces; the invitation fills each in for the person it goes to. */
export const MAIL_PLACEHOLDERS = ['navn', 'link', 'lukker', 'kontakt', 'projekt', 'skema', 'runde'] as const;
/** What the privacy notice may say in braces: it is shown before anyone is known, so no name or link. */
export const NOTICE_PLACEHOLDERS = ['dataansvarlig', 'projekt', 'kontakt', 'k'] as const;

export type MailValues = Record<(typeof MAIL_PLACEHOLDERS)[number], string>;
export type NoticeValues = Record<(typeof NOTICE_PLACEHOLDERS)[number], string>;

const PLACEHOLDER = /\{([^{}\s]*)\}/g;

/** The admin page's label of each text, for messages that must say which one they mean. */
export const FIELD_LABELS: Record<keyof LanguageTexts, string> = {
  invitationSubject: 'Emne på invitationen', invitationBody: 'Invitationens tekst', reminderSubject: 'Emne på påmindelsen', reminderBody: 'Påmindelsens tekst', privacyNotice: 'Oplysning om behandling af personoplysninger',
};

export interface PlaceholderProblem {
  /** The form field: `da.invitationBody` and so on. */
  field: string;
  message: string;
}

/** Each unknown placeholder, named, per field; an empty list when all are known. */
export function unknownPlaceholders(input: ProjectTextsInput): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  for (const language of ['da', 'en'] as const) {
    for (const [field, text] of Object.entries(input[language]) as [keyof LanguageTexts, string][]) {
      const allowed: readonly string[] = field === 'privacyNotice' ? NOTICE_PLACEHOLDERS : MAIL_PLACEHOLDERS;
      const unknown = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !allowed.includes(name)))];
      if (unknown.length === 0) continue;
      const names = unknown.map((name) => `{${name}}`).join(', ');
      problems.push({
        field: `${language}.${field}`,
        message: `${FIELD_LABELS[field]} (${language === 'da' ? 'dansk' : 'engelsk'}): ukendt pladsholder ${names}. Brug ${allowed.map((name) => `{${name}}`).join(', ')} (unknown placeholder).`,
      });
    }
  }
  return problems;
}

export function assertKnownPlaceholders(input: ProjectTextsInput): void {
  const problems = unknownPlaceholders(input);
  if (problems.length > 0) throw new BadRequestError(problems.map((p) => p.message).join(' '), problems.map((p) => ({ field: `body.${p.field}`, message: p.message })), 'unknown_placeholder');
}

/** The text with each placeholder replaced by its value, as it is (for plain-text mail and subjects). */
export function fillText(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The text as HTML paragraphs: the admin's text and every value escaped (a name like
 * "<b>Åse</b>" is shown as written, never as markup); {link} becomes a link; a blank line
 * starts a paragraph, a single line break stays one.
 */
export function fillHtml(template: string, values: Record<string, string>, linkText: string): string {
  const paragraphs = template.replace(/\r\n?/g, '\n').trim().split(/\n{2,}/);
  return paragraphs.map((paragraph) => {
    const parts = paragraph.split(PLACEHOLDER);
    // split with one capture group alternates: text, placeholder name, text, …
    const html = parts.map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      if (part === 'link' && values.link) return `<a href="${escapeHtml(values.link)}" style="color: #0059b3;">${escapeHtml(linkText)}</a><br>${escapeHtml(values.link)}`;
      return part in values ? escapeHtml(values[part]!) : escapeHtml(`{${part}}`);
    }).join('');
    return `<p>${html.replace(/\n/g, '<br>\n')}</p>`;
  }).join('\n');
}
