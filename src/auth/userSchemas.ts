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

export const changeRoleSchema = {
  $id: 'https://pejling.dk/schemas/change-role.json',
  type: 'object',
  required: ['role'],
  properties: { role: { enum: ['admin', 'lead'] }, _csrf: { type: 'string' } },
  additionalProperties: false,
} as const;

/** PATCH /api/users/{userId}: a new role and/or active state; either one ends the person's sessions and tokens. */
export const updateUserSchema = {
  $id: 'https://pejling.dk/schemas/update-user.json',
  type: 'object',
  minProperties: 1,
  properties: { role: { enum: ['admin', 'lead'] }, active: { type: 'boolean' } },
  additionalProperties: false,
} as const;

export const changePasswordSchema = {
  $id: 'https://pejling.dk/schemas/change-password.json',
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: { type: 'string', minLength: 1, maxLength: 200 } },
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
