import { component, errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { outboxQuerySchema } from '../mail/outboxRoutes.js';
import { roundInputSchema, roundPatchSchema } from './roundSchemas.js';

const round = json({ type: 'object', properties: { round: { $ref: '#/components/schemas/Round' } } });
const monitorRow = {
  type: 'object',
  properties: {
    municipality: { type: ['string', 'null'] }, team: { type: ['string', 'null'] }, group: { type: ['string', 'null'] },
    invited: { type: 'integer' }, mailed: { type: 'integer' }, reminders: { type: 'integer' }, opened: { type: 'integer' }, started: { type: 'integer' }, submitted: { type: 'integer' }, responseRate: { type: ['number', 'null'] },
    other: { const: true, description: 'The row "Øvrige" a project lead sees in place of units with fewer than k invited' },
  },
};

/** OpenAPI paths for rounds, their monitoring and the mail outbox. */
export const roundsOpenApi = {
  paths: {
    '/api/projects/{projectId}/rounds': {
      get: { summary: 'The rounds of a project (admins and the project\'s leads)', security, parameters: [pathParam('projectId')], responses: { 200: { description: 'Rounds', ...json({ type: 'object', properties: { rounds: { type: 'array', items: { $ref: '#/components/schemas/Round' } } } }) }, 404: errorResponse('No such project (or not yours)'), ...signedInErrors } },
      post: { summary: 'Schedule a round (admin). Times without an offset are Danish local time', security, parameters: [pathParam('projectId')], requestBody: { required: true, ...json({ $ref: '#/components/schemas/RoundInput' }) }, responses: { 201: { description: 'Scheduled', ...round }, 400: errorResponse('Invalid field (named in details: closing before opening, cron that does not parse, reminder after closing …)'), 404: errorResponse('No such project'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}': {
      get: { summary: 'One round', security, parameters: [pathParam('projectId'), pathParam('roundId')], responses: { 200: { description: 'The round', ...round }, 404: errorResponse('No such round'), ...signedInErrors } },
      patch: { summary: 'Change a round (admin); once open only closesAt, reminderDays and openLink', security, parameters: [pathParam('projectId'), pathParam('roundId')], requestBody: { required: true, ...json({ $ref: '#/components/schemas/RoundPatch' }) }, responses: { 200: { description: 'Updated', ...round }, 400: errorResponse('Invalid field'), 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}/monitor': {
      get: { summary: 'Invited, opened, started, submitted and response rate per unit and group (for leads: units under k merged into "Øvrige", or only the total)', security, parameters: [pathParam('projectId'), pathParam('roundId')], responses: { 200: { description: 'Counts', ...json({ type: 'object', properties: { roundId: { type: 'integer' }, units: { type: 'array', items: monitorRow }, total: monitorRow } }) }, 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/outbox': {
      get: { summary: 'Mail sent, queued or held (admin), newest first', security, parameters: Object.entries(outboxQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })), responses: { 200: { description: 'Mails (without bodies)', ...json({ type: 'object', properties: { mails: { type: 'array', items: { type: 'object' } } } }) }, ...signedInErrors } },
    },
  },
  schemas: {
    RoundInput: component(roundInputSchema),
    RoundPatch: component(roundPatchSchema),
    Round: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, label: { type: 'string' }, status: { enum: ['scheduled', 'open', 'closed'] }, availability: { enum: ['open', 'not_yet_open', 'closed'] },
        questionnaireId: { type: ['string', 'null'] }, questionnaireRevision: { type: ['integer', 'null'] }, questionnaireTitle: { type: ['string', 'null'] },
        opensAt: { type: ['string', 'null'], format: 'date-time' }, closesAt: { type: ['string', 'null'], format: 'date-time' }, opensAtLocal: { type: 'string' }, closesAtLocal: { type: 'string' },
        reminderDays: { type: 'array', items: { type: 'integer' } }, recurrenceCron: { type: ['string', 'null'] }, parentRoundId: { type: ['integer', 'null'] }, inviteFilter: { type: 'object' },
        openLinkUrl: { type: ['string', 'null'], description: 'Admins only' },
      },
    },
  },
};
