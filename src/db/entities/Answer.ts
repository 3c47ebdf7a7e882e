import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One answer in long format, so analysis can count per item × category × round in SQL.
 * item_id is the answerable item (a likert statement, a choice, a number …); sub_id is the
 * matrix row or allocation category, '' otherwise.
 */
@Entity('answer')
export class Answer {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ name: 'response_id', type: 'int' }) responseId!: number;
  @Column({ name: 'round_id', type: 'int' }) roundId!: number;
  @Column({ name: 'item_id', type: 'varchar', length: 64 }) itemId!: string;
  @Column({ name: 'sub_id', type: 'varchar', length: 64 }) subId!: string;
  /** Scale code (likert, choice, matrix). */
  @Column({ name: 'value_code', type: 'int', nullable: true }) valueCode!: number | null;
  /** Numbers and allocation shares. */
  @Column({ name: 'value_number', type: 'double', nullable: true }) valueNumber!: number | null;
  @Column({ name: 'value_text', type: 'text', nullable: true }) valueText!: string | null;
}
