import { dashboardText } from '../../src/dashboards/dashboardText.js';
import { uiText } from '../../src/shared/i18n.js';

/** Every string of an object tree (functions and non-strings left out). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * The English catalogues' texts that a Danish page must never show: every English string of the
 * UI texts and the dashboard texts that differs from the Danish ones (so "Pejling", "Sum" or "p",
 * the same in both, do not count) and is long enough to mean something.
 */
export function englishCatalogue(): string[] {
  const danish = new Set([...strings(uiText('da')), ...strings(dashboardText.da)]);
  const names = Object.values(uiText('en').languageSwitch.names);
  return [...new Set([...strings(uiText('en')), ...strings(dashboardText.en)])]
    .filter((text) => text.length >= 4 && !danish.has(text) && !names.includes(text) && !['success', 'info', 'warning', 'error'].includes(text));
}

/**
 * Words and phrases of English messages (ajv's, the services' English halves, outbox states):
 * none is a Danish word, so finding one on a Danish page means an untranslated message.
 */
export const ENGLISH_PHRASES = [
  /\bthe\b/i, /\bmust\b/i, /\bshould\b/i, /\bplease\b/i, /\byour\b/i, /\bwith\b/i, /\bcannot\b/i, /\binvalid\b/i, /\brequired\b/i,
  /\bmatches\b/i, /\bproperty\b/i, /\bunknown\b/i, /\bnot found\b/i, /\bno such\b/i, /\bsomething went wrong\b/i,
  />\s*(held|queued|sending|sent|failed)\s*</, /\bis not\b/, /\bfollowup\b/, /\bmissing\b/i, /\bduplicated?\b/i,
];

/** Catalogue keys, template variables or values that never made it into text. */
export const UNTRANSLATED = [/\b(?:form|messages|languageSwitch|ui|words|dashboardText)\.[a-z][A-Za-z]+/, /\bundefined\b/, /\[object Object\]/, /\bNaN\b/, /\{\{|\}\}|\{%|%\}/];

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * What a person reads (or hears) on a page: text between tags and the texts of aria-label, title,
 * alt and placeholder. Scripts, styles, code samples (column names the import page lists on
 * purpose) and machine attributes (data-*, values, URLs) are left out.
 */
export function readableText(html: string): string {
  // Code, text an editor holds in another language (marked lang="en", as the mail texts page does) and source text (translate="no": a questionnaire's JSON) are not the page's words.
  const withoutCode = html.replace(/<(script|style|code)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<(textarea|pre)\b[^>]*\s(?:lang="en"|translate="no")[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  const attributes = [...withoutCode.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((match) => match[1]!);
  const text = withoutCode.replace(/<[^>]*>/g, '\n');
  return [...attributes, text].join('\n')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (_, entity: string) => (entity.startsWith('#x') ? String.fromCodePoint(parseInt(entity.slice(2), 16)) : entity.startsWith('#') ? String.fromCodePoint(Number(entity.slice(1))) : entities[entity] ?? `&${entity};`))
    .split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
}

/** Every problem with a Danish page's text: English catalogue strings, English phrases, untranslated keys. */
export function notDanish(html: string, catalogue: string[]): string[] {
  const text = readableText(html);
  const problems: string[] = [];
  for (const english of catalogue) if (text.includes(english)) problems.push(`English text "${english}"`);
  for (const pattern of [...ENGLISH_PHRASES, ...UNTRANSLATED]) {
    const source = pattern.source.startsWith('>') ? html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '').replace(/<(textarea|pre)\b[^>]*\s(?:lang="en"|translate="no")[^>]*>[\s\S]*?<\/\1>/gi, '') : text;
    const match = pattern.exec(source);
    if (match) problems.push(`"${match[0].trim()}" in: ${source.slice(Math.max(0, match.index - 60), match.index + 60).replace(/\s+/g, ' ')}`);
  }
  return problems;
}
