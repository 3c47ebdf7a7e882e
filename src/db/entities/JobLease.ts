import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A time-limited lease on a scheduled job, so that with several instances one runs it at a time. */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 64 }) holder!: string;
  @Column({ name: 'expires_at', type: 'datetime' }) expiresAt!: Date;
}
