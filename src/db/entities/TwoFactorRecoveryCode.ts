import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time code that stands in for the authenticator app once; only its SHA-256 is stored. */
@Entity('two_factor_recovery_code')
export class TwoFactorRecoveryCode {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'user_id', type: 'int' }) userId!: number;
  @Column({ name: 'code_hash', type: 'varchar', length: 64 }) codeHash!: string;
  @Column({ name: 'used_at', type: 'datetime', nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
