import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAtColumn, foreignKey, idColumn } from './schemaHelpers.js';

/**
 * Two-factor sign-in for local accounts (issue 17):
 * - `user_account.totp_secret`: the authenticator secret, encrypted with the installation's key;
 *   set when set-up starts, in force once `totp_enabled_at` is set (after a correct code).
 * - `user_account.totp_last_step`: the time step of the last accepted code, so a code that was
 *   seen once (over a shoulder, in a proxy log) is refused if tried again.
 * - `two_factor_recovery_code`: one-time codes for a lost phone, stored as SHA-256 hashes.
 */
export class TwoFactor1765300000000 implements MigrationInterface {
  name = 'TwoFactor1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('user_account', new TableColumn({ name: 'totp_secret', type: 'varchar', length: '255', isNullable: true }));
    await queryRunner.addColumn('user_account', new TableColumn({ name: 'totp_enabled_at', type: 'datetime', isNullable: true }));
    await queryRunner.addColumn('user_account', new TableColumn({ name: 'totp_last_step', type: 'integer', isNullable: true }));
    await queryRunner.createTable(new Table({
      name: 'two_factor_recovery_code',
      columns: [
        idColumn,
        { name: 'user_id', type: 'integer' },
        { name: 'code_hash', type: 'varchar', length: '64' },
        { name: 'used_at', type: 'datetime', isNullable: true },
        createdAtColumn,
      ],
      foreignKeys: [foreignKey('user_id', 'user_account', 'CASCADE')],
      indices: [new TableIndex({ name: 'idx_recovery_code_user', columnNames: ['user_id'] })],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('two_factor_recovery_code');
    await queryRunner.dropColumn('user_account', 'totp_last_step');
    await queryRunner.dropColumn('user_account', 'totp_enabled_at');
    await queryRunner.dropColumn('user_account', 'totp_secret');
  }
}
