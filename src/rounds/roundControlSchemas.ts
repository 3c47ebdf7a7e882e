import { invitationStatuses } from './invitationStatus.js';

export const extendInputSchema = {
  $id: 'https://pejling.dk/schemas/round-extend.json',
  type: 'object',
  additionalProperties: false,
  required: ['closesAt'],
  properties: {
    closesAt: { type: 'string', minLength: 1, maxLength: 40, description: 'The new, later closing time: Danish local time "YYYY-MM-DDTHH:mm", or ISO 8601 with an offset. A closed round opens again until then.' },
  },
} as const;

export const invitationParamsSchema = {
  $id: 'https://pejling.dk/schemas/invitation-params.json',
  type: 'object',
  required: ['projectId', 'roundId', 'invitationId'],
  properties: {
    projectId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, roundId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, invitationId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' },
  },
} as const;

export const invitationQuerySchema = {
  $id: 'https://pejling.dk/schemas/invitation-query.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { enum: [...invitationStatuses, ''], description: 'Only people with this status (empty: all)' },
    municipality: { type: 'string', maxLength: 100, description: 'Only this municipality (exact, as stored)' },
    team: { type: 'string', maxLength: 100, description: 'Only this team (exact, as stored)' },
  },
} as const;

/** The page's filter, plus the message after a resend (`done`). */
export const invitationPageQuerySchema = {
  ...invitationQuerySchema,
  $id: 'https://pejling.dk/schemas/invitation-page-query.json',
  properties: { ...invitationQuerySchema.properties, done: { type: 'string', maxLength: 32 } },
} as const;
