import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import { Invitation, Project, Respondent, Round } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import { renderInvitationMail } from '../mail/invitationMail.js';
import { loadProjectTexts } from '../projectTexts/projectTextsService.js';
import type { MailTransport } from '../mail/mailTransport.js';
import { dispatchQueuedMail, enqueueMail } from '../mail/outbox.js';
import { addDays } from '../rounds/copenhagenInput.js';
import { InvitationService } from '../rounds/invitationService.js';
import { parseRecurrence, reminderDaysOf } from '../rounds/roundService.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { acquireLease, releaseLease } from './jobLease.js';

export interface TickReport {
  leased: boolean;
  opened: number;
  invited: number;
  invitationsQueued: number;
  remindersQueued: number;
  closed: number;
  recurring: number;
  mailSent: number;
  mailFailed: number;
}

const LEASE = 'scheduler';
const LEASE_TTL_MS = 5 * 60_000;

/** How many reminders are due at `now` for a round (reminder k is due k-th listed days after opening). */
export function remindersDue(round: Pick<Round, 'opensAt' | 'closesAt' | 'reminderDays'>, now: Date): number {
  if (!round.opensAt || (round.closesAt && round.closesAt.getTime() <= now.getTime())) return 0;
  return reminderDaysOf(round).filter((days) => addDays(round.opensAt!, days).getTime() <= now.getTime()).length;
}

/**
 * One pass of everything time decides: open due rounds and invite, queue invitation mails,
 * remind non-responders, close rounds, create recurring rounds, send mail. Each step is
 * idempotent and claims its rows with conditional updates, so repeating a tick, running it late
 * (catch-up after downtime: late, never twice) or on two instances at once does no harm.
 */
export class SchedulerTick {
  readonly holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly invitations: InvitationService;

  constructor(private readonly deps: ServiceDeps, private readonly transport: MailTransport | undefined) {
    this.invitations = new InvitationService(deps);
  }

  async perform(now: Date): Promise<TickReport> {
    const report: TickReport = { leased: false, opened: 0, invited: 0, invitationsQueued: 0, remindersQueued: 0, closed: 0, recurring: 0, mailSent: 0, mailFailed: 0 };
    report.leased = await acquireLease(this.deps.dataSource, LEASE, this.holder, LEASE_TTL_MS, now);
    if (report.leased) {
      try {
        report.recurring = await this.createRecurringRounds(now);
        report.opened = await this.openDueRounds(now);
        report.invited = await this.inviteIntoOpenRounds(now);
        report.invitationsQueued = await this.queueInvitationMails(now);
        report.remindersQueued = await this.queueReminders(now);
        report.closed = await this.closeDueRounds(now);
      } finally {
        // Held for the tick only; the TTL covers an instance that dies mid-tick.
        await releaseLease(this.deps.dataSource, LEASE, this.holder);
      }
    }
    if (this.transport) {
      const mail = await dispatchQueuedMail(this.deps.dataSource, this.transport, this.deps.config.mailFrom, this.holder, now, this.deps.logger);
      report.mailSent = mail.sent;
      report.mailFailed = mail.failed;
    }
    const { leased: _leased, ...counts } = report;
    if (Object.values(counts).some((n) => n > 0)) this.deps.logger.info('scheduler tick', { ...report, at: now.toISOString() });
    return report;
  }

  private openRounds(now: Date): Promise<Round[]> {
    return this.deps.dataSource.getRepository(Round).find({ where: { status: 'open', closesAt: MoreThan(now) } });
  }

  private async openDueRounds(now: Date): Promise<number> {
    const due = await this.deps.dataSource.getRepository(Round).find({ where: { status: 'scheduled', opensAt: LessThanOrEqual(now), closesAt: MoreThan(now) } });
    let opened = 0;
    for (const round of due) {
      const result = await this.deps.dataSource.createQueryBuilder().update(Round).set({ status: 'open' }).where("id = :id AND status = 'scheduled'", { id: round.id }).execute();
      opened += result.affected ?? 0;
    }
    return opened;
  }

  /** Also picks up caseworkers added while a round is open. */
  private async inviteIntoOpenRounds(now: Date): Promise<number> {
    let invited = 0;
    for (const round of await this.openRounds(now)) {
      invited += await this.deps.dataSource.transaction((manager) => this.invitations.inviteEligibleRespondents(manager, round, now));
    }
    return invited;
  }

  private async queueInvitationMails(now: Date): Promise<number> {
    let queued = 0;
    for (const round of await this.openRounds(now)) queued += await this.queueInvitationMailsFor(round, now);
    return queued;
  }

  /**
   * Invite the round's eligible caseworkers and queue their invitation mails: the scheduler's own
   * steps for one round, also run by an admin's "open now". Safe beside a tick on another instance:
   * each mail is queued by whoever sets its invitation's `sent_at`.
   */
  async inviteAndQueue(round: Round, now: Date): Promise<{ invited: number; queued: number }> {
    const invited = await this.deps.dataSource.transaction((manager) => this.invitations.inviteEligibleRespondents(manager, round, now));
    return { invited, queued: await this.queueInvitationMailsFor(round, now) };
  }

