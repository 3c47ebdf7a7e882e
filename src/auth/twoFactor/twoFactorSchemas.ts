/** A code from the authenticator app (six digits) or a recovery code (xxxxx-xxxxx). */
export const twoFactorCodeSchema = {
  $id: 'https://pejling.dk/schemas/two-factor-code.json',
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', minLength: 6, maxLength: 40 } },
  additionalProperties: false,
} as const;
