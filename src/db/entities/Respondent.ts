import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A caseworker in a project. The id is stable and pairs their answers across rounds. */
@Entity('respondent')
export class Respondent {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'project_id', type: 'int' }) projectId!: number;
  @Column({ name: 'external_id', type: 'varchar', length: 100, nullable: true }) externalId!: string | null;
  /** Name and email are personal data: null once a person is erased. */
  @Column({ type: 'varchar', length: 200, nullable: true }) name!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) municipality!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) team!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) role!: string | null;
  /** Intervention or control group, when the project has groups. */
  @Column({ name: 'group_name', type: 'varchar', length: 50, nullable: true }) groupName!: string | null;
  /** Language of mails to this person ('da' or 'en'); the project's default when null. */
  @Column({ type: 'varchar', length: 2, nullable: true }) language!: 'da' | 'en' | null;
  @Column({ type: 'boolean' }) active!: boolean;
  /** Set when name and email were erased on request; answers stay, tied to the id only. */
  @Column({ name: 'erased_at', type: 'datetime', nullable: true }) erasedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
