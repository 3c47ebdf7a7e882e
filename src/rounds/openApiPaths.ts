import { component, errorResponse, json, pathParam, security, signedInErrors } from '../api/openApiHelpers.js';
import { outboxQuerySchema } from '../mail/outboxRoutes.js';
import { invitationStatuses } from './invitationStatus.js';
import { extendInputSchema, invitationQuerySchema } from './roundControlSchemas.js';
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

const roundIds = [pathParam('projectId'), pathParam('roundId')];
const controlResult = json({ $ref: '#/components/schemas/RoundControlResult' });
const invitationQuery = Object.entries(invitationQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' } } } });

/** One manual round action: always 200 with what happened (a repeat is a no-op, not an error). */
function controlAction(summary: string, outcomes: string, refusals: Record<number, string>, options: { body?: object; parameters?: object[] } = {}) {
  return {
    post: {
      summary, security, parameters: options.parameters ?? roundIds, ...(options.body ? { requestBody: { required: true, ...json(options.body) } } : {}),
      responses: {
        200: { description: `Done or already done (outcome: ${outcomes})`, ...controlResult },
        404: errorResponse('No such round'),
        ...Object.fromEntries(Object.entries(refusals).map(([status, text]) => [status, errorResponse(text)])),
        ...signedInErrors,
      },
    },
  };
}

/** OpenAPI paths for rounds, their monitoring and the mail outbox. */
export const roundsOpenApi = {
  paths: {
    '/api/projects/{projectId}/rounds': {
      get: { summary: 'The rounds of a project (admins and the project\'s leads)', security, parameters: [pathParam('projectId')], responses: { 200: { description: 'Rounds', ...json({ type: 'object', properties: { rounds: { type: 'array', items: { $ref: '#/components/schemas/Round' } } } }) }, 404: errorResponse('No such project (or not yours)'), ...signedInErrors } },
      post: { summary: 'Schedule a round (admin). Times without an offset are Danish local time', security, parameters: [pathParam('projectId')], requestBody: { required: true, ...json({ $ref: '#/components/schemas/RoundInput' }) }, responses: { 201: { description: 'Scheduled', ...round }, 400: errorResponse('Invalid field (named in details: closing before opening, cron that does not parse, reminder after closing …)'), 404: errorResponse('No such project'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}': {
      get: { summary: 'One round', security, parameters: [pathParam('projectId'), pathParam('roundId')], responses: { 200: { description: 'The round', ...round }, 404: errorResponse('No such round'), ...signedInErrors } },
      patch: { summary: 'Change a round (admin); once open only closesAt, reminderDays, openLink and periodLabel', security, parameters: [pathParam('projectId'), pathParam('roundId')], requestBody: { required: true, ...json({ $ref: '#/components/schemas/RoundPatch' }) }, responses: { 200: { description: 'Updated', ...round }, 400: errorResponse('Invalid field'), 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}/monitor': {
      get: { summary: 'Invited, opened, started, submitted and response rate per unit and group (for leads: units under k merged into "Øvrige", or only the total)', security, parameters: [pathParam('projectId'), pathParam('roundId')], responses: { 200: { description: 'Counts', ...json({ type: 'object', properties: { roundId: { type: 'integer' }, units: { type: 'array', items: monitorRow }, total: monitorRow } }) }, 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}/open': controlAction('Open the round now (admin): opensAt becomes now, eligible caseworkers are invited and their mails queued, once', 'opened | already_open', { 409: 'The round is closed (extend it instead)' }),
    '/api/projects/{projectId}/rounds/{roundId}/close': controlAction('Close the round now (admin): closesAt becomes now, no more answers', 'closed | already_closed', { 409: 'The round has not opened yet (change its times instead)' }),
    '/api/projects/{projectId}/rounds/{roundId}/extend': controlAction('Move the closing time later (admin); a closed round opens again until then', 'extended | unchanged', { 400: 'closesAt not a time, in the past, or earlier than the current closing time' }, { body: { $ref: '#/components/schemas/RoundExtend' } }),
    '/api/projects/{projectId}/rounds/{roundId}/remind': controlAction('Send a reminder now to everyone invited who has not submitted (admin); nobody mailed within the last 15 minutes gets another', 'reminded | nobody_to_remind', { 409: 'The round is not open' }),
    '/api/projects/{projectId}/rounds/{roundId}/invitations/{invitationId}/resend': controlAction('Mail one person\'s invitation again (admin); not again within 15 minutes', 'resent | recently_sent', {
      404: 'No such invitation in this round', 409: 'Round not open, already answered, or the person has no email / is deactivated',
    }, { parameters: [...roundIds, pathParam('invitationId')] }),
    '/api/projects/{projectId}/rounds/{roundId}/invitations': {
      get: { summary: 'Who was invited and how far each got (admin only; leads get 403 and keep the anonymous monitor)', security, parameters: [...roundIds, ...invitationQuery], responses: { 200: { description: 'Invited people', ...json({ type: 'object', properties: { invitations: { type: 'array', items: { $ref: '#/components/schemas/InvitationStatus' } } } }) }, 400: errorResponse('Unknown status or filter'), 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}/invitations.csv': {
      get: { summary: 'The same list as CSV (UTF-8 with BOM, semicolons, formula-safe)', security, parameters: [...roundIds, ...invitationQuery], responses: { 200: csv('external_id;name;email;municipality;team;group;status;status_da;opened_at;submitted_at'), 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}/links': {
      get: { summary: 'Personal links with external id (admin; audited). Links are derived from SECRET_KEY, not stored', security, parameters: [...roundIds, ...invitationQuery], responses: { 200: { description: 'Invited people with their link', ...json({ type: 'object', properties: { links: { type: 'array', items: { $ref: '#/components/schemas/InvitationStatus' } } } }) }, 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/projects/{projectId}/rounds/{roundId}/links.csv': {
      get: { summary: 'Personal links as CSV for a mail merge (admin; audited)', security, parameters: [...roundIds, ...invitationQuery], responses: { 200: csv('the invitations columns plus link'), 404: errorResponse('No such round'), ...signedInErrors } },
    },
    '/api/outbox': {
      get: { summary: 'Mail sent, queued or held (admin), newest first, with bodies and the project each is about', security, parameters: Object.entries(outboxQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })), responses: { 200: { description: 'Mails', ...json({ type: 'object', properties: { mails: { type: 'array', items: { $ref: '#/components/schemas/OutboxMail' } } } }) }, ...signedInErrors } },
    },
  },
  schemas: {
    RoundInput: component(roundInputSchema),
    RoundPatch: component(roundPatchSchema),
    RoundExtend: component(extendInputSchema),
    RoundControlResult: {
      type: 'object',
      properties: {
        outcome: { enum: ['opened', 'already_open', 'closed', 'already_closed', 'extended', 'unchanged', 'reminded', 'nobody_to_remind', 'resent', 'recently_sent'] },
        message: { type: 'string', description: 'What happened, in Danish' }, mailsQueued: { type: 'integer' }, round: { $ref: '#/components/schemas/Round' },
      },
    },
    InvitationStatus: {
      type: 'object',
      properties: {
        invitationId: { type: 'integer' }, respondentId: { type: 'integer' }, externalId: { type: ['string', 'null'] }, name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] },
        municipality: { type: ['string', 'null'] }, team: { type: ['string', 'null'] }, group: { type: ['string', 'null'] },
        status: { enum: [...invitationStatuses], description: 'submitted beats draft beats opened; mail_failed: not opened and the last mail failed' },
        openedAt: { type: ['string', 'null'], format: 'date-time' }, submittedAt: { type: ['string', 'null'], format: 'date-time' }, invitedAt: { type: ['string', 'null'], format: 'date-time' }, lastRemindedAt: { type: ['string', 'null'], format: 'date-time' },
        link: { type: ['string', 'null'], description: 'Only from /links' },
      },
    },
    OutboxMail: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, kind: { enum: ['invitation', 'reminder', 'account'] }, to: { type: 'string' }, subject: { type: 'string' }, status: { enum: ['queued', 'sending', 'sent', 'failed', 'held'] },
        attempts: { type: 'integer' }, lastError: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' }, sentAt: { type: ['string', 'null'], format: 'date-time' },
        projectId: { type: ['integer', 'null'] }, projectName: { type: ['string', 'null'], description: 'null for account mails' }, text: { type: 'string' }, html: { type: ['string', 'null'] },
      },
    },
    Round: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, label: { type: 'string' }, status: { enum: ['scheduled', 'open', 'closed'] }, availability: { enum: ['open', 'not_yet_open', 'closed'] },
        questionnaireId: { type: ['string', 'null'] }, questionnaireRevision: { type: ['integer', 'null'] }, questionnaireTitle: { type: ['string', 'null'] },
        opensAt: { type: ['string', 'null'], format: 'date-time' }, closesAt: { type: ['string', 'null'], format: 'date-time' }, opensAtLocal: { type: 'string' }, closesAtLocal: { type: 'string' },
        reminderDays: { type: 'array', items: { type: 'integer' } }, recurrenceCron: { type: ['string', 'null'] }, parentRoundId: { type: ['integer', 'null'] }, inviteFilter: { type: 'object' },
        periodLabel: { type: ['object', 'null'], properties: { da: { type: ['string', 'null'] }, en: { type: ['string', 'null'] } }, description: 'The admin\'s wording of the period the round asks about' },
        period: { type: 'object', properties: { da: { type: 'string' }, en: { type: 'string' } }, description: 'What {period} in the questions becomes: periodLabel, or the two months before the round opens' },
        openLinkUrl: { type: ['string', 'null'], description: 'Admins only' },
      },
    },
  },
};
