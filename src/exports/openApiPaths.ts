import { errorResponse, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';

const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' } } } });
const round = { name: 'round', in: 'query', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } };
const errors = { 400: errorResponse('Malformed query'), 404: errorResponse('No such project (or not yours) or round'), ...signedInErrors };

/** OpenAPI paths of the exports (admins and the project's leads; respondents under pseudonyms). */
export const exportsOpenApi = {
  paths: {
    '/api/projects/{projectId}/exports/long.csv': { get: { summary: 'One row per answer of a round, streamed (UTF-8 with BOM); free text for admins only', security, parameters: [pathParam('projectId'), round], responses: { 200: csv('Long CSV'), ...errors } } },
    '/api/projects/{projectId}/exports/wide.csv': { get: { summary: 'One row per response of a round, one column per item (or item__category)', security, parameters: [pathParam('projectId'), round], responses: { 200: csv('Wide CSV'), ...errors } } },
    '/api/projects/{projectId}/exports/paired.csv': {
      get: {
        summary: 'One row per person who answered both rounds, columns <item>_start and <item>_end',
        security,
        parameters: [pathParam('projectId'), { ...round, name: 'baseline' }, { ...round, name: 'followup' }],
        responses: { 200: csv('Paired wide CSV'), ...errors },
      },
    },
    '/api/projects/{projectId}/exports/codebook.csv': { get: { summary: 'Column, item, Danish and English text, codes and labels, rounds', security, parameters: [pathParam('projectId')], responses: { 200: csv('Codebook'), ...errors } } },
    '/api/projects/{projectId}/exports/pejling.R': { get: { summary: 'An R script that reads a wide or paired export with the codebook and applies the labels', security, parameters: [pathParam('projectId')], responses: { 200: { description: 'R script', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors } } },
  },
};
