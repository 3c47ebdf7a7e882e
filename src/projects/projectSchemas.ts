import { DEFAULT_SELF_CODE_ELEMENTS, MIN_SELF_CODE_ELEMENTS, SELF_CODE_ELEMENTS, type SelfCodeElement } from '../rounds/selfGeneratedCode.js';

/** The shape of a project, for the JSON API and (after form parsing) the admin form. */
export const projectInputSchema = {
  $id: 'https://pejling.dk/schemas/project-input.json',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'defaultLanguage', 'anonymityK'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    defaultLanguage: { enum: ['da', 'en'] },
    anonymityK: { type: 'integer', minimum: 3, maximum: 100, description: 'No figure for fewer respondents than this (at least 3).' },
    groups: {
      type: 'array',
      maxItems: 20,
      description: 'Groups (arms): none, or any number, each marked intervention or control. Intervention vs control (difference in differences) is computed only when both kinds exist.',
      items: {
        type: 'object', additionalProperties: false, required: ['name', 'kind'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 50 }, kind: { enum: ['intervention', 'control'] } },
      },
    },
    units: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object', additionalProperties: false, required: ['municipality'],
        properties: { municipality: { type: 'string', minLength: 1, maxLength: 100 }, team: { type: 'string', maxLength: 100 } },
      },
    },
    leadEmails: { type: 'array', maxItems: 200, items: { type: 'string', format: 'email', maxLength: 254 } },
    reportableAttributes: { type: 'array', uniqueItems: true, items: { enum: ['municipality', 'team', 'group', 'role'] }, description: 'Respondent attributes the project\'s leads may see and filter by (default: all)' },
    selfCodeElements: {
      type: 'array', uniqueItems: true, minItems: MIN_SELF_CODE_ELEMENTS, items: { enum: [...SELF_CODE_ELEMENTS] },
      description: `Elements of the self-generated code on open links (default: ${DEFAULT_SELF_CODE_ELEMENTS.join(', ')}); cannot change once the project holds a code.`,
    },
  },
} as const;

export interface ProjectInput {
  name: string;
  defaultLanguage: 'da' | 'en';
  anonymityK: number;
  groups?: { name: string; kind: 'intervention' | 'control' }[];
  units?: { municipality: string; team?: string }[];
  leadEmails?: string[];
  reportableAttributes?: ('municipality' | 'team' | 'group' | 'role')[];
  selfCodeElements?: SelfCodeElement[];
}

export const projectPatchSchema = {
  ...projectInputSchema,
  $id: 'https://pejling.dk/schemas/project-patch.json',
  required: [],
} as const;

export const projectParamsSchema = {
  $id: 'https://pejling.dk/schemas/project-params.json',
  type: 'object',
  required: ['projectId'],
  properties: { projectId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
} as const;
