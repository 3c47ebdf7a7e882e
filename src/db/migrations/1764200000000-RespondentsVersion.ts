import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A counter per project that every change to its caseworkers raises, so a computed comparison
 * (whose segments depend on their units and groups) can tell whether it is still current.
 */
export class RespondentsVersion1764200000000 implements MigrationInterface {
  name = 'RespondentsVersion1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('project', new TableColumn({ name: 'respondents_version', type: 'integer', default: 0 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('project', 'respondents_version');
  }
}
