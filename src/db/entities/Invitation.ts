import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One personal link per caseworker per round. Only the SHA-256 of the token is stored; the token
 * itself is derived from `token_nonce` with the server's secret key, so mails and the CSV export
 * can show the link again while a copy of the database alone reveals no working link.
 */
@Entity('invitation')
export class Invitation {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'round_id', type: 'int' }) roundId!: number;
  @Column({ name: 'respondent_id', type: 'int', nullable: true }) respondentId!: number | null;
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ name: 'token_nonce', type: 'varchar', length: 32, nullable: true }) tokenNonce!: string | null;
  @Column({ name: 'opened_at', type: 'datetime', nullable: true }) openedAt!: Date | null;
  /** Set when the invitation mail was queued; the conditional update that sets it is the claim. */
  @Column({ name: 'sent_at', type: 'datetime', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'reminder_count', type: 'int', default: 0 }) reminderCount!: number;
  @Column({ name: 'last_reminded_at', type: 'datetime', nullable: true }) lastRemindedAt!: Date | null;
  /** Self-generated code given on the anonymous open link, used to pair answers across rounds. */
  @Column({ name: 'self_code', type: 'varchar', length: 64, nullable: true }) selfCode!: string | null;
  /** Open link only: SHA-256 of the resume secret in the cookie of the browser that saved the draft or answer. */
  @Column({ name: 'resume_hash', type: 'varchar', length: 64, nullable: true }) resumeHash!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
