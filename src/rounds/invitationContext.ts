import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { Invitation, Project, Respondent, Response, Round } from '../db/entities/index.js';
import type { CatalogEntry, QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import { AppError } from '../shared/errors.js';
import { hashInvitationToken, looksLikeInvitationToken } from './invitationTokens.js';
import { roundAvailability } from './roundAvailability.js';

/** Everything a personal link leads to. */
export interface InvitationContext {
  invitation: Invitation;
  round: Round;
  project: Project;
  questionnaire: CatalogEntry;
  submittedAt: Date | null;
}

/** Why a link cannot be used to answer now; the form turns each into a page that says what to do. */
export class InvitationUnavailableError extends AppError {
  constructor(
    readonly reason: 'unknown' | 'not_yet_open' | 'closed' | 'already_submitted',
    readonly context?: InvitationContext,
  ) {
    const statusByReason = { unknown: 404, not_yet_open: 403, closed: 410, already_submitted: 409 } as const;
    const messages = {
      unknown: 'This link is not valid. Check that you copied the whole link from your invitation.',
      not_yet_open: 'The survey is not open yet.',
      closed: 'The survey is closed and no longer takes answers.',
      already_submitted: 'Answers have already been submitted with this link.',
    } as const;
    super(statusByReason[reason], reason === 'unknown' ? 'invitation_unknown' : reason === 'closed' ? 'round_closed' : reason === 'not_yet_open' ? 'round_not_open' : 'already_submitted', messages[reason],
      reason === 'not_yet_open' && context?.round.opensAt ? { opensAt: context.round.opensAt.toISOString() } : undefined);
  }
}

export async function findInvitationContext(
  db: DataSource | EntityManager,
  catalog: QuestionnaireCatalog,
  token: string,
): Promise<InvitationContext | undefined> {
  if (!looksLikeInvitationToken(token)) return undefined;
  const invitation = await db.getRepository(Invitation).findOne({ where: { tokenHash: hashInvitationToken(token) } });
  if (!invitation) return undefined;
  // Independent lookups run side by side: each is one indexed row.
  const [erased, round, response] = await Promise.all([
    // An erased person's link dies with their name and email.
    invitation.respondentId ? db.getRepository(Respondent).exists({ where: { id: invitation.respondentId, erasedAt: Not(IsNull()) } }) : Promise.resolve(false),
    db.getRepository(Round).findOneOrFail({ where: { id: invitation.roundId } }),
    db.getRepository(Response).findOne({ where: { invitationId: invitation.id }, select: { id: true, submittedAt: true } }),
  ]);
  if (erased) return undefined;
  const project = await db.getRepository(Project).findOneOrFail({ where: { id: round.projectId } });
  const questionnaire = catalog.byVersion(round.questionnaireVersionId);
  if (!questionnaire) throw new Error(`Round ${round.id} refers to unknown questionnaire version ${round.questionnaireVersionId}`);
  return { invitation, round, project, questionnaire, submittedAt: response?.submittedAt ?? null };
}

/** The context of a link that may be answered now, or the reason it may not. */
export async function requireAnswerableInvitation(
  db: DataSource | EntityManager,
  catalog: QuestionnaireCatalog,
  token: string,
  now: Date,
): Promise<InvitationContext> {
  const context = await findInvitationContext(db, catalog, token);
  if (!context) throw new InvitationUnavailableError('unknown');
  if (context.submittedAt) throw new InvitationUnavailableError('already_submitted', context);
  const availability = roundAvailability(context.round, now);
  if (availability !== 'open') throw new InvitationUnavailableError(availability, context);
  return context;
}

/** Remember the first time a link was opened (for the response-rate monitor). */
export async function markInvitationOpened(db: DataSource, invitation: Invitation, now: Date): Promise<void> {
  if (invitation.openedAt) return;
  await db.getRepository(Invitation).createQueryBuilder().update().set({ openedAt: now })
    .where('id = :id AND opened_at IS NULL', { id: invitation.id }).execute();
}
