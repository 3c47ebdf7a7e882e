import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Answers saved while a caseworker works, so the same link resumes where they left off. */
@Entity('draft')
export class Draft {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'invitation_id', type: 'int' }) invitationId!: number;
  /** The raw answers as JSON (not yet validated: a draft may be incomplete or even wrong). */
  @Column({ type: 'text' }) answers!: string;
  @Column({ type: 'varchar', length: 2 }) language!: 'da' | 'en';
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' }) updatedAt!: Date;
}
