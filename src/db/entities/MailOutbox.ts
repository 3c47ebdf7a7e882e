import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'held';
export type MailKind = 'invitation' | 'reminder' | 'account' | 'test';

/**
 * Every mail Pejling sends goes through here. With SMTP configured the dispatcher sends queued
 * mail (claiming each row first, so two instances never send one twice); without SMTP, mail is
 * "held" for the admin to read and download.
 */
@Entity('mail_outbox')
export class MailOutbox {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: MailKind;
  @Column({ name: 'invitation_id', type: 'int', nullable: true }) invitationId!: number | null;
  @Column({ name: 'to_address', type: 'varchar', length: 254 }) toAddress!: string;
  @Column({ type: 'varchar', length: 300 }) subject!: string;
  @Column({ name: 'text_body', type: 'text' }) textBody!: string;
  @Column({ name: 'html_body', type: 'text', nullable: true }) htmlBody!: string | null;
  /** The project's sender name (the address stays MAIL_FROM's) and reply-to; null: MAIL_FROM as it is, no reply-to. */
  @Column({ name: 'sender_name', type: 'varchar', length: 100, nullable: true }) senderName!: string | null;
  @Column({ name: 'reply_to', type: 'varchar', length: 254, nullable: true }) replyTo!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: MailStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true }) claimedBy!: string | null;
  @Column({ name: 'claimed_until', type: 'datetime', nullable: true }) claimedUntil!: Date | null;
  @Column({ name: 'sent_at', type: 'datetime', nullable: true }) sentAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
