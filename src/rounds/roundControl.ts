import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/auditLog.js';
import { Invitation, Respondent, Response, Round } from '../db/entities/index.js';
import { remindersDue, SchedulerTick } from '../scheduler/schedulerTick.js';
import { BadRequestError, ConflictError, NotFoundError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { parseCopenhagenTime } from './copenhagenInput.js';
import { roundAvailability } from './roundAvailability.js';
import { RoundService } from './roundService.js';

/**
 * A second click within this time mails nobody again: "remind now" skips whoever was mailed
 * (invited or reminded) this recently, "resend" skips an invitation queued this recently.
 */
export const MANUAL_MAIL_GAP_MS = 15 * 60_000;

export type ControlOutcome =
  | 'opened' | 'already_open'
  | 'closed' | 'already_closed'
  | 'extended' | 'unchanged'
  | 'reminded' | 'nobody_to_remind'
  | 'resent' | 'recently_sent';

export interface ControlResult {
  outcome: ControlOutcome;
  /** Danish, for the page's success message and the API's caller alike. */
  message: string;
  /** Invitations mailed by this action. */
  mailsQueued: number;
}

function extendError(message: string): BadRequestError {
  return new BadRequestError(`closesAt: ${message}`, [{ field: 'body.closesAt', message }]);
}

/**
 * An admin steering a round by hand beside its schedule. Each action changes the round with a
 * conditional update (the same claim the scheduler makes), so it is a no-op when already done, and
 * mails go out through the scheduler's own per-invitation claims: exactly once, whichever
 * instance's tick runs at the same moment.
 */
export class RoundControl {
  private readonly rounds: RoundService;
  /** Only its per-round steps are used here; the running scheduler sends the queued mail. */
  private readonly steps: SchedulerTick;

  constructor(private readonly deps: ServiceDeps) {
    this.rounds = new RoundService(deps.dataSource, deps.catalog, deps.secretKey, deps.clock);
    this.steps = new SchedulerTick(deps, undefined);
  }

  async openNow(req: Request, projectId: number, roundId: number): Promise<ControlResult> {
    const now = this.deps.clock();
    const round = await this.rounds.get(projectId, roundId);
    const availability = roundAvailability(round, now);
    if (availability === 'closed') throw new ConflictError('Runden er lukket. Forlæng lukketiden for at åbne den igen (the round is closed; extend it instead).', 'round_closed');
    let opened = false;
    if (availability === 'not_yet_open' || round.status === 'scheduled') {
      opened = await this.deps.dataSource.transaction(async (manager) => {
        const claim = await manager.createQueryBuilder().update(Round).set({ status: 'open', opensAt: now })
          .where("id = :id AND status = 'scheduled'", { id: round.id }).execute();
        if (claim.affected !== 1) return false;
        await recordAudit(manager, req, { action: 'round.open_now', objectType: 'round', objectId: round.id, details: { opensAtBefore: round.opensAt?.toISOString() ?? null } }, now);
        return true;
      });
    }
    // Whoever opened it (the scheduler or another click) invites, with the same per-invitation claims.
    if (!opened) return { outcome: 'already_open', message: 'Runden var allerede åben; intet er ændret.', mailsQueued: 0 };
    const { queued } = await this.steps.inviteAndQueue(await this.rounds.get(projectId, roundId), now);
    return { outcome: 'opened', message: `Runden er åbnet. ${queued} invitationer er lagt i udbakken.`, mailsQueued: queued };
  }

  async closeNow(req: Request, projectId: number, roundId: number): Promise<ControlResult> {
    const now = this.deps.clock();
    const round = await this.rounds.get(projectId, roundId);
    const availability = roundAvailability(round, now);
    if (availability === 'not_yet_open') throw new ConflictError('Runden er ikke åbnet endnu. Ret åbnings- og lukketiden i stedet (the round has not opened).', 'round_not_open');
    const closed = availability === 'open' && await this.deps.dataSource.transaction(async (manager) => {
      const claim = await manager.createQueryBuilder().update(Round).set({ status: 'closed', closesAt: now })
        // 'scheduled' too: a round whose opening time has passed before a tick moved its status.
        .where("id = :id AND status IN ('scheduled', 'open') AND closes_at > :now", { id: round.id, now }).execute();
      if (claim.affected !== 1) return false;
      await recordAudit(manager, req, { action: 'round.close_now', objectType: 'round', objectId: round.id, details: { closesAtBefore: round.closesAt?.toISOString() ?? null } }, now);
      return true;
    });
    return closed
      ? { outcome: 'closed', message: 'Runden er lukket. Der kan ikke længere svares.', mailsQueued: 0 }
      : { outcome: 'already_closed', message: 'Runden var allerede lukket; intet er ændret.', mailsQueued: 0 };
  }

  /** A later closing time; a closed round opens again until then. */
  async extend(req: Request, projectId: number, roundId: number, closesAtInput: string): Promise<ControlResult> {
    const now = this.deps.clock();
    const round = await this.rounds.get(projectId, roundId);
    const closesAt = parseCopenhagenTime(closesAtInput);
    if (!closesAt) throw extendError('Skriv lukketiden som dato og klokkeslæt, fx 2026-03-31T16:00 (dansk tid)');
    if (round.closesAt && closesAt.getTime() === round.closesAt.getTime()) return { outcome: 'unchanged', message: 'Runden lukkede allerede på det tidspunkt; intet er ændret.', mailsQueued: 0 };
    if (closesAt.getTime() <= now.getTime()) throw extendError('Den nye lukketid skal ligge i fremtiden');
    if (round.closesAt && closesAt.getTime() < round.closesAt.getTime()) throw extendError('Den nye lukketid skal ligge efter den nuværende. Brug "Luk nu" for at lukke tidligere');
    const reopen = round.status === 'closed' || roundAvailability(round, now) === 'closed';
    const status = reopen ? (round.opensAt && round.opensAt.getTime() <= now.getTime() ? 'open' : 'scheduled') : round.status;
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.getRepository(Round).update(round.id, { closesAt, status });
      await recordAudit(manager, req, { action: 'round.extend', objectType: 'round', objectId: round.id, details: { closesAtBefore: round.closesAt?.toISOString() ?? null, closesAt: closesAt.toISOString(), reopened: reopen } }, now);
    });
    return { outcome: 'extended', message: reopen ? 'Lukketiden er flyttet, og runden er åben igen.' : 'Lukketiden er flyttet.', mailsQueued: 0 };
  }

  /** A reminder now to everyone invited who has not submitted, unless mailed within the gap. */
  async remindNow(req: Request, projectId: number, roundId: number): Promise<ControlResult> {
    const now = this.deps.clock();
    const round = await this.openRound(projectId, roundId, now);
    const recent = new Date(now.getTime() - MANUAL_MAIL_GAP_MS);
    const queued = await this.deps.dataSource.transaction(async (manager) => {
      const pending = await manager.getRepository(Invitation).createQueryBuilder('i')
        .innerJoin(Respondent, 'r', 'r.id = i.respondent_id')
        .where('i.round_id = :roundId AND i.sent_at IS NOT NULL AND i.sent_at <= :recent AND i.token_nonce IS NOT NULL AND r.email IS NOT NULL AND r.active = :active', { roundId: round.id, recent, active: true })
        .andWhere('(i.last_reminded_at IS NULL OR i.last_reminded_at <= :recent)', { recent })
        .andWhere('NOT EXISTS (SELECT 1 FROM response s WHERE s.invitation_id = i.id)')
        .getMany();
      let count = 0;
      for (const invitation of pending) {
        // The same claim as the scheduler's reminders: a reminder it sends now and this one exclude each
        // other. A reminder by hand counts as the next one due, so nobody gets two in a row.
        const claim = await manager.createQueryBuilder().update(Invitation).set({ lastRemindedAt: now, reminderCount: invitation.reminderCount + 1 })
          .where('id = :id AND reminder_count = :count AND (last_reminded_at IS NULL OR last_reminded_at <= :recent)', { id: invitation.id, count: invitation.reminderCount, recent }).execute();
        if (claim.affected !== 1) continue;
        await this.steps.enqueueFor(manager, round, invitation, true, now);
        count++;
      }
      if (count > 0) await recordAudit(manager, req, { action: 'round.remind_now', objectType: 'round', objectId: round.id, details: { reminders: count } }, now);
      return count;
    });
    return queued > 0
      ? { outcome: 'reminded', message: `Påmindelse lagt i udbakken til ${queued} ${queued === 1 ? 'person' : 'personer'}, der ikke har svaret.`, mailsQueued: queued }
      : { outcome: 'nobody_to_remind', message: 'Ingen påmindelser sendt: alle har svaret, eller har fået en mail inden for det seneste kvarter.', mailsQueued: 0 };
  }

  /** One person's invitation mailed again (a lost or failed mail), at most once within the gap. */
  async resend(req: Request, projectId: number, roundId: number, invitationId: number): Promise<ControlResult> {
    const now = this.deps.clock();
    const round = await this.openRound(projectId, roundId, now);
    const invitation = await this.deps.dataSource.getRepository(Invitation).findOneBy({ id: invitationId, roundId: round.id });
    const respondent = invitation?.respondentId ? await this.deps.dataSource.getRepository(Respondent).findOneBy({ id: invitation.respondentId }) : null;
    if (!invitation || !respondent || respondent.erasedAt) throw new NotFoundError('Ingen sådan invitation i runden (no such invitation in this round).', 'invitation_not_found');
    if (!respondent.email || !respondent.active || !invitation.tokenNonce) throw new ConflictError('Invitationen kan ikke sendes: personen er deaktiveret eller har ingen mailadresse (not mailable).', 'not_mailable');
    const recent = new Date(now.getTime() - MANUAL_MAIL_GAP_MS);
    const outcome = await this.deps.dataSource.transaction(async (manager): Promise<ControlOutcome> => {
      if (await this.hasResponse(manager, invitation.id)) throw new ConflictError('Personen har allerede svaret; invitationen sendes ikke igen (already answered).', 'already_answered');
      // A first mail owes no reminder whose time has passed, as when the scheduler sends it late.
      const claim = await manager.createQueryBuilder().update(Invitation).set({ sentAt: now, ...(invitation.sentAt ? {} : { reminderCount: remindersDue(round, now) }) })
        .where('id = :id AND (sent_at IS NULL OR sent_at <= :recent)', { id: invitation.id, recent }).execute();
      if (claim.affected !== 1) return 'recently_sent';
      await this.steps.enqueueFor(manager, round, invitation, false, now);
      await recordAudit(manager, req, { action: 'invitation.resend', objectType: 'invitation', objectId: invitation.id, details: { roundId: round.id } }, now);
      return 'resent';
    });
    return outcome === 'resent'
      ? { outcome, message: `Invitationen er lagt i udbakken igen til ${respondent.email}.`, mailsQueued: 1 }
      : { outcome, message: 'Invitationen blev sendt inden for det seneste kvarter; den sendes ikke igen endnu.', mailsQueued: 0 };
  }

  private async openRound(projectId: number, roundId: number, now: Date): Promise<Round> {
    const round = await this.rounds.get(projectId, roundId);
    if (roundAvailability(round, now) !== 'open') throw new ConflictError('Runden er ikke åben; der kan kun sendes mails i en åben runde (the round is not open).', 'round_not_open');
    return round;
  }

  private hasResponse(manager: EntityManager, invitationId: number): Promise<boolean> {
    return manager.getRepository(Response).existsBy({ invitationId });
  }
}
