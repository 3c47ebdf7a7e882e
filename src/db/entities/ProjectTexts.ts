import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A project's own mail texts, contact and privacy notice: one JSON document (see projectTexts/textSchemas.ts). */
@Entity('project_texts')
export class ProjectTexts {
  @PrimaryColumn({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ type: 'text' }) content!: string;
  @Column({ name: 'updated_at', type: 'datetime' }) updatedAt!: Date;
}
