import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A submitted questionnaire. invitation_id is unique: one submission per invitation. */
@Entity('response')
export class Response {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'invitation_id', type: 'int' }) invitationId!: number;
  @Column({ name: 'round_id', type: 'int' }) roundId!: number;
  @Column({ name: 'respondent_id', type: 'int', nullable: true }) respondentId!: number | null;
  @Column({ name: 'questionnaire_version_id', type: 'int' }) questionnaireVersionId!: number;
  @Column({ type: 'varchar', length: 2 }) language!: 'da' | 'en';
  @Column({ name: 'submitted_at', type: 'datetime' }) submittedAt!: Date;
  /** The numeric answers packed in the order of answerVectorLayout (src/responses/answerVector.ts); null for responses stored before it existed until the start-up backfill or a comparison fills it in. */
  @Column({ name: 'answer_vector', type: 'blob', nullable: true }) answerVector!: Buffer | null;
}
