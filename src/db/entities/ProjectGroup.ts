import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type GroupKind = 'intervention' | 'control';

/** A comparison group of a project (e.g. the trial department vs the ordinary departments). */
@Entity('project_group')
export class ProjectGroup {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ type: 'varchar', length: 50 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: GroupKind;
}
