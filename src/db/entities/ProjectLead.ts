import { Entity, PrimaryColumn } from 'typeorm';

/** Which projects a project lead may read. */
@Entity('project_lead')
export class ProjectLead {
  @PrimaryColumn({ name: 'project_id', type: 'int' }) projectId!: number;
  @PrimaryColumn({ name: 'user_id', type: 'int' }) userId!: number;
}
