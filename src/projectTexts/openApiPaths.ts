import { component, errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { MAIL_PLACEHOLDERS, NOTICE_PLACEHOLDERS } from './placeholders.js';
import { projectTextsSchema, testMailSchema } from './textSchemas.js';

const mailTexts = json({ type: 'object', properties: { mailTexts: { $ref: '#/components/schemas/ProjectTexts' } } });
const placeholderNote = `Placeholders in mail subjects and bodies: ${MAIL_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}; in the privacy notice: ${NOTICE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}. Bodies are plain text; a blank line starts a paragraph.`;

/** OpenAPI paths for a project's mail texts, contact and privacy notice. */
export const projectTextsOpenApi = {
  paths: {
    '/api/projects/{projectId}/mail-texts': {
      get: {
        summary: 'The project\'s mail texts, sender, contact and privacy notice (admin); the defaults until changed', description: placeholderNote, security, parameters: [pathParam('projectId')],
        responses: { 200: { description: 'The texts and the placeholders each may use', ...json({ type: 'object', properties: { mailTexts: { $ref: '#/components/schemas/ProjectTexts' }, placeholders: { type: 'object', properties: { mail: { type: 'array', items: { type: 'string' } }, privacyNotice: { type: 'array', items: { type: 'string' } } } } } }) }, 404: errorResponse('No such project'), ...signedInErrors },
      },
      put: {
        summary: 'Replace the project\'s mail texts, sender, contact and privacy notice (admin; audited)', description: `${placeholderNote} An unknown placeholder is refused (400, code unknown_placeholder, naming it).`, security, parameters: [pathParam('projectId')],
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/ProjectTexts' }) },
        responses: { 200: { description: 'Saved', ...mailTexts }, 400: errorResponse('Invalid field, email or unknown placeholder (named in details)'), 404: errorResponse('No such project'), ...signedInErrors },
      },
    },
    '/api/projects/{projectId}/mail-texts/test': {
      post: {
        summary: 'Send the saved invitation (or reminder) for a sample person to the signed-in admin through the outbox (audited)', security, parameters: [pathParam('projectId')],
        requestBody: { required: false, ...json({ $ref: '#/components/schemas/ProjectTextsTestMail' }) },
        responses: { 202: { description: 'Queued (held in the outbox when no SMTP server is configured: queued=false)', ...json({ type: 'object', properties: { testMail: { type: 'object', properties: { to: { type: 'string' }, subject: { type: 'string' }, queued: { type: 'boolean' } } } } }) }, 400: errorResponse('Invalid field'), 404: errorResponse('No such project'), ...signedInErrors },
      },
    },
  },
  schemas: {
    ProjectTexts: component(projectTextsSchema),
    ProjectTextsTestMail: component(testMailSchema),
  },
};
