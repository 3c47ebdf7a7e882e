import { errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { trendQuerySchema } from './trendRoutes.js';

const point = {
  type: 'object',
  description: 'One round: estimate (share 0–1 or mean) with its 95 % interval (Wilson for shares, t for means) and the n it rests on; or estimate null with a reason (suppressed: true and n null when fewer than k answered)',
  properties: { n: { type: ['integer', 'null'] }, estimate: { type: ['number', 'null'] }, lower: { type: 'number' }, upper: { type: 'number' }, reason: { type: 'string' }, suppressed: { const: true } },
};
const lines = {
  type: 'array',
  description: 'A line for everyone and, where the project has intervention and control groups and the caller may see them (and their cells cannot be differenced), one per kind',
  items: { type: 'object', properties: { group: { enum: ['all', 'intervention', 'control'] }, points: { type: 'array', items: point } } },
};
const acrossRounds = {
  type: 'object',
  description: 'On the people who answered every chosen round; pairs are every two rounds (positions in `rounds`) with their p-value Holm-adjusted over the pairs',
  properties: {
    test: { enum: ["Cochran's Q", 'Friedman'] }, n: { type: 'integer' }, statistic: { type: ['number', 'null'] }, df: { type: ['integer', 'null'] },
    pValue: { type: ['number', 'null'] }, pHolm: { type: ['number', 'null'], description: 'Holm-adjusted over the statements' }, reason: { type: 'string' },
    pairs: { type: 'array', items: { type: 'object', properties: { from: { type: 'integer' }, to: { type: 'integer' }, test: { enum: ['McNemar exact', 'Wilcoxon signed-rank'] }, pValue: { type: ['number', 'null'] }, pHolm: { type: ['number', 'null'] }, reason: { type: 'string' } } } },
  },
};

/** OpenAPI path of the trend over two or more rounds. */
export const trendOpenApi = {
  paths: {
    '/api/projects/{projectId}/trend': {
      get: {
        summary: 'The development over two or more rounds of a project (admins and the project\'s leads)',
        description: 'Per likert statement the top-2 share per round (Wilson interval), per number and belief indicator the mean per round (t interval), as lines for everyone and for intervention and control. With paired=true (the default) only people who answered every chosen round, and Cochran\'s Q on the top-2 share and Friedman on the ordinal answers ("ved ikke" left out) across the rounds, with McNemar (exact) and Wilcoxon signed-rank for every pair of rounds, Holm-adjusted. The comparison\'s anonymity rules apply: no figure from fewer than k answers, filter values exactly as stored, and a view that another view the caller may ask for exceeds by 1 to k − 1 people in a round is refused.',
        security,
        parameters: [pathParam('projectId'), ...Object.entries(trendQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: name === 'rounds', schema }))],
        responses: {
          200: {
            description: 'The trend',
            ...json({
              type: 'object',
              properties: {
                rounds: { type: 'array', items: { type: 'object', properties: { roundId: { type: 'integer' }, label: { type: 'string' }, questionnaireId: { type: 'string' } } } },
                paired: { type: 'boolean' },
                n: { type: 'object', properties: { counted: { type: 'array', items: { type: 'integer' }, description: 'Counted responses per round in the segment' }, everyRound: { type: 'integer', description: 'People who answered every chosen round' } } },
                statements: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'string' }, text: { type: 'object' }, stem: { type: 'object' }, topBox: { type: 'array', items: { type: 'integer' } }, lines, tests: { type: ['object', 'null'], properties: { top2: acrossRounds, ordinal: { ...acrossRounds, type: ['object', 'null'] } } } } } },
                measures: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, kind: { enum: ['number', 'indicator'] }, text: { type: 'object' }, lines } } },
              },
            }),
          },
          400: errorResponse('Malformed query, fewer than two rounds or a round twice, nobody in the segment, a filter value that is not exactly one of the project\'s stored values (code unknown_segment_value), a view that could be differenced below k (code segment_differencing), or three or more rounds in a project of more than 8 rounds (code trend_too_many_rounds)'),
          404: errorResponse('No such project (or not yours), or no such round in it'),
          ...signedInErrors,
        },
      },
    },
  },
};
