/** The texts of one language: mails and privacy notice. Placeholders are checked by placeholders.ts. */
const languageTexts = {
  type: 'object',
  additionalProperties: false,
  required: ['invitationSubject', 'invitationBody', 'reminderSubject', 'reminderBody', 'privacyNotice'],
  properties: {
    invitationSubject: { type: 'string', minLength: 1, maxLength: 200 },
    invitationBody: { type: 'string', minLength: 1, maxLength: 10000 },
    reminderSubject: { type: 'string', minLength: 1, maxLength: 200 },
    reminderBody: { type: 'string', minLength: 1, maxLength: 10000 },
    privacyNotice: { type: 'string', minLength: 1, maxLength: 10000 },
  },
} as const;

/** The admin form validates one language's texts at a time, so each error names its own field. */
export const languageTextsSchema = { $id: 'https://pejling.dk/schemas/project-language-texts.json', ...languageTexts } as const;

const senderAndContactProperties = {
  senderName: { type: 'string', maxLength: 100, pattern: '^[^<>"\\r\\n]*$', description: 'Shown as the sender of the project\'s mails (empty: MAIL_FROM\'s name).' },
  replyTo: { anyOf: [{ type: 'string', maxLength: 0 }, { type: 'string', format: 'email', maxLength: 254 }], description: 'Where answers to the mails go (empty: none).' },
  contactName: { type: 'string', maxLength: 100 },
  contactEmail: { anyOf: [{ type: 'string', maxLength: 0 }, { type: 'string', format: 'email', maxLength: 254 }] },
  contactPhone: { type: 'string', maxLength: 40, pattern: '^[0-9+() -]*$' },
  dataController: { type: 'string', maxLength: 300, description: 'The data controller (dataansvarlig) named in the privacy notice, e.g. the municipality and its address.' },
} as const;
const senderAndContactFields = ['senderName', 'replyTo', 'contactName', 'contactEmail', 'contactPhone', 'dataController'] as const;

/** The fields besides the texts, for the admin form (see languageTextsSchema). */
export const senderAndContactSchema = {
  $id: 'https://pejling.dk/schemas/project-texts-sender.json',
  type: 'object',
  additionalProperties: false,
  required: senderAndContactFields,
  properties: senderAndContactProperties,
} as const;

/** A project's mail texts, sender, contact and privacy notice: the JSON API's body and the stored document. */
export const projectTextsSchema = {
  $id: 'https://pejling.dk/schemas/project-texts.json',
  type: 'object',
  additionalProperties: false,
  required: [...senderAndContactFields, 'da', 'en'],
  properties: { ...senderAndContactProperties, da: languageTexts, en: languageTexts },
} as const;

export interface LanguageTexts {
  invitationSubject: string;
  invitationBody: string;
  reminderSubject: string;
  reminderBody: string;
  privacyNotice: string;
}

export interface ProjectTextsInput {
  senderName: string;
  replyTo: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  dataController: string;
  da: LanguageTexts;
  en: LanguageTexts;
}

export const testMailSchema = {
  $id: 'https://pejling.dk/schemas/project-texts-test.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    language: { enum: ['da', 'en'] },
    kind: { enum: ['invitation', 'reminder'] },
    _csrf: { type: 'string' },
  },
} as const;

export interface TestMailInput {
  language?: 'da' | 'en';
  kind?: 'invitation' | 'reminder';
}
