import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organisation unit: a municipality (team '') or a team/department within it. */
@Entity('org_unit')
export class OrgUnit {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ type: 'varchar', length: 100 }) municipality!: string;
  @Column({ type: 'varchar', length: 100 }) team!: string;
}
