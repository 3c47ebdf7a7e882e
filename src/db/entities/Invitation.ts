import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One personal link per caseworker per round. Only the SHA-256 of the token is stored. */
@Entity('invitation')
export class Invitation {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'round_id', type: 'int' }) roundId!: number;
  @Column({ name: 'respondent_id', type: 'int', nullable: true }) respondentId!: number | null;
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ name: 'opened_at', type: 'datetime', nullable: true }) openedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
