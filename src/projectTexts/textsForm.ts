import { validateForm, type FieldErrors } from '../shared/formValidation.js';
import { FIELD_LABELS, unknownPlaceholders } from './placeholders.js';
import { languageTextsSchema, senderAndContactSchema, type LanguageTexts, type ProjectTextsInput } from './textSchemas.js';

const LANGUAGE_FIELDS = ['invitationSubject', 'invitationBody', 'reminderSubject', 'reminderBody', 'privacyNotice'] as const;
const OTHER_FIELDS = ['senderName', 'replyTo', 'contactName', 'contactEmail', 'contactPhone', 'dataController'] as const;
/** Where the generic message would not say what to do: an email field is "empty or an email", two fields forbid some characters. */
const PLAIN_MESSAGES: Record<string, string> = {
  replyTo: 'Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.',
  contactEmail: 'Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.',
  senderName: 'Højst 100 tegn, uden < > og anførselstegn.',
  contactPhone: 'Skriv kun cifre, mellemrum, +, - og parenteser (højst 40 tegn).',
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The posted admin form (flat names such as `da-invitationBody`) as the API's document. */
export function textsFromForm(body: Record<string, unknown>): ProjectTextsInput {
  const language = (lang: 'da' | 'en') => Object.fromEntries(LANGUAGE_FIELDS.map((field) => [field, text(body[`${lang}-${field}`]).replace(/\r\n?/g, '\n')])) as unknown as LanguageTexts;
  return { ...Object.fromEntries(OTHER_FIELDS.map((field) => [field, text(body[field]).trim()])), da: language('da'), en: language('en') } as ProjectTextsInput;
}

/**
 * The form's errors in Danish, keyed by the form's field names: the same schemas as the API,
 * one language at a time so an error names its own field, then each unknown placeholder.
 */
export function textsFormErrors(texts: ProjectTextsInput): FieldErrors {
  const errors: FieldErrors = {};
  const { da, en, ...others } = texts;
  const sender = validateForm(senderAndContactSchema, others);
  if (!sender.ok) {
    for (const [field, message] of Object.entries(sender.errors)) errors[field] = PLAIN_MESSAGES[field] ?? message;
  }
  for (const [lang, own] of [['da', da], ['en', en]] as const) {
    const result = validateForm(languageTextsSchema, own);
    // Both languages have the same fields: the message says which one it is about.
    if (!result.ok) for (const [field, message] of Object.entries(result.errors)) errors[`${lang}-${field}`] = `${FIELD_LABELS[field as keyof LanguageTexts] ?? field} (${lang === 'da' ? 'dansk' : 'engelsk'}): ${message}`;
  }
  for (const problem of unknownPlaceholders(texts)) errors[problem.field.replace('.', '-')] ??= problem.message;
  return errors;
}
