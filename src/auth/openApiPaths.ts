import { auditQuerySchema } from '../audit/routes.js';
import { twoFactorOpenApiPaths } from './twoFactor/openApiPaths.js';
import { changePasswordSchema, createApiTokenSchema, createUserSchema, updateUserSchema } from './userSchemas.js';

function body<T extends { $id: string; properties: object }>(schema: T) {
  const { $id: _id, ...rest } = schema;
  // `_csrf` only concerns HTML forms.
  const { _csrf: _form, ...properties } = rest.properties as Record<string, unknown>;
  return { ...rest, properties };
}

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const security = [{ bearerAuth: [] }, { sessionCookie: [] }];
const userIdParameter = { name: 'userId', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } };

/** OpenAPI paths for sessions, accounts, API tokens and the audit log. */
export const authOpenApi = {
  paths: {
    '/api/session': {
      get: {
        summary: 'Who is signed in (and, for a browser session, the CSRF token to send as x-csrf-token)',
        security,
        responses: { 200: { description: 'The signed-in user', ...json({ $ref: '#/components/schemas/Session' }) }, 401: error('Not signed in') },
      },
    },
    '/api/users': {
      get: { summary: 'List accounts (admin)', security, responses: { 200: { description: 'Accounts', ...json({ type: 'object', properties: { users: { type: 'array', items: { $ref: '#/components/schemas/User' } } } }) }, 401: error('Not signed in'), 403: error('Not an admin') } },
      post: {
        summary: 'Create an account (admin); returns a one-time set-up link',
        security,
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/NewUser' }) },
        responses: {
          201: { description: 'Created', ...json({ type: 'object', properties: { user: { $ref: '#/components/schemas/User' }, setupUrl: { type: 'string' }, setupExpiresAt: { type: 'string', format: 'date-time' } } }) },
          400: error('Invalid body'), 401: error('Not signed in'), 403: error('Not an admin'), 409: error('An account with this email exists'),
        },
      },
    },
    '/api/users/{userId}': {
      patch: {
        summary: 'Change an account\'s role and/or active state (admin). Either change ends every session of the person and revokes their API tokens; a reactivated account signs in anew. The role or state the account already has changes nothing.',
        security,
        parameters: [userIdParameter],
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/UserUpdate' }) },
        responses: { 200: { description: 'The account and what was ended', ...json({ $ref: '#/components/schemas/AccountChange' }) }, 400: error('Invalid body'), 401: error('Not signed in'), 403: error('Not an admin'), 404: error('No such user'), 409: error('last_admin: the last active admin cannot be deactivated or made a lead') },
      },
    },
    '/api/users/{userId}/reset-login': {
      post: {
        summary: 'A new one-time set-up link (admin); the old password stops working, every session of the person ends and their API tokens are revoked',
        security,
        parameters: [userIdParameter],
        responses: {
          200: { description: 'The link (shown once) and what was ended', ...json({ allOf: [{ $ref: '#/components/schemas/AccountChange' }, { type: 'object', properties: { setupUrl: { type: 'string' }, setupExpiresAt: { type: 'string', format: 'date-time' } } }] }) },
          401: error('Not signed in'), 403: error('Not an admin'), 404: error('No such user'),
        },
      },
    },
    '/api/account/password': {
      put: {
        summary: 'Change your own password. Every session and API token of yours ends (an API token making the call included); a browser session making the call gets a fresh session cookie and CSRF token.',
        security,
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/PasswordChange' }) },
        responses: {
          200: { description: 'Changed', ...json({ type: 'object', properties: { revoked: { $ref: '#/components/schemas/Revoked' }, csrfToken: { type: 'string', description: 'For the new browser session only' } } }) },
          400: error('Invalid body, wrong current password (code wrong_password) or a too weak new one (weak_password)'), 401: error('Not signed in'), 409: error('The account changed meanwhile (reset or deactivated)'), 429: error('Too many wrong attempts'),
        },
      },
    },
    '/api/tokens': {
      get: { summary: 'Your API tokens', security, responses: { 200: { description: 'Tokens (never the secret)', ...json({ type: 'object', properties: { tokens: { type: 'array', items: { $ref: '#/components/schemas/ApiToken' } } } }) }, 401: error('Not signed in') } },
      post: {
        summary: 'Create an API token; the secret is returned once',
        security,
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/NewApiToken' }) },
        responses: { 201: { description: 'Created', ...json({ type: 'object', properties: { token: { $ref: '#/components/schemas/ApiToken' }, secret: { type: 'string' } } }) }, 400: error('Invalid body'), 401: error('Not signed in') },
      },
    },
    '/api/tokens/{tokenId}': {
      delete: {
        summary: 'Revoke one of your API tokens',
        security,
        parameters: [{ name: 'tokenId', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } }],
        responses: { 204: { description: 'Revoked' }, 401: error('Not signed in'), 404: error('No such token of yours') },
      },
    },
    '/api/audit': {
      get: {
        summary: 'The audit log, newest first, 100 per page (admin)',
        security,
        parameters: Object.entries(auditQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
        responses: { 200: { description: 'Entries', ...json({ type: 'object', properties: { entries: { type: 'array', items: { $ref: '#/components/schemas/AuditEntry' } }, total: { type: 'integer' }, page: { type: 'integer' }, pages: { type: 'integer' } } }) }, 400: error('Invalid filter'), 401: error('Not signed in'), 403: error('Not an admin') },
      },
    },
    ...twoFactorOpenApiPaths,
  },
  schemas: {
    Session: { type: 'object', properties: { user: { $ref: '#/components/schemas/User' }, csrfToken: { type: 'string' } } },
    User: {
      type: 'object',
      properties: { id: { type: 'integer' }, email: { type: 'string' }, name: { type: 'string' }, role: { enum: ['admin', 'lead'] }, active: { type: 'boolean' }, passwordSet: { type: 'boolean' }, twoFactor: { type: 'boolean', description: 'Two-factor sign-in (TOTP) is on' }, lastLoginAt: { type: ['string', 'null'], format: 'date-time' } },
    },
    NewUser: body(createUserSchema),
    UserUpdate: body(updateUserSchema),
    PasswordChange: body(changePasswordSchema),
    Revoked: { type: 'object', description: 'Sessions ended and API tokens revoked', properties: { sessions: { type: 'integer' }, tokens: { type: 'integer' } } },
    AccountChange: { type: 'object', properties: { user: { $ref: '#/components/schemas/User' }, revoked: { $ref: '#/components/schemas/Revoked' } } },
    ApiToken: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, lastUsedAt: { type: ['string', 'null'], format: 'date-time' } } },
    NewApiToken: body(createApiTokenSchema),
    AuditEntry: {
      type: 'object',
      properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, actor: { type: 'string' }, action: { type: 'string' }, objectType: { type: 'string' }, objectId: { type: ['string', 'null'] }, details: {}, ip: { type: ['string', 'null'] } },
    },
  },
  securitySchemes: {
    bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal API token (pj_…), created under API-nøgler.' },
    sessionCookie: { type: 'apiKey', in: 'cookie', name: 'pejling.sid', description: 'A browser session; state-changing requests also need the x-csrf-token header.' },
  },
};
