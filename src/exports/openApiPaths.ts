import { errorResponse, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';

const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' } } } });
const binary = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });
const round = { name: 'round', in: 'query', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } };
const errors = { 400: errorResponse('Malformed query'), 404: errorResponse('No such project (or not yours) or round'), ...signedInErrors };
/** Record-level exports refuse a lead while a combination of the attributes they may see holds fewer than k people. */
const recordErrors = { ...errors, 409: errorResponse('Refused for a project lead: some combination of the attributes they may see has fewer than k people (code export_below_k); an admin can make fewer attributes reportable') };

/** OpenAPI paths of the exports (admins and the project's leads; respondents under pseudonyms). */
export const exportsOpenApi = {
  paths: {
    '/api/projects/{projectId}/exports/long.csv': { get: { summary: 'One row per answer of a round, streamed (UTF-8 with BOM); free text for admins only', security, parameters: [pathParam('projectId'), round], responses: { 200: csv('Long CSV'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/wide.csv': { get: { summary: 'One row per response of a round, one column per item (or item__category)', security, parameters: [pathParam('projectId'), round], responses: { 200: csv('Wide CSV'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/paired.csv': {
      get: {
        summary: 'One row per person who answered both rounds, columns <item>_start and <item>_end',
        security,
        parameters: [pathParam('projectId'), { ...round, name: 'baseline' }, { ...round, name: 'followup' }],
        responses: { 200: csv('Paired wide CSV'), ...recordErrors },
      },
    },
    // The wide and paired rows as statistics files (src/exports/statFormats.ts): the CSV's rows and
    // suppression, with question texts as variable labels and the scales as value labels.
    '/api/projects/{projectId}/exports/wide.sav': { get: { summary: 'The wide export as an SPSS system file: variable and value labels, "ved ikke" as user-missing, measurement levels', security, parameters: [pathParam('projectId'), round], responses: { 200: binary('SPSS .sav (uncompressed, UTF-8)', 'application/x-spss-sav'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/wide.dta': { get: { summary: 'The wide export as a Stata 14+ file (format 118): variable and value labels, "ved ikke" as .a', security, parameters: [pathParam('projectId'), round], responses: { 200: binary('Stata .dta (format 118, UTF-8)', 'application/x-stata-dta'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/paired.sav': { get: { summary: 'The paired export as an SPSS system file (see wide.sav)', security, parameters: [pathParam('projectId'), { ...round, name: 'baseline' }, { ...round, name: 'followup' }], responses: { 200: binary('SPSS .sav (uncompressed, UTF-8)', 'application/x-spss-sav'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/paired.dta': { get: { summary: 'The paired export as a Stata 14+ file (see wide.dta)', security, parameters: [pathParam('projectId'), { ...round, name: 'baseline' }, { ...round, name: 'followup' }], responses: { 200: binary('Stata .dta (format 118, UTF-8)', 'application/x-stata-dta'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/codebook.csv': { get: { summary: 'Column, item, Danish and English text, codes and labels, rounds', security, parameters: [pathParam('projectId')], responses: { 200: csv('Codebook'), ...errors } } },
    '/api/projects/{projectId}/exports/pejling.R': { get: { summary: 'An R script that reads a wide or paired CSV export with the codebook: ordered factors for ordered scales, "ved ikke" as NA with a <column>_ved_ikke indicator, question texts as label attributes', security, parameters: [pathParam('projectId')], responses: { 200: { description: 'R script', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors } } },
  },
};
