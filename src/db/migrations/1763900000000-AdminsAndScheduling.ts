import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAtColumn as createdAt, foreignKey as fk, idColumn as id, longTextType } from './schemaHelpers.js';

/** Accounts, sessions, audit log, project structure, round schedules, invitations by mail. */
export class AdminsAndScheduling1763900000000 implements MigrationInterface {
  name = 'AdminsAndScheduling1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const longText = longTextType(queryRunner);

    await queryRunner.createTable(new Table({
      name: 'user_account',
      columns: [
        id,
        { name: 'email', type: 'varchar', length: '254' },
        { name: 'name', type: 'varchar', length: '200' },
        { name: 'role', type: 'varchar', length: '16' },
        { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
        { name: 'setup_token_hash', type: 'varchar', length: '64', isNullable: true },
        { name: 'setup_expires_at', type: 'datetime', isNullable: true },
        { name: 'active', type: 'boolean', default: true },
        { name: 'last_login_at', type: 'datetime', isNullable: true },
        createdAt,
      ],
      uniques: [{ name: 'uq_user_email', columnNames: ['email'] }, { name: 'uq_user_setup_token', columnNames: ['setup_token_hash'] }],
    }));

    await queryRunner.createTable(new Table({
      name: 'project_lead',
      columns: [
        { name: 'project_id', type: 'integer', isPrimary: true },
        { name: 'user_id', type: 'integer', isPrimary: true },
      ],
      foreignKeys: [fk('project_id', 'project', 'CASCADE'), fk('user_id', 'user_account', 'CASCADE')],
    }));

    await queryRunner.createTable(new Table({
      name: 'web_session',
      columns: [
        { name: 'sid', type: 'varchar', length: '128', isPrimary: true },
        { name: 'data', type: 'text' },
        { name: 'expires_at', type: 'datetime' },
      ],
      indices: [{ name: 'idx_session_expires', columnNames: ['expires_at'] }],
    }));

    await queryRunner.createTable(new Table({
      name: 'api_token',
      columns: [
        id,
        { name: 'user_id', type: 'integer' },
        { name: 'name', type: 'varchar', length: '100' },
        { name: 'token_hash', type: 'varchar', length: '64' },
        { name: 'last_used_at', type: 'datetime', isNullable: true },
        { name: 'revoked_at', type: 'datetime', isNullable: true },
        createdAt,
      ],
      uniques: [{ name: 'uq_api_token_hash', columnNames: ['token_hash'] }],
      foreignKeys: [fk('user_id', 'user_account', 'CASCADE')],
    }));

    await queryRunner.createTable(new Table({
      name: 'audit_log',
      columns: [
        id,
        { name: 'user_id', type: 'integer', isNullable: true },
        { name: 'actor', type: 'varchar', length: '254' },
        { name: 'action', type: 'varchar', length: '64' },
        { name: 'object_type', type: 'varchar', length: '32' },
        { name: 'object_id', type: 'varchar', length: '64', isNullable: true },
        { name: 'details', type: 'text', isNullable: true },
        { name: 'ip', type: 'varchar', length: '64', isNullable: true },
        { name: 'created_at', type: 'datetime' },
      ],
      indices: [{ name: 'idx_audit_created', columnNames: ['created_at'] }, { name: 'idx_audit_object', columnNames: ['object_type', 'object_id'] }],
      foreignKeys: [fk('user_id', 'user_account', 'SET NULL')],
    }));

    await queryRunner.createTable(new Table({
      name: 'project_group',
      columns: [
        id,
        { name: 'project_id', type: 'integer' },
        { name: 'name', type: 'varchar', length: '50' },
        { name: 'kind', type: 'varchar', length: '16' },
      ],
      uniques: [{ name: 'uq_project_group', columnNames: ['project_id', 'name'] }],
      foreignKeys: [fk('project_id', 'project', 'CASCADE')],
    }));

    await queryRunner.createTable(new Table({
      name: 'org_unit',
      columns: [
        id,
        { name: 'project_id', type: 'integer' },
        { name: 'municipality', type: 'varchar', length: '100' },
        { name: 'team', type: 'varchar', length: '100', default: "''" },
      ],
      uniques: [{ name: 'uq_org_unit', columnNames: ['project_id', 'municipality', 'team'] }],
      foreignKeys: [fk('project_id', 'project', 'CASCADE')],
    }));

    await queryRunner.addColumns('respondent', [
      new TableColumn({ name: 'language', type: 'varchar', length: '2', isNullable: true }),
      new TableColumn({ name: 'erased_at', type: 'datetime', isNullable: true }),
    ]);

    await queryRunner.addColumns('round', [
      new TableColumn({ name: 'reminder_days', type: 'varchar', length: '200', default: "'[]'" }),
      new TableColumn({ name: 'recurrence_cron', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'parent_round_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'invite_filter', type: 'text', isNullable: true }),
      new TableColumn({ name: 'open_link_nonce', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'open_link_hash', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await queryRunner.createIndex('round', new TableIndex({ name: 'uq_round_open_link', columnNames: ['open_link_hash'], isUnique: true }));
    await queryRunner.createIndex('round', new TableIndex({ name: 'idx_round_status', columnNames: ['status', 'opens_at'] }));

    await queryRunner.addColumns('invitation', [
      new TableColumn({ name: 'token_nonce', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'sent_at', type: 'datetime', isNullable: true }),
      new TableColumn({ name: 'reminder_count', type: 'integer', default: 0 }),
      new TableColumn({ name: 'last_reminded_at', type: 'datetime', isNullable: true }),
      new TableColumn({ name: 'self_code', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await queryRunner.createIndex('invitation', new TableIndex({ name: 'idx_invitation_round_self_code', columnNames: ['round_id', 'self_code'] }));

    await queryRunner.createTable(new Table({
      name: 'mail_outbox',
      columns: [
        id,
        { name: 'kind', type: 'varchar', length: '16' },
        { name: 'invitation_id', type: 'integer', isNullable: true },
        { name: 'to_address', type: 'varchar', length: '254' },
        { name: 'subject', type: 'varchar', length: '300' },
        { name: 'text_body', type: longText },
        { name: 'html_body', type: longText, isNullable: true },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'attempts', type: 'integer', default: 0 },
        { name: 'last_error', type: 'text', isNullable: true },
        { name: 'claimed_by', type: 'varchar', length: '64', isNullable: true },
        { name: 'claimed_until', type: 'datetime', isNullable: true },
        { name: 'sent_at', type: 'datetime', isNullable: true },
        createdAt,
      ],
      indices: [{ name: 'idx_mail_status', columnNames: ['status'] }],
      foreignKeys: [fk('invitation_id', 'invitation', 'SET NULL')],
    }));

    await queryRunner.createTable(new Table({
      name: 'job_lease',
      columns: [
        { name: 'name', type: 'varchar', length: '64', isPrimary: true },
        { name: 'holder', type: 'varchar', length: '64' },
        { name: 'expires_at', type: 'datetime' },
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['job_lease', 'mail_outbox']) await queryRunner.dropTable(table);
    await queryRunner.dropIndex('invitation', 'idx_invitation_round_self_code');
    for (const column of ['self_code', 'last_reminded_at', 'reminder_count', 'sent_at', 'token_nonce']) await queryRunner.dropColumn('invitation', column);
    await queryRunner.dropIndex('round', 'idx_round_status');
    await queryRunner.dropIndex('round', 'uq_round_open_link');
    for (const column of ['open_link_hash', 'open_link_nonce', 'invite_filter', 'parent_round_id', 'recurrence_cron', 'reminder_days']) await queryRunner.dropColumn('round', column);
    for (const column of ['erased_at', 'language']) await queryRunner.dropColumn('respondent', column);
    for (const table of ['org_unit', 'project_group', 'audit_log', 'api_token', 'web_session', 'project_lead', 'user_account']) await queryRunner.dropTable(table);
  }
}
