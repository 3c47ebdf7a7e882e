import { In, IsNull, type EntityManager } from 'typeorm';
import { Invitation, Respondent, type Round } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { spreadsheetCsv } from '../shared/spreadsheetSafe.js';
import { deriveLinkToken, invitationUrl, newLinkNonce } from './invitationLinks.js';
import { hashInvitationToken } from './invitationTokens.js';
import { inviteFilterOf } from './roundService.js';

/** Personal links: who is invited to a round, the links themselves, and their export. */
export class InvitationService {
  constructor(private readonly deps: Pick<ServiceDeps, 'dataSource' | 'config' | 'secretKey'>) {}

  /** Active, not erased caseworkers of the round's project that match its invite filter. */
  async eligibleRespondents(manager: EntityManager, round: Round): Promise<Respondent[]> {
    const filter = inviteFilterOf(round);
    const where: Record<string, unknown> = { projectId: round.projectId, active: true, erasedAt: IsNull() };
    if (filter.municipality?.length) where.municipality = In(filter.municipality);
    if (filter.team?.length) where.team = In(filter.team);
    if (filter.group?.length) where.groupName = In(filter.group);
    if (filter.role?.length) where.role = In(filter.role);
    return manager.getRepository(Respondent).find({ where, order: { id: 'ASC' } });
  }

  /**
   * One invitation per eligible caseworker not yet invited. Safe to repeat and to run from two
   * instances at once: the unique (round, respondent) index turns a second insert into a no-op.
   */
  async inviteEligibleRespondents(manager: EntityManager, round: Round, now: Date): Promise<number> {
    const eligible = await this.eligibleRespondents(manager, round);
    const invited = new Set((await manager.getRepository(Invitation).find({ where: { roundId: round.id }, select: { respondentId: true } })).map((i) => i.respondentId));
    let created = 0;
    for (const respondent of eligible.filter((r) => !invited.has(r.id))) {
      const nonce = newLinkNonce();
      try {
        await manager.getRepository(Invitation).insert({
          roundId: round.id, respondentId: respondent.id, tokenNonce: nonce, tokenHash: hashInvitationToken(deriveLinkToken(this.deps.secretKey, 'invitation', nonce)),
          openedAt: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: null, createdAt: now,
        });
        created++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return created;
  }

  /** The personal link of an invitation; null for links made before links were derivable. */
  linkFor(invitation: Pick<Invitation, 'tokenNonce'>): string | null {
    return invitation.tokenNonce ? invitationUrl(this.deps.config.publicUrl, deriveLinkToken(this.deps.secretKey, 'invitation', invitation.tokenNonce)) : null;
  }

  /** Links for a mail merge: UTF-8 with BOM and semicolons, as Danish Excel expects. */
  async exportLinksCsv(round: Round): Promise<string> {
    const invitations = await this.deps.dataSource.getRepository(Invitation).find({ where: { roundId: round.id }, order: { id: 'ASC' } });
    const people = await this.deps.dataSource.getRepository(Respondent).find({ where: { id: In(invitations.map((i) => i.respondentId).filter((id): id is number => id !== null)) } });
    const byId = new Map(people.map((p) => [p.id, p]));
    const rows = invitations.filter((i) => i.respondentId && !byId.get(i.respondentId)?.erasedAt).map((invitation) => {
      const person = byId.get(invitation.respondentId!)!;
      return [person.externalId, person.name, person.email, person.municipality, person.team, person.groupName, person.language, this.linkFor(invitation)];
    });
    return '\uFEFF' + spreadsheetCsv([['external_id', 'name', 'email', 'municipality', 'team', 'group', 'language', 'link'], ...rows], ';');
  }
}
