const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });

export const respondentParamsSchema = {
  $id: 'https://pejling.dk/schemas/respondent-params.json',
  type: 'object',
  required: ['projectId', 'respondentId'],
  properties: { projectId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, respondentId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
} as const;

export const respondentFilterSchema = {
  $id: 'https://pejling.dk/schemas/respondent-filter.json',
  type: 'object',
  additionalProperties: false,
  properties: { municipality: text(100), team: text(100), group: text(50), role: text(100), active: { enum: ['true', 'false'] } },
} as const;

export const respondentPatchSchema = {
  $id: 'https://pejling.dk/schemas/respondent-patch.json',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: text(200), email: { type: 'string', format: 'email', maxLength: 254 }, municipality: text(100), team: { type: ['string', 'null'], minLength: 1, maxLength: 100 }, role: text(100),
    groupName: { type: ['string', 'null'], maxLength: 50 }, externalId: { type: ['string', 'null'], maxLength: 100 },
    language: { enum: ['da', 'en', null] }, active: { type: 'boolean' },
  },
} as const;

export const respondentFormSchema = {
  $id: 'https://pejling.dk/schemas/respondent-form.json',
  type: 'object',
  // Team may be left empty: a municipality without teams.
  required: ['name', 'email', 'municipality', 'role'],
  properties: {
    name: text(200), email: { type: 'string', format: 'email', maxLength: 254 }, municipality: text(100), team: { type: 'string', maxLength: 100 }, role: text(100),
    groupName: { type: 'string', maxLength: 50 }, externalId: { type: 'string', maxLength: 100 }, language: { enum: ['', 'da', 'en'] }, _csrf: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const importQuerySchema = {
  $id: 'https://pejling.dk/schemas/import-query.json',
  type: 'object',
  additionalProperties: false,
  properties: { dryRun: { enum: ['true', 'false'] }, _csrf: { type: 'string' } },
} as const;
