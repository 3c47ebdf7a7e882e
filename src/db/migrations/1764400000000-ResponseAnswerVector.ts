import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { longBlobType } from './schemaHelpers.js';

/**
 * Each response's numeric answers packed in one value (src/responses/answerVector.ts): the
 * comparison reads one row per response instead of a query per item over the answer table.
 * Nullable: responses stored before this get theirs from their answer rows when first read.
 */
export class ResponseAnswerVector1764400000000 implements MigrationInterface {
  name = 'ResponseAnswerVector1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('response', new TableColumn({ name: 'answer_vector', type: longBlobType(queryRunner), isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('response', 'answer_vector');
  }
}
