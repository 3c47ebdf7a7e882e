import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_log.details holds the JSON of what an admin changed; a project with 2,000 units is more
 * than MySQL's TEXT (64 KB) takes, so the change failed with "Data too long". MEDIUMTEXT (16 MB)
 * holds any body the request limits let through; SQLite's TEXT has no such limit.
 */
export class AuditDetailsMediumText1764800000000 implements MigrationInterface {
  name = 'AuditDetailsMediumText1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'mysql') await queryRunner.query('ALTER TABLE `audit_log` MODIFY `details` MEDIUMTEXT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'mysql') await queryRunner.query('ALTER TABLE `audit_log` MODIFY `details` TEXT NULL');
  }
}
