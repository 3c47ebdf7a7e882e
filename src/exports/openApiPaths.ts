import { errorResponse, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { dashboardQuerySchema } from '../dashboards/routes.js';
import { CSV_DIALECT_NAMES } from './csvDialect.js';

const csv = (description: string) => ({ description: `${description}. UTF-8 with BOM; file name pejling-<project>-<rounds>-<what>-<date>.csv in Content-Disposition (filename and filename*)`, content: { 'text/csv': { schema: { type: 'string' } } } });
const xlsx = (description: string) => ({ description: `${description}. File name pejling-<project>-<rounds>-<what>-<date>.xlsx in Content-Disposition (filename and filename*)`, content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } });
const binary = (description: string, type: string) => ({ description: `${description}. File name pejling-<project>-<rounds>-<what>-<date>.<extension> in Content-Disposition (filename and filename*)`, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });
const round = { name: 'round', in: 'query', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } };
const pair = [{ ...round, name: 'baseline' }, { ...round, name: 'followup' }];
const dialect = {
  name: 'dialect', in: 'query', required: false, schema: { enum: [...CSV_DIALECT_NAMES], default: 'rfc4180' },
  description: 'rfc4180 (default): `,` between cells, `.` in numbers. excel-da: `;` between cells and `,` in numbers, as Danish Excel opens a file. Formulas are neutralised in both. Anything else: 400 unknown_dialect',
};
const errors = { 400: errorResponse('Malformed query, or an unknown dialect (code unknown_dialect)'), 404: errorResponse('No such project (or not yours) or round'), ...signedInErrors };
/** Record-level exports refuse a lead while a combination of the attributes they may see holds fewer than k people. */
const recordErrors = { ...errors, 409: errorResponse('Refused for a project lead: some combination of the attributes they may see has fewer than k people (code export_below_k); an admin can make fewer attributes reportable') };
const forLeads = 'Admins and the project\'s leads; people under pseudonyms; free text for admins only; submitted_at as the full timestamp for admins, the date (Danish time) for leads. Every download is written to the audit log.';

/** OpenAPI paths of the exports (admins and the project's leads; respondents under pseudonyms). */
export const exportsOpenApi = {
  paths: {
    '/api/projects/{projectId}/exports/long.csv': { get: { summary: 'One row per answer of a round, streamed', description: forLeads, security, parameters: [pathParam('projectId'), round, dialect], responses: { 200: csv('Long CSV'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/wide.csv': { get: { summary: 'One row per response of a round, one column per item (or item__category)', description: forLeads, security, parameters: [pathParam('projectId'), round, dialect], responses: { 200: csv('Wide CSV'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/paired.csv': { get: { summary: 'One row per person who answered both rounds, columns <item>_start and <item>_end', description: forLeads, security, parameters: [pathParam('projectId'), ...pair, dialect], responses: { 200: csv('Paired wide CSV'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/wide.xlsx': { get: { summary: 'The wide export as an Excel workbook: sheet "Data" (numbers as numbers) and sheet "Kodebog" (the codebook of its columns), streamed', description: forLeads, security, parameters: [pathParam('projectId'), round], responses: { 200: xlsx('Workbook'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/paired.xlsx': { get: { summary: 'The paired export as an Excel workbook: sheets "Data" and "Kodebog", streamed', description: forLeads, security, parameters: [pathParam('projectId'), ...pair], responses: { 200: xlsx('Workbook'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/figures.xlsx': {
      get: {
        summary: 'The dashboard\'s tables as an Excel workbook, one sheet per section (Danish headers, or English with lang=en), numbers as numbers and shares with a percent format',
        description: 'The same query, figures and anonymity rules as the dashboard and GET /api/projects/{projectId}/comparison: suppressed figures are empty cells with a note; a filter on an attribute the reader may not see is refused.',
        security,
        parameters: [pathParam('projectId'), ...Object.entries(dashboardQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))],
        responses: { 200: xlsx('Workbook'), ...errors, 409: errorResponse('Fewer than two rounds (too_few_rounds), or the differencing guard refuses the segment') },
      },
    },
    // The wide and paired rows as statistics files (src/exports/statRoutes.ts): the CSV's rows and
    // suppression, with question texts as variable labels and the scales as value labels.
    '/api/projects/{projectId}/exports/wide.sav': { get: { summary: 'The wide export as an SPSS system file: variable and value labels, "ved ikke" as user-missing, measurement levels', description: forLeads, security, parameters: [pathParam('projectId'), round], responses: { 200: binary('SPSS .sav (uncompressed, UTF-8)', 'application/x-spss-sav'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/wide.dta': { get: { summary: 'The wide export as a Stata 14+ file (format 118): variable and value labels, "ved ikke" as .a', description: forLeads, security, parameters: [pathParam('projectId'), round], responses: { 200: binary('Stata .dta (format 118, UTF-8)', 'application/x-stata-dta'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/paired.sav': { get: { summary: 'The paired export as an SPSS system file (see wide.sav)', description: forLeads, security, parameters: [pathParam('projectId'), ...pair], responses: { 200: binary('SPSS .sav (uncompressed, UTF-8)', 'application/x-spss-sav'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/paired.dta': { get: { summary: 'The paired export as a Stata 14+ file (see wide.dta)', description: forLeads, security, parameters: [pathParam('projectId'), ...pair], responses: { 200: binary('Stata .dta (format 118, UTF-8)', 'application/x-stata-dta'), ...recordErrors } } },
    '/api/projects/{projectId}/exports/codebook.csv': { get: { summary: 'Column, item, Danish and English text, codes and labels, rounds, whether the scale is ordered', security, parameters: [pathParam('projectId'), dialect], responses: { 200: csv('Codebook'), ...errors } } },
    '/api/projects/{projectId}/exports/pejling.R': { get: { summary: 'An R script that reads a wide or paired CSV export (either dialect) with the codebook: ordered factors for ordered scales, "ved ikke" as NA with a <column>_ved_ikke indicator, question texts as label attributes', security, parameters: [pathParam('projectId')], responses: { 200: { description: 'R script', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors } } },
  },
};
