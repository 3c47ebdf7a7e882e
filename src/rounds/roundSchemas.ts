const time = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})?$', description: 'Danish local time "YYYY-MM-DDTHH:mm", or ISO 8601 with an offset' } as const;
const values = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 200 } as const;

export const inviteFilterSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Who is invited: all active caseworkers ({}), or only those matching every given list.',
  properties: { municipality: values, team: values, group: values, role: values },
} as const;

export const roundInputSchema = {
  $id: 'https://pejling.dk/schemas/round-input.json',
  type: 'object',
  additionalProperties: false,
  required: ['label', 'questionnaireId', 'opensAt', 'closesAt'],
  properties: {
    label: { type: 'string', minLength: 1, maxLength: 32, description: 'START, END, R1 …' },
    questionnaireId: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
    opensAt: time,
    closesAt: time,
    reminderDays: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 365 }, maxItems: 10, uniqueItems: true, description: 'Whole days after opening on which non-responders are reminded' },
    recurrenceCron: { type: ['string', 'null'], maxLength: 100, description: 'Repeat the round on this cron schedule (Danish time), e.g. "0 9 1 * *" for the 1st of each month at 09:00' },
    inviteFilter: inviteFilterSchema,
    openLink: { type: 'boolean', description: 'Also offer an anonymous open link that asks for a self-generated code' },
    periodLabel: {
      type: ['object', 'null'], additionalProperties: false,
      properties: { da: { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', minLength: 1, maxLength: 100 } },
      description: 'The period the round asks about, filling {period} in the questions ("uge 10 og 11"); a language left out (or null) uses the two months before the round opens',
    },
  },
} as const;

export const roundPatchSchema = {
  $id: 'https://pejling.dk/schemas/round-patch.json',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...roundInputSchema.properties },
} as const;

export const roundParamsSchema = {
  $id: 'https://pejling.dk/schemas/round-params.json',
  type: 'object',
  required: ['projectId', 'roundId'],
  properties: { projectId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, roundId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
} as const;

export interface InviteFilter {
  municipality?: string[];
  team?: string[];
  group?: string[];
  role?: string[];
}

export interface RoundInput {
  label: string;
  questionnaireId: string;
  opensAt: string;
  closesAt: string;
  reminderDays?: number[];
  recurrenceCron?: string | null;
  inviteFilter?: InviteFilter;
  openLink?: boolean;
  periodLabel?: { da?: string; en?: string } | null;
}
