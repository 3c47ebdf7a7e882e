import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('project')
export class Project {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ name: 'default_language', type: 'varchar', length: 2 }) defaultLanguage!: 'da' | 'en';
  /** Anonymity threshold: no figure for a cell with fewer respondents. */
  @Column({ name: 'anonymity_k', type: 'int' }) anonymityK!: number;
  /** JSON list of the respondent attributes leads may see and filter by (see projects/reportableAttributes.ts). */
  @Column({ name: 'reportable_attributes', type: 'varchar', length: 200, default: '["municipality","team","group","role"]' }) reportableAttributes!: string;
  /** JSON list of the elements of the open link's self-generated code (see rounds/selfGeneratedCode.ts). */
  @Column({ name: 'self_code_elements', type: 'varchar', length: 200, default: '["motherInitial","birthDay","birthMonth","olderSiblings","streetInitial"]' }) selfCodeElements!: string;
  /** Raised by every change to the project's caseworkers (import, edit, erase); see respondents/respondentsChanged.ts. */
  @Column({ name: 'respondents_version', type: 'int', default: 0 }) respondentsVersion!: number;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
