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
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
