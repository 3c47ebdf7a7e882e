import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A personal API token (Authorization: Bearer …); only its SHA-256 is stored. */
@Entity('api_token')
export class ApiToken {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'user_id', type: 'int' }) userId!: number;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  /** The owner's credentials version when it was made: valid only while the owner's is the same. */
  @Column({ name: 'credentials_version', type: 'int', default: 0 }) credentialsVersion!: number;
  @Column({ name: 'last_used_at', type: 'datetime', nullable: true }) lastUsedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'datetime', nullable: true }) revokedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
