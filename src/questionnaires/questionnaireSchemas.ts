import type { Answers } from '../responses/types.js';
import type { Language } from './types.js';

/** The whole questionnaire as JSON; its content is checked by checkQuestionnaireText, not here. */
export const questionnaireBodySchema = {
  $id: 'https://pejling.dk/schemas/questionnaire-body.json',
  type: 'object',
  description: 'A questionnaire in the format of /schemas/questionnaire.schema.json',
} as const;

export const revisionParamsSchema = {
  $id: 'https://pejling.dk/schemas/questionnaire-revision-params.json',
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' }, revision: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } },
  required: ['id', 'revision'],
} as const;

export const previewBodySchema = {
  $id: 'https://pejling.dk/schemas/questionnaire-preview-body.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    language: { enum: ['da', 'en'] },
    answers: { type: 'object', description: 'As in POST /api/responses/{token}' },
  },
  required: ['answers'],
} as const;

export interface PreviewBody {
  language?: Language;
  answers: Answers;
}

export const comparisonQuerySchema = {
  $id: 'https://pejling.dk/schemas/questionnaire-comparison-query.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    with: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
    revision: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
    withRevision: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
  },
  required: ['with'],
} as const;
