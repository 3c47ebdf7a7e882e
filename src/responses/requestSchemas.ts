/** Request schemas for the response endpoints; also published in the OpenAPI document. */

export const tokenParamsSchema = {
  $id: 'https://pejling.dk/schemas/token-params.json',
  type: 'object',
  properties: { token: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['token'],
} as const;

export const submissionBodySchema = {
  $id: 'https://pejling.dk/schemas/submission-body.json',
  type: 'object',
  additionalProperties: false,
  required: ['answers'],
  properties: {
    language: { enum: ['da', 'en'], description: 'Language of the validation messages; the project default when left out.' },
    answers: {
      type: 'object',
      description: 'Answers keyed by item id: scale code for likert statements and choices, a number for numbers, an object {category: share} for allocations, {row: code} for matrices, a string for texts.',
      maxProperties: 1000,
    },
  },
} as const;

export const draftBodySchema = {
  $id: 'https://pejling.dk/schemas/draft-body.json',
  type: 'object',
  additionalProperties: false,
  required: ['values'],
  properties: {
    language: { enum: ['da', 'en'] },
    values: {
      type: 'object',
      description: 'The form fields as strings, named as in the HTML form.',
      maxProperties: 1000,
      additionalProperties: { type: 'string', maxLength: 10000 },
    },
  },
} as const;

/** The fields the HTML form posts, besides the answers themselves. */
export const formPostFields = { action: ['submit', 'save'], language: '_lang' } as const;
