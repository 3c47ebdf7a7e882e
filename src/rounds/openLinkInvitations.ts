import { DataSource, type EntityManager } from 'typeorm';
import { Draft, Invitation, Project, Response, Round } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import type { CatalogEntry } from '../questionnaires/questionnaireCatalog.js';
import { InvitationUnavailableError, requireAnswerable, type InvitationContext, type InvitationResolver } from './invitationContext.js';
import { generateInvitationToken, hashInvitationToken } from './invitationTokens.js';
import { hashResumeSecret, type OpenLinkVisitor } from './openLinkResume.js';
import { roundAvailability } from './roundAvailability.js';

/** A round reached through its open link. */
export interface OpenLinkRound {
  round: Round;
  project: Project;
  questionnaire: CatalogEntry;
}

type Db = DataSource | EntityManager;

/**
 * The visitor's invitation with its response time and draft, or undefined while their browser has
 * saved nothing. `latest` reads past a MySQL transaction's snapshot (a locking read), for the row
 * a concurrent request of the same browser has just committed.
 */
async function findVisitorContext(db: Db, found: OpenLinkRound, visitor: OpenLinkVisitor, latest = false): Promise<InvitationContext | undefined> {
  const manager = db instanceof DataSource ? db.manager : db;
  const query = manager.getRepository(Invitation).createQueryBuilder('i')
    .where('i.round_id = :roundId AND i.resume_hash = :hash', { roundId: found.round.id, hash: hashResumeSecret(visitor.resumeSecret) });
  if (latest && manager.connection.driver.options.type === 'mysql') query.setLock('pessimistic_read');
  const invitation = await query.getOne();
  if (!invitation) return undefined;
  const [response, draft] = await Promise.all([
    manager.getRepository(Response).findOne({ where: { invitationId: invitation.id }, select: { id: true, submittedAt: true } }),
    manager.getRepository(Draft).exists({ where: { invitationId: invitation.id } }),
  ]);
  return { ...found, invitation, submittedAt: response?.submittedAt ?? null, hasDraft: draft };
}

/** For showing the form: the visitor's saved state, never creating anything. */
export async function findVisitorInvitation(db: Db, found: OpenLinkRound, visitor: OpenLinkVisitor): Promise<InvitationContext | undefined> {
  return findVisitorContext(db, found, visitor);
}

/**
 * For a draft save or a submission: the visitor's invitation, created with the first thing they
 * save (no row for someone who only typed a code). Its token is random and never shown, so only
 * the browser with the resume secret reaches it; the code is kept for pairing only.
 */
export function openLinkResolver(found: OpenLinkRound, visitor: OpenLinkVisitor): InvitationResolver {
  return async (db, now) => {
    const availability = roundAvailability(found.round, now);
    if (availability !== 'open') throw new InvitationUnavailableError(availability);
    const manager = db instanceof DataSource ? db.manager : db;
    const existing = await findVisitorContext(manager, found, visitor);
    if (existing) return requireAnswerable(existing, now);
    try {
      const invitation = await manager.getRepository(Invitation).save(manager.getRepository(Invitation).create({
        roundId: found.round.id, respondentId: null, tokenHash: hashInvitationToken(generateInvitationToken()), tokenNonce: null,
        openedAt: now, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: visitor.code, resumeHash: hashResumeSecret(visitor.resumeSecret), createdAt: now,
      }));
      return { ...found, invitation, submittedAt: null, hasDraft: false };
    } catch (error) {
      // The same browser saved twice at once (autosave and a click): use the row the other request made.
      if (!isUniqueViolation(error)) throw error;
      const raced = await findVisitorContext(manager, found, visitor, true);
      if (!raced) throw error;
      return requireAnswerable(raced, now);
    }
  };
}
