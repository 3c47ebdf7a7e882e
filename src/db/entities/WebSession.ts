import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Login sessions live in the database so that several app instances share them. */
@Entity('web_session')
export class WebSession {
  @PrimaryColumn({ type: 'varchar', length: 128 }) sid!: string;
  @Column({ type: 'text' }) data!: string;
  /** The signed-in user, so that ending someone's access can delete their sessions. */
  @Column({ name: 'user_id', type: 'int', nullable: true }) userId!: number | null;
  @Column({ name: 'expires_at', type: 'datetime' }) expiresAt!: Date;
}
