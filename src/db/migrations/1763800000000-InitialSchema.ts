import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAtColumn as createdAt, foreignKey as fk, idColumn as id, longTextType } from './schemaHelpers.js';

/** The tables of the foundation: projects, questionnaire revisions, rounds, people, links, answers. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const longText = longTextType(queryRunner);

    await queryRunner.createTable(new Table({
      name: 'project',
      columns: [
        id,
        { name: 'name', type: 'varchar', length: '200' },
        { name: 'default_language', type: 'varchar', length: '2' },
        { name: 'anonymity_k', type: 'integer', default: 5 },
        createdAt,
      ],
    }));

    await queryRunner.createTable(new Table({
      name: 'questionnaire_version',
      columns: [
        id,
        { name: 'questionnaire_id', type: 'varchar', length: '64' },
        { name: 'revision', type: 'integer' },
        { name: 'version', type: 'varchar', length: '32' },
        { name: 'content_hash', type: 'varchar', length: '64' },
        { name: 'definition', type: longText },
        createdAt,
      ],
      uniques: [{ name: 'uq_questionnaire_revision', columnNames: ['questionnaire_id', 'revision'] }],
    }));

    await queryRunner.createTable(new Table({
      name: 'round',
      columns: [
        id,
        { name: 'project_id', type: 'integer' },
        { name: 'questionnaire_version_id', type: 'integer' },
        { name: 'label', type: 'varchar', length: '32' },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'opens_at', type: 'datetime', isNullable: true },
        { name: 'closes_at', type: 'datetime', isNullable: true },
        createdAt,
      ],
      foreignKeys: [fk('project_id', 'project', 'CASCADE'), fk('questionnaire_version_id', 'questionnaire_version')],
    }));

    await queryRunner.createTable(new Table({
      name: 'respondent',
      columns: [
        id,
        { name: 'project_id', type: 'integer' },
        { name: 'external_id', type: 'varchar', length: '100', isNullable: true },
        { name: 'name', type: 'varchar', length: '200', isNullable: true },
        { name: 'email', type: 'varchar', length: '254', isNullable: true },
        { name: 'municipality', type: 'varchar', length: '100', isNullable: true },
        { name: 'team', type: 'varchar', length: '100', isNullable: true },
        { name: 'role', type: 'varchar', length: '100', isNullable: true },
        { name: 'group_name', type: 'varchar', length: '50', isNullable: true },
        { name: 'active', type: 'boolean', default: true },
        createdAt,
      ],
      uniques: [
        { name: 'uq_respondent_email', columnNames: ['project_id', 'email'] },
        { name: 'uq_respondent_external_id', columnNames: ['project_id', 'external_id'] },
      ],
      foreignKeys: [fk('project_id', 'project', 'CASCADE')],
    }));

    await queryRunner.createTable(new Table({
      name: 'invitation',
      columns: [
        id,
        { name: 'round_id', type: 'integer' },
        { name: 'respondent_id', type: 'integer', isNullable: true },
        { name: 'token_hash', type: 'varchar', length: '64' },
        { name: 'opened_at', type: 'datetime', isNullable: true },
        createdAt,
      ],
      uniques: [
        { name: 'uq_invitation_token', columnNames: ['token_hash'] },
        { name: 'uq_invitation_round_respondent', columnNames: ['round_id', 'respondent_id'] },
      ],
      foreignKeys: [fk('round_id', 'round', 'CASCADE'), fk('respondent_id', 'respondent', 'SET NULL')],
    }));

    await queryRunner.createTable(new Table({
      name: 'response',
      columns: [
        id,
        { name: 'invitation_id', type: 'integer' },
        { name: 'round_id', type: 'integer' },
        { name: 'respondent_id', type: 'integer', isNullable: true },
        { name: 'questionnaire_version_id', type: 'integer' },
        { name: 'language', type: 'varchar', length: '2' },
        { name: 'submitted_at', type: 'datetime' },
      ],
      // The database, not the application, guarantees one submitted response per invitation.
      uniques: [{ name: 'uq_response_invitation', columnNames: ['invitation_id'] }],
      indices: [{ name: 'idx_response_round_respondent', columnNames: ['round_id', 'respondent_id'] }],
      foreignKeys: [
        fk('invitation_id', 'invitation', 'CASCADE'),
        fk('round_id', 'round', 'CASCADE'),
        fk('respondent_id', 'respondent', 'SET NULL'),
        fk('questionnaire_version_id', 'questionnaire_version'),
      ],
    }));

    await queryRunner.createTable(new Table({
      name: 'answer',
      columns: [
        id,
        { name: 'response_id', type: 'integer' },
        { name: 'round_id', type: 'integer' },
        { name: 'item_id', type: 'varchar', length: '64' },
        { name: 'sub_id', type: 'varchar', length: '64', default: "''" },
        { name: 'value_code', type: 'integer', isNullable: true },
        { name: 'value_number', type: 'double', isNullable: true },
        { name: 'value_text', type: 'text', isNullable: true },
      ],
      foreignKeys: [fk('response_id', 'response', 'CASCADE'), fk('round_id', 'round', 'CASCADE')],
    }));
    await queryRunner.createIndex('answer', new TableIndex({ name: 'idx_answer_response', columnNames: ['response_id'] }));
    // Distribution queries group by round × item × category.
    await queryRunner.createIndex('answer', new TableIndex({ name: 'idx_answer_round_item', columnNames: ['round_id', 'item_id', 'sub_id', 'value_code'] }));

    await queryRunner.createTable(new Table({
      name: 'draft',
      columns: [
        id,
        { name: 'invitation_id', type: 'integer' },
        { name: 'answers', type: longText },
        { name: 'language', type: 'varchar', length: '2' },
        { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
      ],
      uniques: [{ name: 'uq_draft_invitation', columnNames: ['invitation_id'] }],
      foreignKeys: [fk('invitation_id', 'invitation', 'CASCADE')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['draft', 'answer', 'response', 'invitation', 'respondent', 'round', 'questionnaire_version', 'project']) {
      await queryRunner.dropTable(table);
    }
  }
}
