import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One stored revision of a questionnaire file. A file changed after responses exist for its
 * revision becomes a new revision, so every response keeps the exact questionnaire it answered.
 */
@Entity('questionnaire_version')
export class QuestionnaireVersion {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'questionnaire_id', type: 'varchar', length: 64 }) questionnaireId!: string;
  @Column({ type: 'int' }) revision!: number;
  /** The author's version label from the file. */
  @Column({ type: 'varchar', length: 32 }) version!: string;
  @Column({ name: 'content_hash', type: 'varchar', length: 64 }) contentHash!: string;
  /** The questionnaire JSON as validated at start. */
  @Column({ type: 'text' }) definition!: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
