import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The comparison reads every answer of a round's items (close to a million rows at 10,000
 * caseworkers). With response id and value in the index, that read is a range scan of the index
 * alone instead of a lookup in the table per row (measured: about half the time at 10,000).
 * It replaces the index it extends, so the optimiser cannot pick the narrower one.
 */
export class CoveringAnswerIndex1764300000000 implements MigrationInterface {
  name = 'CoveringAnswerIndex1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('answer', new TableIndex({ name: 'idx_answer_round_item_values', columnNames: ['round_id', 'item_id', 'sub_id', 'value_code', 'response_id', 'value_number'] }));
    await queryRunner.dropIndex('answer', 'idx_answer_round_item');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('answer', new TableIndex({ name: 'idx_answer_round_item', columnNames: ['round_id', 'item_id', 'sub_id', 'value_code'] }));
    await queryRunner.dropIndex('answer', 'idx_answer_round_item_values');
  }
}
