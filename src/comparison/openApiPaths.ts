import { errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { comparisonQuerySchema } from './routes.js';

const test = { type: 'object', properties: { test: { type: 'string' }, n: { type: 'integer' }, statistic: { type: 'number' }, pValue: { type: ['number', 'null'] }, pHolm: { type: ['number', 'null'] }, effectSize: { type: 'number' }, reason: { type: 'string' } } };
const suppressed = { type: 'object', properties: { suppressed: { const: true }, n: { type: 'null' }, reason: { type: 'string' } } };
const distribution = { oneOf: [{ type: 'object', properties: { n: { type: 'integer' }, median: { type: ['integer', 'null'] }, categories: { type: 'array', items: { type: 'object', properties: { code: { type: 'integer' }, count: { type: 'integer' }, share: { type: 'number' } } } } } }, suppressed] };

/** OpenAPI path of the before/after comparison. */
export const comparisonOpenApi = {
  paths: {
    '/api/projects/{projectId}/comparison': {
      get: {
        summary: 'Compare two rounds of a project (admins and the project\'s leads)',
        description: 'Every N used, distributions with "ved ikke" as its own category, top-2 shares and their change in percentage points with Newcombe intervals, ordinal tests (Wilcoxon / Mann-Whitney with rank-biserial), McNemar / chi-square on top-2, Stuart-Maxwell and transition tables for pairs, Holm-adjusted p-values, belief indicators, numbers, time use (categories asked in one round only dropped and the rest rescaled) and, with intervention and control groups, the difference in differences (null for a lead when the project keeps groups private or one of its cells could be differenced). Figures for fewer respondents than the project\'s anonymity threshold are absent (suppressed); a statistic that cannot be computed is null with a reason.',
        security,
        parameters: [pathParam('projectId'), ...Object.entries(comparisonQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: name === 'baseline' || name === 'followup', schema }))],
        responses: {
          200: {
            description: 'The comparison',
            ...json({
              type: 'object',
              properties: {
                n: { type: 'object', properties: { baseline: { type: 'integer' }, followUp: { type: 'integer' }, paired: { type: 'integer' }, codeMatchRate: { type: ['number', 'null'] } } },
                scaleItems: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'string' }, baseline: distribution, followUp: distribution, pairedN: { type: ['integer', 'null'] }, top2: { type: 'object' }, ordinal: test, marginalHomogeneity: test, transitions: { type: 'array', items: { type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' }, count: { type: 'integer' } } } } } } },
                numbers: { type: 'array', items: { type: 'object' } },
                indicators: { type: 'array', items: { type: 'object' } },
                timeUse: { type: 'array', items: { type: 'object' } },
                onlyInOneRound: { type: 'object' },
                differenceInDifferences: { type: ['object', 'null'] },
              },
            }),
          },
          400: errorResponse('Malformed query, the same round twice, rounds of another project, nobody in the segment, or a view (segment, pairs or all respondents) that another view the caller may ask for, with any filter and any rounds of the project, exceeds by 1 to k − 1 people in a round (code segment_differencing: the two could be subtracted)'),
          404: errorResponse('No such project (or not yours) or round'),
          ...signedInErrors,
        },
      },
    },
  },
};
