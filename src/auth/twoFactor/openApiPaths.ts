import { twoFactorCodeSchema } from './twoFactorSchemas.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const security = [{ bearerAuth: [] }, { sessionCookie: [] }];
const { $id: _id, ...codeBody } = twoFactorCodeSchema;
const codeRequest = { required: true, ...json(codeBody) };
const recoveryCodes = { type: 'object', properties: { recoveryCodes: { type: 'array', items: { type: 'string' }, description: 'Shown this once; only hashes are kept' } } };
const state = { type: 'object', properties: { enabled: { type: 'boolean' } } };

/** OpenAPI paths for two-factor sign-in (TOTP) of local accounts. */
export const twoFactorOpenApiPaths = {
  '/api/account/two-factor': {
    get: {
      summary: 'Whether your two-factor sign-in is on, since when, and how many unused recovery codes you have',
      security,
      responses: { 200: { description: 'State', ...json({ type: 'object', properties: { enabled: { type: 'boolean' }, enabledAt: { type: ['string', 'null'], format: 'date-time' }, recoveryCodesLeft: { type: 'integer' } } }) }, 401: error('Not signed in') },
    },
    post: {
      summary: 'Turn two-factor on with a code from the authenticator app (after /setup); returns ten one-time recovery codes',
      security,
      requestBody: codeRequest,
      responses: { 201: { description: 'On', ...json(recoveryCodes) }, 400: error('Wrong code (wrong_code)'), 401: error('Not signed in'), 409: error('Already on, or set-up not started'), 429: error('Too many wrong codes') },
    },
  },
  '/api/account/two-factor/setup': {
    post: {
      summary: 'Start (or resume) setting up two-factor: the secret for the authenticator app and its otpauth:// URI',
      security,
      responses: { 200: { description: 'The secret', ...json({ type: 'object', properties: { secret: { type: 'string' }, otpauthUri: { type: 'string' } } }) }, 401: error('Not signed in'), 409: error('Already on') },
    },
  },
  '/api/account/two-factor/recovery-codes': {
    post: { summary: 'New recovery codes; the old ones stop working', security, responses: { 200: { description: 'The codes', ...json(recoveryCodes) }, 401: error('Not signed in'), 409: error('Two-factor is off') } },
  },
  '/api/account/two-factor/disable': {
    post: {
      summary: 'Turn your two-factor off, proving it with a code from the app or a recovery code',
      security,
      requestBody: codeRequest,
      responses: { 200: { description: 'Off', ...json(state) }, 400: error('Wrong or used code'), 401: error('Not signed in'), 409: error('Admins must keep two-factor on this installation'), 429: error('Too many wrong codes') },
    },
  },
  '/api/users/{userId}/two-factor/reset': {
    post: {
      summary: 'Turn off someone\'s two-factor (admin), e.g. after a lost phone and lost recovery codes; they set it up again',
      security,
      parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } }],
      responses: { 200: { description: 'Off', ...json(state) }, 401: error('Not signed in'), 403: error('Not an admin'), 404: error('No such user') },
    },
  },
};
