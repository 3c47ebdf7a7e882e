import { component, errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { roundComparabilityQuerySchema } from '../rounds/roundComparabilityRoutes.js';
import { questionnaireSchemaPath } from './questionnaireApiRoutes.js';
import { comparisonQuerySchema, previewBodySchema } from './questionnaireSchemas.js';

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' } };
const revisionParam = { name: 'revision', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } };
const questionnaireBody = { required: true, description: `A questionnaire in the format served at ${questionnaireSchemaPath}`, ...json({ type: 'object' }) };
const saved = json({ $ref: '#/components/schemas/QuestionnaireSaved' });
const problems = errorResponse('The questionnaire has problems: details is a list of { path, message, messageDa }, the same checks as at start-up');
const saveResponses = {
  200: { description: 'The current revision was updated (nothing uses it yet), or nothing changed', ...saved },
  201: { description: 'Created, or stored as a new revision (the current one is answered or pinned by a round)', ...saved },
  400: problems,
  409: errorResponse('A built-in questionnaire (a file in surveys/), or saved by someone else at the same time'),
  ...signedInErrors,
};
const queryParams = (schema: { properties: Record<string, object>; required?: readonly string[] }) =>
  Object.entries(schema.properties).map(([name, s]) => ({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s }));

/** OpenAPI paths for authoring questionnaires (admins); `writes` are the methods added beside the public GETs of the same paths. */
export const questionnaireAuthoringOpenApi = {
  writes: {
    '/api/questionnaires': {
      post: { summary: 'Create a questionnaire, or a new revision of one (admin); its id is taken from the body', security, requestBody: questionnaireBody, responses: saveResponses },
    },
    '/api/questionnaires/{id}': {
      put: { summary: 'Save a revision of this questionnaire (admin): a new revision when the current one is answered or pinned by a round, else an update of it', security, parameters: [idParam], requestBody: questionnaireBody, responses: saveResponses },
    },
  },
  paths: {
    [questionnaireSchemaPath]: {
      get: { summary: 'The questionnaire file format (JSON Schema 2020-12); point a file\'s "$schema" here so editors check it as it is written', responses: { 200: { description: 'The JSON Schema', content: { 'application/schema+json': { schema: { type: 'object' } } } } } },
    },
    '/api/questionnaires/{id}/check': {
      post: { summary: 'Check a questionnaire as a revision of this one without saving it (admin): the problems only', security, parameters: [idParam], requestBody: questionnaireBody, responses: { 200: { description: 'Problems (empty when it can be saved)', ...json({ type: 'object', properties: { problems: { type: 'array', items: { $ref: '#/components/schemas/QuestionnaireProblem' } } } }) }, ...signedInErrors } },
    },
    '/api/questionnaires/{id}/revisions': {
      get: { summary: 'The revisions of a questionnaire with the rounds and responses that use each (admin)', security, parameters: [idParam], responses: { 200: { description: 'Revisions, oldest first', ...json({ type: 'object', properties: { revisions: { type: 'array', items: { $ref: '#/components/schemas/QuestionnaireRevision' } } } }) }, 404: errorResponse('No such questionnaire'), ...signedInErrors } },
    },
    '/api/questionnaires/{id}/revisions/{revision}/preview': {
      post: { summary: 'A test submission (admin): validated like POST /api/responses/{token} and answered with the rows it would store; nothing is stored', security, parameters: [idParam, revisionParam], requestBody: { required: true, ...json(component(previewBodySchema)) }, responses: { 200: { description: 'Valid or not, with the issues or the rows', ...json({ $ref: '#/components/schemas/PreviewResult' }) }, 404: errorResponse('No such questionnaire or revision'), ...signedInErrors } },
    },
    '/api/questionnaires/{id}/compare': {
      get: { summary: 'Comparability of this questionnaire (before) with another (after) (admin): items compared, in one only, reworded, time-use categories rescaled', security, parameters: [idParam, ...queryParams(comparisonQuerySchema)], responses: { 200: { description: 'The report', ...json({ $ref: '#/components/schemas/ComparabilityReport' }) }, 404: errorResponse('No such questionnaire or revision'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}/comparability': {
      get: {
        summary: 'Comparability of two rounds of a project: their pinned questionnaire revisions (this round before, `with` after)', security,
        parameters: [pathParam('projectId'), pathParam('roundId'), ...queryParams(roundComparabilityQuerySchema)],
        responses: { 200: { description: 'The rounds and the report', ...json({ type: 'object', properties: { first: { type: 'object' }, second: { type: 'object' }, report: { $ref: '#/components/schemas/ComparabilityReport' } } }) }, 404: errorResponse('No such project or round (or not yours)'), ...signedInErrors },
      },
    },
  },
  schemas: {
    QuestionnaireSaved: { type: 'object', properties: { outcome: { enum: ['created', 'revised', 'updated', 'unchanged'] }, id: { type: 'string' }, revision: { type: 'integer' } } },
    QuestionnaireProblem: { type: 'object', properties: { path: { type: 'string', description: 'JSON path, e.g. $.sections[0].items[1].scale' }, message: { type: 'string' }, messageDa: { type: 'string' } } },
    QuestionnaireRevision: {
      type: 'object',
      properties: { versionId: { type: 'integer' }, revision: { type: 'integer' }, version: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, responses: { type: 'integer' }, rounds: { type: 'integer' }, locked: { type: 'boolean', description: 'Answered or pinned by a round: never changed again' } },
    },
    PreviewResult: {
      type: 'object',
      properties: {
        valid: { type: 'boolean' },
        issues: { type: 'array', items: { type: 'object', properties: { item: { type: 'string' }, sub: { type: 'string' }, message: { type: 'string' } } } },
        rows: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'string' }, subId: { type: 'string' }, valueCode: { type: ['integer', 'null'] }, valueNumber: { type: ['number', 'null'] }, valueText: { type: ['string', 'null'] } } } },
      },
    },
    ComparabilityReport: {
      type: 'object',
      properties: {
        compared: { type: 'array', items: { $ref: '#/components/schemas/ItemRef' } },
        notCompared: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/ItemRef' }, { type: 'object', properties: { reason: { enum: ['different_kind', 'different_codes', 'not_analysed'] } } }] } },
        onlyInFirst: { type: 'array', items: { $ref: '#/components/schemas/ItemRef' } },
        onlyInSecond: { type: 'array', items: { $ref: '#/components/schemas/ItemRef' } },
        changedWording: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/ItemRef' }, { type: 'object', properties: { changes: { type: 'array', items: { enum: ['text', 'stem', 'scaleLabels', 'categoryLabels'] } } } }] } },
        rescaledTimeUse: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'object' }, onlyInFirst: { type: 'array', items: { type: 'object' } }, onlyInSecond: { type: 'array', items: { type: 'object' } } } } },
      },
    },
    ItemRef: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' }, text: { type: 'object', properties: { da: { type: 'string' }, en: { type: 'string' } } } } },
  },
};
