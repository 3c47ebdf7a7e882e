export const createUserSchema = {
  $id: 'https://pejling.dk/schemas/create-user.json',
  type: 'object',
  required: ['email', 'name', 'role'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    role: { enum: ['admin', 'lead'] },
    _csrf: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const createApiTokenSchema = {
  $id: 'https://pejling.dk/schemas/create-api-token.json',
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, _csrf: { type: 'string' } },
  additionalProperties: false,
} as const;

export const idParamsSchema = (name: string) => ({
  $id: `https://pejling.dk/schemas/params-${name}.json`,
  type: 'object',
  required: [name],
  properties: { [name]: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
});
