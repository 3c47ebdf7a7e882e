import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RoundStatus = 'scheduled' | 'open' | 'closed';

@Entity('round')
export class Round {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ name: 'questionnaire_version_id', type: 'int' }) questionnaireVersionId!: number;
  /** START, END, R1 … */
  @Column({ type: 'varchar', length: 32 }) label!: string;
  @Column({ type: 'varchar', length: 16 }) status!: RoundStatus;
  @Column({ name: 'opens_at', type: 'datetime', nullable: true }) opensAt!: Date | null;
  @Column({ name: 'closes_at', type: 'datetime', nullable: true }) closesAt!: Date | null;
  /** Days after opening on which those who have not submitted are reminded, as a JSON array. */
  @Column({ name: 'reminder_days', type: 'varchar', length: 200, default: '[]' }) reminderDays!: string;
  /** A cron expression (Europe/Copenhagen) on which the round repeats as a new child round. */
  @Column({ name: 'recurrence_cron', type: 'varchar', length: 100, nullable: true }) recurrenceCron!: string | null;
  @Column({ name: 'parent_round_id', type: 'int', nullable: true }) parentRoundId!: number | null;
  /** Who is invited, as JSON: {} for all active caseworkers, or { municipality, team, group, role } filters. */
  @Column({ name: 'invite_filter', type: 'text', nullable: true }) inviteFilter!: string | null;
  /** Random nonce of the anonymous open link (null: no open link). The link itself is derived with the secret key. */
  @Column({ name: 'open_link_nonce', type: 'varchar', length: 32, nullable: true }) openLinkNonce!: string | null;
  @Column({ name: 'open_link_hash', type: 'varchar', length: 64, nullable: true }) openLinkHash!: string | null;
  /** Fills `{period}` in the questionnaire's texts; null: derived from the round's dates (src/rounds/roundPeriod.ts). */
  @Column({ name: 'period_label_da', type: 'varchar', length: 100, nullable: true }) periodLabelDa!: string | null;
  @Column({ name: 'period_label_en', type: 'varchar', length: 100, nullable: true }) periodLabelEn!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
