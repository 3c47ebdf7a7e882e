import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A recurring round gets each occurrence once, even when two instances schedule at the same moment. */
export class RecurrenceGuard1764000000000 implements MigrationInterface {
  name = 'RecurrenceGuard1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('round', new TableIndex({ name: 'uq_round_occurrence', columnNames: ['parent_round_id', 'opens_at'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('round', 'uq_round_occurrence');
  }
}
