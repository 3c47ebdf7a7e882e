import { authOpenApi } from '../auth/openApiPaths.js';
import { projectsOpenApi } from '../projects/openApiPaths.js';
import { projectTextsOpenApi } from '../projectTexts/openApiPaths.js';
import { roundsOpenApi } from '../rounds/openApiPaths.js';
import { comparisonOpenApi } from '../comparison/openApiPaths.js';
import { trendOpenApi } from '../comparison/trendOpenApi.js';
import { exportsOpenApi } from '../exports/openApiPaths.js';
import { questionnaireAuthoringOpenApi } from '../questionnaires/openApiPaths.js';
import { questionnaireParamsSchema, questionnaireQuerySchema } from '../questionnaires/routes.js';
import { draftBodySchema, submissionBodySchema } from '../responses/requestSchemas.js';

/** Drop `$id`: inside an OpenAPI document the schemas are referenced by their component name. */
function component<T extends { $id: string }>(schema: T): Omit<T, '$id'> {
  const { $id: _id, ...rest } = schema;
  return rest;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const tokenParameter = { name: 'token', in: 'path', required: true, description: 'The personal token from the invitation link /s/<token>.', schema: { type: 'string' } };

/**
 * The OpenAPI 3.1 description of the JSON API. Request schemas are the same objects the routes
 * validate with, so the document cannot drift from what the server accepts.
 */
export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pejling API',
      version: '0.1.0',
      description: 'Before/after surveys of caseworkers. Errors are `{ error: { code, message, details } }`.',
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Service and database health',
          responses: {
            200: { description: 'The service and its database are up.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
            503: { description: 'The database does not answer.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
          },
        },
      },
      '/api/questionnaires': {
        get: {
          summary: 'List questionnaires (newest revision of each)',
          responses: { 200: { description: 'The questionnaires', content: { 'application/json': { schema: { $ref: '#/components/schemas/QuestionnaireList' } } } } },
        },
        ...questionnaireAuthoringOpenApi.writes['/api/questionnaires'],
      },
      '/api/questionnaires/{id}': {
        get: {
          summary: 'One questionnaire definition',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: questionnaireParamsSchema.properties.id },
            { name: 'revision', in: 'query', required: false, description: 'A stored revision; the newest when left out.', schema: questionnaireQuerySchema.properties.revision },
          ],
          responses: {
            200: { description: 'The questionnaire (format: /src/questionnaires/questionnaire.schema.json)', content: { 'application/json': { schema: { type: 'object', properties: { revision: { type: 'integer' }, questionnaire: { type: 'object' } } } } } },
            400: errorResponse('Malformed id or revision'),
            404: errorResponse('No such questionnaire or revision'),
          },
        },
        ...questionnaireAuthoringOpenApi.writes['/api/questionnaires/{id}'],
      },
      '/api/responses/{token}': {
        post: {
          summary: 'Submit the answers of one invitation (once)',
          parameters: [tokenParameter],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Submission' } } } },
          responses: {
            201: { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/SubmissionResult' } } } },
            400: { description: 'Malformed request, or answers that break the questionnaire\'s rules: details is a list of { item, sub?, message }.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
            403: errorResponse('The round is not open yet'),
            404: errorResponse('Unknown token'),
            409: errorResponse('Already submitted'),
            410: errorResponse('The round is closed'),
            413: errorResponse('Body over 100 kB'),
          },
        },
      },
      '/api/drafts/{token}': {
        put: {
          summary: 'Save the form as a draft (not validated)',
          parameters: [tokenParameter],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Draft' } } } },
          responses: {
            200: { description: 'Saved', content: { 'application/json': { schema: { type: 'object', properties: { savedAt: { type: 'string', format: 'date-time' }, fields: { type: 'integer' } } } } } },
            400: errorResponse('Malformed request'),
            403: errorResponse('The round is not open yet'),
            404: errorResponse('Unknown token'),
            409: errorResponse('Already submitted'),
            410: errorResponse('The round is closed'),
          },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 document' } } },
      },
      ...authOpenApi.paths,
      ...projectsOpenApi.paths,
      ...projectTextsOpenApi.paths,
      ...roundsOpenApi.paths,
      ...comparisonOpenApi.paths,
      ...trendOpenApi.paths,
      ...exportsOpenApi.paths,
      ...questionnaireAuthoringOpenApi.paths,
    },
    components: {
      securitySchemes: authOpenApi.securitySchemes,
      schemas: {
        ...authOpenApi.schemas,
        ...projectsOpenApi.schemas,
        ...projectTextsOpenApi.schemas,
        ...roundsOpenApi.schemas,
        ...questionnaireAuthoringOpenApi.schemas,
        Submission: component(submissionBodySchema),
        Draft: component(draftBodySchema),
        SubmissionResult: {
          type: 'object',
          properties: { responseId: { type: 'integer' }, submittedAt: { type: 'string', format: 'date-time' }, answerCount: { type: 'integer' } },
        },
        QuestionnaireList: {
          type: 'object',
          properties: {
            questionnaires: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' }, version: { type: 'string' }, revision: { type: 'integer' },
                  title: { type: 'object', properties: { da: { type: 'string' }, en: { type: 'string' } } }, itemCount: { type: 'integer' },
                },
              },
            },
          },
        },
        Health: {
          type: 'object',
          properties: {
            status: { enum: ['ok', 'unavailable'] },
            database: {
              type: 'object',
              properties: {
                kind: { enum: ['sqlite', 'mysql'] },
                status: { enum: ['up', 'down'] },
                node: {
                  type: 'object',
                  description: 'MySQL/MariaDB: the server that answered (behind a load balancer, the one reached now), with its Galera node and state on a cluster.',
                  properties: {
                    host: { type: 'string' },
                    port: { type: 'integer' },
                    galera: { type: 'object', properties: { node: { type: 'string' }, state: { type: 'string' }, clusterSize: { type: 'integer' } } },
                  },
                },
              },
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
  };
}
