import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type UserRole = 'admin' | 'lead';

/** A person who signs in: an admin (everything) or a project lead (read access to given projects). */
@Entity('user_account')
export class UserAccount {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ type: 'varchar', length: 254 }) email!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) role!: UserRole;
  /** scrypt hash; null until the person has chosen a password through their set-up link. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true }) passwordHash!: string | null;
  @Column({ name: 'setup_token_hash', type: 'varchar', length: 64, nullable: true }) setupTokenHash!: string | null;
  @Column({ name: 'setup_expires_at', type: 'datetime', nullable: true }) setupExpiresAt!: Date | null;
  @Column({ type: 'boolean' }) active!: boolean;
  /** Raised whenever this person's access must end; older sessions and API tokens stop working. */
  @Column({ name: 'credentials_version', type: 'int', default: 0 }) credentialsVersion!: number;
  /** The authenticator (TOTP) secret, encrypted (twoFactor/secretBox.ts); in force once totpEnabledAt is set. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 255, nullable: true }) totpSecret!: string | null;
  @Column({ name: 'totp_enabled_at', type: 'datetime', nullable: true }) totpEnabledAt!: Date | null;
  /** The time step of the last code accepted: that code and older ones are refused. */
  @Column({ name: 'totp_last_step', type: 'int', nullable: true }) totpLastStep!: number | null;
  @Column({ name: 'last_login_at', type: 'datetime', nullable: true }) lastLoginAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
