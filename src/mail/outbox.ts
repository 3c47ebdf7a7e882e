import type { DataSource, EntityManager } from 'typeorm';
import { MailOutbox } from '../db/entities/index.js';
import type { MailKind } from '../db/entities/MailOutbox.js';
import type { Logger } from '../shared/logger.js';
import type { MailTransport } from './mailTransport.js';

export interface NewMail {
  kind: MailKind;
  invitationId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Shown as the sender's name before MAIL_FROM's address (the project's sender name). */
  senderName?: string | null;
  replyTo?: string | null;
}

const MAX_ATTEMPTS = 5;
const CLAIM_MS = 2 * 60_000;
const BATCH = 50;

/** MAIL_FROM with the project's sender name in place of its own; the address stays the one SMTP is set up for. */
export function senderAddress(mailFrom: string, senderName: string | null): string | { name: string; address: string } {
  if (!senderName) return mailFrom;
  const address = /<([^>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { name: senderName, address };
}

/** Store a mail in the caller's transaction: queued for SMTP, or held for the admin when there is none. */
export async function enqueueMail(manager: EntityManager, mail: NewMail, smtpConfigured: boolean, now: Date): Promise<void> {
  await manager.getRepository(MailOutbox).insert({
    kind: mail.kind, invitationId: mail.invitationId, toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html, senderName: mail.senderName ?? null, replyTo: mail.replyTo ?? null,
    status: smtpConfigured ? 'queued' : 'held', attempts: 0, lastError: null, claimedBy: null, claimedUntil: null, sentAt: null, createdAt: now,
  });
}

/**
 * Send queued mail. Each row is claimed with a conditional UPDATE before sending, so two
 * instances never send the same row; a claim that outlives a crash expires and is taken again
 * (a mail may then go out twice, never zero times). Failures retry with backoff, then stay 'failed'.
 */
export async function dispatchQueuedMail(dataSource: DataSource, transport: MailTransport, from: string, holder: string, now: Date, logger: Logger): Promise<{ sent: number; failed: number }> {
  const due = await dataSource.getRepository(MailOutbox).createQueryBuilder('m').select('m.id', 'id')
    .where("(m.status = 'queued' AND (m.claimed_until IS NULL OR m.claimed_until <= :now)) OR (m.status = 'sending' AND m.claimed_until < :now)", { now })
    .orderBy('m.id', 'ASC').limit(BATCH).getRawMany<{ id: number }>();
  let sent = 0;
  let failed = 0;
  for (const { id } of due) {
    const claim = await dataSource.createQueryBuilder().update(MailOutbox)
      .set({ status: 'sending', claimedBy: holder, claimedUntil: new Date(now.getTime() + CLAIM_MS) })
      .where("id = :id AND ((status = 'queued' AND (claimed_until IS NULL OR claimed_until <= :now)) OR (status = 'sending' AND claimed_until < :now))", { id: Number(id), now })
      .execute();
    if (claim.affected !== 1) continue;
    const mail = await dataSource.getRepository(MailOutbox).findOneByOrFail({ id: Number(id) });
    try {
      await transport.send({ from: senderAddress(from, mail.senderName), replyTo: mail.replyTo, to: mail.toAddress, subject: mail.subject, text: mail.textBody, html: mail.htmlBody });
      await dataSource.getRepository(MailOutbox).update(mail.id, { status: 'sent', sentAt: now, attempts: mail.attempts + 1, lastError: null });
      sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await dataSource.getRepository(MailOutbox).update(mail.id, {
        status: giveUp ? 'failed' : 'queued', attempts, lastError: String((error as Error).message ?? error).slice(0, 2000),
        claimedUntil: giveUp ? null : new Date(now.getTime() + 2 ** attempts * 60_000),
      });
      logger.warn('mail not sent', { mailId: mail.id, attempts, error: (error as Error).message });
      failed++;
    }
  }
  return { sent, failed };
}