  private async queueInvitationMailsFor(round: Round, now: Date): Promise<number> {
    let queued = 0;
    const pending = await this.deps.dataSource.getRepository(Invitation).createQueryBuilder('i')
      .innerJoin(Respondent, 'r', 'r.id = i.respondent_id')
      // Links made before links were derivable (no nonce: the demo's printed links) cannot be mailed again.
      .where('i.round_id = :roundId AND i.sent_at IS NULL AND i.token_nonce IS NOT NULL AND r.email IS NOT NULL AND r.active = :active', { roundId: round.id, active: true })
      .andWhere('NOT EXISTS (SELECT 1 FROM response s WHERE s.invitation_id = i.id)')
      .getMany();
    for (const invitation of pending) {
      const sent = await this.deps.dataSource.transaction(async (manager) => {
        // Reminders whose time has already passed are not owed to someone invited only now.
        const claim = await manager.createQueryBuilder().update(Invitation).set({ sentAt: now, reminderCount: remindersDue(round, now) })
          .where('id = :id AND sent_at IS NULL', { id: invitation.id }).execute();
        if (claim.affected !== 1) return false;
        await this.enqueueFor(manager, round, invitation, false, now);
        return true;
      });
      if (sent) queued++;
    }
    return queued;
  }

  private async queueReminders(now: Date): Promise<number> {
    let queued = 0;
    for (const round of await this.openRounds(now)) {
      const due = remindersDue(round, now);
      if (due === 0) continue;
      const pending = await this.deps.dataSource.getRepository(Invitation).createQueryBuilder('i')
        .innerJoin(Respondent, 'r', 'r.id = i.respondent_id')
        .where('i.round_id = :roundId AND i.sent_at IS NOT NULL AND i.token_nonce IS NOT NULL AND i.reminder_count < :due AND r.email IS NOT NULL AND r.active = :active', { roundId: round.id, due, active: true })
        .andWhere('NOT EXISTS (SELECT 1 FROM response s WHERE s.invitation_id = i.id)')
        .getMany();
      for (const invitation of pending) {
        // After downtime several reminders may be due: send one, and count them all as done.
        const sent = await this.deps.dataSource.transaction(async (manager) => {
          const claim = await manager.createQueryBuilder().update(Invitation).set({ reminderCount: due, lastRemindedAt: now })
            .where('id = :id AND reminder_count = :count', { id: invitation.id, count: invitation.reminderCount }).execute();
          if (claim.affected !== 1) return false;
          await this.enqueueFor(manager, round, invitation, true, now);
          return true;
        });
        if (sent) queued++;
      }
    }
    return queued;
  }

  private async closeDueRounds(now: Date): Promise<number> {
    const result = await this.deps.dataSource.createQueryBuilder().update(Round).set({ status: 'closed' })
      .where("status IN ('scheduled', 'open') AND closes_at <= :now", { now }).execute();
    return result.affected ?? 0;
  }

  private async createRecurringRounds(now: Date): Promise<number> {
    const templates = await this.deps.dataSource.getRepository(Round).createQueryBuilder('r').where('r.recurrence_cron IS NOT NULL AND r.parent_round_id IS NULL').getMany();
    let created = 0;
    for (const template of templates) {
      const children = await this.deps.dataSource.getRepository(Round).find({ where: { parentRoundId: template.id }, order: { opensAt: 'DESC' }, take: 1 });
      const after = children[0]?.opensAt ?? template.opensAt!;
      const next = parseRecurrence(template.recurrenceCron!, after)?.next().toDate();
      if (!next || next.getTime() > now.getTime()) continue;
      const duration = template.closesAt!.getTime() - template.opensAt!.getTime();
      try {
        await this.deps.dataSource.getRepository(Round).insert({
          projectId: template.projectId, questionnaireVersionId: template.questionnaireVersionId, label: `${template.label} ${next.toISOString().slice(0, 10)}`,
          status: 'scheduled', opensAt: next, closesAt: new Date(next.getTime() + duration), reminderDays: template.reminderDays, recurrenceCron: null,
          parentRoundId: template.id, inviteFilter: template.inviteFilter, openLinkNonce: null, openLinkHash: null,
        });
        created++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return created;
  }

  /** Queue one invitation or reminder mail in the caller's transaction (also used by the round's manual actions). */
  async enqueueFor(manager: EntityManager, round: Round, invitation: Invitation, reminder: boolean, now: Date): Promise<void> {
    const respondent = await manager.getRepository(Respondent).findOneByOrFail({ id: invitation.respondentId! });
    const project = await manager.getRepository(Project).findOneByOrFail({ id: round.projectId });
    const link = this.invitations.linkFor(invitation);
    if (!link || !respondent.email) return;
    const lang = respondent.language ?? project.defaultLanguage;
    const questionnaire = this.deps.catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    const mail = renderInvitationMail(await loadProjectTexts(manager, project.id), { lang, reminder, name: respondent.name ?? '', projectName: project.name, questionnaireTitle: questionnaire.title[lang], roundLabel: round.label, closesAt: round.closesAt!, link });
    await enqueueMail(manager, { kind: reminder ? 'reminder' : 'invitation', invitationId: invitation.id, to: respondent.email, subject: mail.subject, text: mail.text, html: mail.html, senderName: mail.senderName, replyTo: mail.replyTo }, Boolean(this.deps.config.smtp), now);
  }
}

