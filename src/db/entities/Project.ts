import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('project')
export class Project {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ name: 'default_language', type: 'varchar', length: 2 }) defaultLanguage!: 'da' | 'en';
  /** Anonymity threshold: no figure for a cell with fewer respondents. */
  @Column({ name: 'anonymity_k', type: 'int' }) anonymityK!: number;
  @CreateDateColumn({ name: 'created_at', type: 'datetime' }) createdAt!: Date;
}
