import { component, errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { importQuerySchema, respondentFilterSchema, respondentPatchSchema } from '../respondents/respondentSchemas.js';
import { SELF_CODE_ELEMENTS } from '../rounds/selfGeneratedCode.js';
import { projectInputSchema, projectPatchSchema } from './projectSchemas.js';

const project = json({ type: 'object', properties: { project: { $ref: '#/components/schemas/Project' } } });
const respondent = json({ type: 'object', properties: { respondent: { $ref: '#/components/schemas/Respondent' } } });
const queryParams = (schema: { properties: Record<string, object> }) => Object.entries(schema.properties).filter(([name]) => name !== '_csrf').map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));

/** OpenAPI paths for projects and the caseworker registry. */
export const projectsOpenApi = {
  paths: {
    '/api/projects': {
      get: { summary: 'Projects you may read (admins: all; leads: theirs)', security, responses: { 200: { description: 'Projects', ...json({ type: 'object', properties: { projects: { type: 'array', items: { $ref: '#/components/schemas/Project' } } } }) }, ...signedInErrors } },
      post: { summary: 'Create a project (admin)', security, requestBody: { required: true, ...json({ $ref: '#/components/schemas/ProjectInput' }) }, responses: { 201: { description: 'Created', ...project }, 400: errorResponse('Invalid field (named in details)'), ...signedInErrors } },
    },
    '/api/projects/{projectId}': {
      get: { summary: 'One project', security, parameters: [pathParam('projectId')], responses: { 200: { description: 'The project', ...project }, 404: errorResponse('No such project (or not yours)'), ...signedInErrors } },
      patch: { summary: 'Change a project (admin); groups, units and leads replace the old ones when given', security, parameters: [pathParam('projectId')], requestBody: { required: true, ...json({ $ref: '#/components/schemas/ProjectPatch' }) }, responses: { 200: { description: 'Updated', ...project }, 400: errorResponse('Invalid field'), 404: errorResponse('No such project'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/respondents': {
      get: { summary: 'The caseworkers of a project (admin)', security, parameters: [pathParam('projectId'), ...queryParams(respondentFilterSchema)], responses: { 200: { description: 'Caseworkers', ...json({ type: 'object', properties: { respondents: { type: 'array', items: { $ref: '#/components/schemas/Respondent' } } } }) }, 404: errorResponse('No such project'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/respondents/import': {
      post: {
        summary: 'Import caseworkers from CSV (admin). dryRun=true (default) previews; dryRun=false saves all rows or none',
        description: 'Body: the CSV file as bytes (UTF-8, UTF-8 with BOM or Windows-1252; comma or semicolon). Columns name, email, municipality, team, role, group, external_id, language (Danish headers accepted).',
        security,
        parameters: [pathParam('projectId'), ...queryParams(importQuerySchema)],
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: { 200: { description: 'Preview', ...json({ $ref: '#/components/schemas/ImportResult' }) }, 201: { description: 'Imported', ...json({ $ref: '#/components/schemas/ImportResult' }) }, 400: errorResponse('Errors in the file; details hold the preview with each row error'), 404: errorResponse('No such project'), ...signedInErrors },
      },
    },
    '/api/projects/{projectId}/respondents/{respondentId}': {
      patch: { summary: 'Change, deactivate (active=false) or reactivate a caseworker (admin)', security, parameters: [pathParam('projectId'), pathParam('respondentId')], requestBody: { required: true, ...json({ $ref: '#/components/schemas/RespondentPatch' }) }, responses: { 200: { description: 'Updated', ...respondent }, 400: errorResponse('Invalid field'), 404: errorResponse('No such caseworker'), 409: errorResponse('Email or external id taken, or the person was erased'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/respondents/{respondentId}/erase': {
      post: { summary: 'Erase a caseworker\'s name, email and external id (admin); answers stay', security, parameters: [pathParam('projectId'), pathParam('respondentId')], responses: { 200: { description: 'Erased', ...respondent }, 404: errorResponse('No such caseworker'), ...signedInErrors } },
    },
  },
  schemas: {
    ProjectInput: component(projectInputSchema),
    ProjectPatch: component(projectPatchSchema),
    Project: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, name: { type: 'string' }, defaultLanguage: { enum: ['da', 'en'] }, anonymityK: { type: 'integer' },
        groups: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, kind: { enum: ['intervention', 'control'] } } } },
        units: { type: 'array', items: { type: 'object', properties: { municipality: { type: 'string' }, team: { type: 'string' } } } },
        leadEmails: { type: 'array', items: { type: 'string' } },
        reportableAttributes: { type: 'array', items: { enum: ['municipality', 'team', 'group', 'role'] } },
        selfCodeElements: { type: 'array', items: { enum: [...SELF_CODE_ELEMENTS] }, description: 'Elements of the self-generated code on the project\'s open links' },
        caseworkers: { type: 'object', properties: { active: { type: 'integer' }, total: { type: 'integer' } } },
        rounds: { type: 'integer' },
      },
    },
    Respondent: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, externalId: { type: ['string', 'null'] }, name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] }, municipality: { type: ['string', 'null'] },
        team: { type: ['string', 'null'] }, role: { type: ['string', 'null'] }, group: { type: ['string', 'null'] }, language: { enum: ['da', 'en', null] }, active: { type: 'boolean' }, erasedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    RespondentPatch: component(respondentPatchSchema),
    ImportResult: {
      type: 'object',
      properties: {
        ok: { type: 'boolean' }, applied: { type: 'boolean' }, encoding: { enum: ['utf-8', 'utf-8-bom', 'windows-1252'] }, contentHash: { type: 'string' },
        fileErrors: { type: 'array', items: { type: 'string' } },
        counts: { type: 'object', properties: { new: { type: 'integer' }, update: { type: 'integer' }, unchanged: { type: 'integer' }, error: { type: 'integer' }, notInFile: { type: 'integer' } } },
        valueChanges: { type: 'array', description: 'Attribute values stored differently from the file: spacing, Unicode NFC, or the spelling the project (or an earlier line) already has for a value differing only in case', items: { type: 'object', properties: { field: { enum: ['municipality', 'team', 'role', 'group'] }, from: { type: 'string' }, to: { type: 'string' }, lines: { type: 'array', items: { type: 'integer' } }, message: { type: 'string' } } } },
        rows: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, status: { enum: ['new', 'update', 'unchanged', 'error'] }, errors: { type: 'array', items: { type: 'string' } }, changes: { type: 'array', items: { type: 'string' } }, values: { type: 'object' } } } },
      },
    },
  },
};
