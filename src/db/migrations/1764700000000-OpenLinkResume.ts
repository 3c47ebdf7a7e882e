import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const OLD_FOUR = '["motherInitial","birthDay","olderSiblings","streetInitial"]';
const DEFAULT_FIVE = '["motherInitial","birthDay","birthMonth","olderSiblings","streetInitial"]';

/**
 * The open link's self-generated code gets its elements from a project setting (default: the
 * four of before plus birth month), and an open-link draft resumes only in the browser holding
 * its resume secret (stored as a hash on the invitation).
 */
export class OpenLinkResume1764700000000 implements MigrationInterface {
  name = 'OpenLinkResume1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('project', new TableColumn({ name: 'self_code_elements', type: 'varchar', length: '200', default: `'${DEFAULT_FIVE}'` }));
    // Projects that already hold codes keep the four elements, so their rounds still pair.
    await queryRunner.query(
      `UPDATE project SET self_code_elements = ? WHERE id IN (SELECT r.project_id FROM round r JOIN invitation i ON i.round_id = r.id WHERE i.self_code IS NOT NULL)`,
      [OLD_FOUR],
    );
    await queryRunner.addColumn('invitation', new TableColumn({ name: 'resume_hash', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.createIndex('invitation', new TableIndex({ name: 'uq_invitation_resume_hash', columnNames: ['resume_hash'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('invitation', 'uq_invitation_resume_hash');
    await queryRunner.dropColumn('invitation', 'resume_hash');
    await queryRunner.dropColumn('project', 'self_code_elements');
  }
}
