import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { foreignKey, longTextType } from './schemaHelpers.js';

/**
 * Per-project texts (issue 13): invitation and reminder mails, sender name, reply-to, the
 * project contact and the privacy notice, in Danish and English. One JSON document per project
 * in its own table, validated as a whole on every write, keeps the project row small; a project
 * without a row uses the defaults. The outbox keeps each mail's sender name and reply-to, so a
 * queued mail goes out as it was written even if the texts change before it is sent.
 */
export class ProjectTexts1765000000000 implements MigrationInterface {
  name = 'ProjectTexts1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'project_texts',
      columns: [
        { name: 'project_id', type: 'integer', isPrimary: true },
        { name: 'content', type: longTextType(queryRunner) },
        { name: 'updated_at', type: 'datetime' },
      ],
      foreignKeys: [foreignKey('project_id', 'project', 'CASCADE')],
    }));
    await queryRunner.addColumn('mail_outbox', new TableColumn({ name: 'sender_name', type: 'varchar', length: '100', isNullable: true }));
    await queryRunner.addColumn('mail_outbox', new TableColumn({ name: 'reply_to', type: 'varchar', length: '254', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('mail_outbox', 'reply_to');
    await queryRunner.dropColumn('mail_outbox', 'sender_name');
    await queryRunner.dropTable('project_texts');
  }
}
