import { errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { comparisonQuerySchema } from './routes.js';

const test = { type: 'object', properties: { test: { type: 'string' }, n: { type: 'integer' }, statistic: { type: 'number' }, pValue: { type: ['number', 'null'] }, pHolm: { type: ['number', 'null'] }, effectSize: { type: 'number' }, reason: { type: 'string' } } };
const suppressed = { type: 'object', properties: { suppressed: { const: true }, n: { type: 'null' }, reason: { type: 'string' } } };
const interval = { type: ['object', 'null'], properties: { share: { type: 'number' }, lower: { type: 'number' }, upper: { type: 'number' } } };
const top2 = {
  type: 'object',
  properties: {
    baseline: interval, followUp: interval,
    changePp: { type: 'object', description: 'follow-up − baseline in percentage points with the Newcombe interval, or value null with a reason', properties: { estimate: { type: 'number' }, lower: { type: 'number' }, upper: { type: 'number' }, value: { type: 'null' }, reason: { type: 'string' } } },
    test: { type: 'object', description: 'McNemar (exact) for pairs, chi-square (Yates) otherwise' },
    discordant: {
      description: 'Pairs only: McNemar\'s discordant pairs, b (top-2 at baseline, not at follow-up) and c (the reverse); withheld (suppressed with a reason) when either is under k',
      oneOf: [{ type: 'object', properties: { b: { type: 'integer' }, c: { type: 'integer' } }, required: ['b', 'c'] }, suppressed],
    },
  },
};
const didEstimate = { type: 'object', description: 'estimate, standardError, lower, upper, pValue and method; or value null with a reason', properties: { estimate: { type: 'number' }, standardError: { type: 'number' }, lower: { type: 'number' }, upper: { type: 'number' }, pValue: { type: 'number' }, method: { type: 'string' }, value: { type: 'null' }, reason: { type: 'string' } } };
const cell = { type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' } } };
/** A paired item's baseline × follow-up table: shown cells, hidden cells by position (any other cell is 0), or withheld. */
const transitionTable = {
  transitions: { type: 'array', description: 'Shown cells with at least one pair', items: { type: 'object', properties: { ...cell.properties, count: { type: 'integer' } } } },
  hiddenTransitions: { type: 'array', description: 'Cells whose count is suppressed (under k, or hidden so that those cannot be worked out from the margins and tests); a cell neither shown nor hidden holds 0 pairs', items: cell },
  suppressedTransitions: { type: 'integer' },
  transitionsWithheld: { type: 'object', description: 'The whole table is withheld: no suppression keeps its cells under k from being worked out', properties: { reason: { type: 'string' } } },
};
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
                n: { type: 'object', properties: { baseline: { type: 'integer' }, followUp: { type: 'integer' }, paired: { type: 'integer' }, codeMatchRate: { type: ['number', 'null'] }, ambiguousCodes: { type: 'object', description: 'Self-generated codes given by more than one response in a round: kept in "everyone", never paired', properties: { baseline: { type: 'integer' }, followUp: { type: 'integer' } } } } },
                scaleItems: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'string' }, baseline: distribution, followUp: distribution, pairedN: { type: ['integer', 'null'] }, top2, ordinal: test, marginalHomogeneity: test, ...transitionTable } } },
                numbers: { type: 'array', items: { type: 'object' } },
                indicators: { type: 'array', items: { type: 'object' } },
                timeUse: { type: 'array', items: { type: 'object' } },
                onlyInOneRound: { type: 'object' },
                differenceInDifferences: {
                  type: ['object', 'null'],
                  description: 'Intervention vs control: four independent cells (SE √Σ p(1−p)/n) or, for pairs, Welch\'s t-test on change scores (SE √(s²_T/n_T + s²_C/n_C))',
                  properties: {
                    items: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'string' }, top2: didEstimate } } },
                    indicators: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, change: didEstimate } } },
                  },
                },
              },
            }),
          },
          400: errorResponse('Malformed query, the same round twice, nobody in the segment, a filter value that is not exactly one of the project\'s stored values (code unknown_segment_value, naming it), or a view (segment, pairs or all respondents) that another view the caller may ask for, with any filter and any rounds of the project, exceeds by 1 to k − 1 people in a round (code segment_differencing: the two could be subtracted)'),
          404: errorResponse('No such project (or not yours), or no such round in it: a round of another project is answered exactly like a missing one'),
          ...signedInErrors,
        },
      },
    },
  },
};
