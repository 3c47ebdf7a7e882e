import { validateForm, type FieldErrors } from '../shared/formValidation.js';
import { unknownPlaceholders } from './placeholders.js';
import { languageTextsSchema, senderAndContactSchema, type LanguageTexts, type ProjectTextsInput } from './textSchemas.js';

const LANGUAGE_FIELDS = ['invitationSubject', 'invitationBody', 'reminderSubject', 'reminderBody', 'privacyNotice'] as const;
const OTHER_FIELDS = ['senderName', 'replyTo', 'contactName', 'contactEmail', 'contactPhone', 'dataController'] as const;
const EMAIL_FIELDS = new Set(['replyTo', 'contactEmail']);

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
    // An email field is "empty or an email"; its first ajv error would be about the empty branch.
    for (const [field, message] of Object.entries(sender.errors)) errors[field] = EMAIL_FIELDS.has(field) ? 'Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.' : message;
  }
  for (const [lang, own] of [['da', da], ['en', en]] as const) {
    const result = validateForm(languageTextsSchema, own);
    if (!result.ok) for (const [field, message] of Object.entries(result.errors)) errors[`${lang}-${field}`] = message;
  }
  for (const problem of unknownPlaceholders(texts)) errors[problem.field.replace('.', '-')] ??= problem.message;
  return errors;
}
