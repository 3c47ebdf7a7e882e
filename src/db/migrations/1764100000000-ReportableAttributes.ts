import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Which respondent attributes a project's leads may see and filter by. */
export class ReportableAttributes1764100000000 implements MigrationInterface {
  name = 'ReportableAttributes1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('project', new TableColumn({ name: 'reportable_attributes', type: 'varchar', length: '200', default: `'["municipality","team","group","role"]'` }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('project', 'reportable_attributes');
  }
}
