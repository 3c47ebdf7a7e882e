import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The comparison reads answer vectors now, not the answer table by round × item, so the wide
 * covering index (round, item, sub-item, code, response, number) served no query and only cost
 * every submission an entry per answer. round_id keeps an index of its own: the foreign key to
 * round needs one on MariaDB/MySQL, and deleting a round finds its answers through it.
 */
export class NarrowAnswerRoundIndex1764500000000 implements MigrationInterface {
  name = 'NarrowAnswerRoundIndex1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('answer', new TableIndex({ name: 'idx_answer_round', columnNames: ['round_id'] }));
    await queryRunner.dropIndex('answer', 'idx_answer_round_item_values');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('answer', new TableIndex({ name: 'idx_answer_round_item_values', columnNames: ['round_id', 'item_id', 'sub_id', 'value_code', 'response_id', 'value_number'] }));
    await queryRunner.dropIndex('answer', 'idx_answer_round');
  }
}
