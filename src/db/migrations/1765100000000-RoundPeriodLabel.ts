import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The period a round asks about, as the admin words it ("uge 10 og 11"), filling `{period}` in
 * the questionnaire's texts (issue 14). Null: the form derives it from the round's dates.
 */
export class RoundPeriodLabel1765100000000 implements MigrationInterface {
  name = 'RoundPeriodLabel1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('round', new TableColumn({ name: 'period_label_da', type: 'varchar', length: '100', isNullable: true }));
    await queryRunner.addColumn('round', new TableColumn({ name: 'period_label_en', type: 'varchar', length: '100', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('round', 'period_label_en');
    await queryRunner.dropColumn('round', 'period_label_da');
  }
}
