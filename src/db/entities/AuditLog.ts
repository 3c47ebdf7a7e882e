import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what, when, to which object: every admin action. */
@Entity('audit_log')
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'user_id', type: 'int', nullable: true }) userId!: number | null;
  /** The actor's email at the time (kept when the account is later removed), or "system". */
  @Column({ type: 'varchar', length: 254 }) actor!: string;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ name: 'object_type', type: 'varchar', length: 32 }) objectType!: string;
  @Column({ name: 'object_id', type: 'varchar', length: 64, nullable: true }) objectId!: string | null;
  /** JSON with what changed. */
  @Column({ type: 'text', nullable: true }) details!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
