import { In, type DataSource } from 'typeorm';
import { Draft, Invitation, MailOutbox, Respondent, Response, type Round } from '../db/entities/index.js';
import { spreadsheetCsv } from '../shared/spreadsheetSafe.js';

/** Where one invited person stands, the furthest step first: submitted beats a draft beats opened. */
export const invitationStatuses = ['not_opened', 'opened', 'draft', 'submitted', 'mail_failed'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const invitationStatusLabels: Record<InvitationStatus, string> = {
  not_opened: 'Ikke åbnet', opened: 'Åbnet', draft: 'Kladde', submitted: 'Indsendt', mail_failed: 'Mail fejlet/afvist',
};

export interface InvitationRow {
  invitationId: number;
  respondentId: number;
  externalId: string | null;
  name: string | null;
  email: string | null;
  municipality: string | null;
  team: string | null;
  group: string | null;
  status: InvitationStatus;
  openedAt: string | null;
  submittedAt: string | null;
  invitedAt: string | null;
  lastRemindedAt: string | null;
  /** The personal link; only when asked for (it lets anyone answer as this person). */
  link?: string | null;
}

export interface InvitationFilter {
  status?: InvitationStatus;
  municipality?: string;
  team?: string;
}

/**
 * Who was invited to a round and how far each got, for admins only: names and emails never reach
 * leads, who see the anonymous counts of the monitor instead. Open-link answers belong to no
 * person and are not listed.
 */
export async function invitationRows(dataSource: DataSource, round: Round, filter: InvitationFilter = {}, linkFor?: (invitation: Invitation) => string | null): Promise<InvitationRow[]> {
  const invitations = (await dataSource.getRepository(Invitation).find({ where: { roundId: round.id }, order: { id: 'ASC' } })).filter((i) => i.respondentId !== null);
  if (invitations.length === 0) return [];
  const ids = invitations.map((i) => i.id);
  const [people, responses, drafts, mails] = await Promise.all([
    dataSource.getRepository(Respondent).find({ where: { id: In(invitations.map((i) => i.respondentId!)) } }),
    dataSource.getRepository(Response).find({ where: { invitationId: In(ids) }, select: { invitationId: true, submittedAt: true } }),
    dataSource.getRepository(Draft).find({ where: { invitationId: In(ids) }, select: { invitationId: true } }),
    dataSource.getRepository(MailOutbox).find({ where: { invitationId: In(ids) }, select: { id: true, invitationId: true, status: true }, order: { id: 'ASC' } }),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const submitted = new Map(responses.map((r) => [r.invitationId, r.submittedAt]));
  const drafted = new Set(drafts.map((d) => d.invitationId));
  const lastMailStatus = new Map(mails.map((m) => [m.invitationId!, m.status]));
  const rows: InvitationRow[] = [];
  for (const invitation of invitations) {
    const person = personById.get(invitation.respondentId!);
    if (!person || person.erasedAt) continue;
    const status: InvitationStatus = submitted.has(invitation.id) ? 'submitted' : drafted.has(invitation.id) ? 'draft' : invitation.openedAt ? 'opened'
      : lastMailStatus.get(invitation.id) === 'failed' ? 'mail_failed' : 'not_opened';
    if (filter.status && filter.status !== status) continue;
    if (filter.municipality && filter.municipality !== person.municipality) continue;
    if (filter.team && filter.team !== person.team) continue;
    rows.push({
      invitationId: invitation.id, respondentId: person.id, externalId: person.externalId, name: person.name, email: person.email,
      municipality: person.municipality, team: person.team, group: person.groupName, status,
      openedAt: invitation.openedAt?.toISOString() ?? null, submittedAt: submitted.get(invitation.id)?.toISOString() ?? null,
      invitedAt: invitation.sentAt?.toISOString() ?? null, lastRemindedAt: invitation.lastRemindedAt?.toISOString() ?? null,
      ...(linkFor ? { link: linkFor(invitation) } : {}),
    });
  }
  return rows;
}

/** The list as a spreadsheet (UTF-8 with BOM and semicolons, as Danish Excel expects), formula-safe. */
export function invitationRowsCsv(rows: InvitationRow[], withLinks: boolean): string {
  const header = ['external_id', 'name', 'email', 'municipality', 'team', 'group', 'status', 'status_da', 'opened_at', 'submitted_at', ...(withLinks ? ['link'] : [])];
  const body = rows.map((r) => [r.externalId, r.name, r.email, r.municipality, r.team, r.group, r.status, invitationStatusLabels[r.status], r.openedAt, r.submittedAt, ...(withLinks ? [r.link ?? null] : [])]);
  return '\uFEFF' + spreadsheetCsv([header, ...body], ';');
}
