import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Ending a person's access must hold on every instance and survive reactivation:
 * - `user_account.credentials_version` is raised by reset-login, password change, deactivation,
 *   reactivation and role change; a session or API token made under an older version no longer
 *   authenticates (checked on every request, against the database).
 * - `api_token.credentials_version` is the version its owner had when it was made, so a token
 *   created in a request that raced with the revocation is just as dead.
 * - `web_session.user_id` lets the revocation delete a person's sessions without reading them.
 */
export class CredentialRevocation1764900000000 implements MigrationInterface {
  name = 'CredentialRevocation1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('user_account', new TableColumn({ name: 'credentials_version', type: 'integer', default: 0 }));
    await queryRunner.addColumn('api_token', new TableColumn({ name: 'credentials_version', type: 'integer', default: 0 }));
    await queryRunner.addColumn('web_session', new TableColumn({ name: 'user_id', type: 'integer', isNullable: true }));
    await queryRunner.createIndex('web_session', new TableIndex({ name: 'idx_session_user', columnNames: ['user_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('web_session', 'idx_session_user');
    await queryRunner.dropColumn('web_session', 'user_id');
    await queryRunner.dropColumn('api_token', 'credentials_version');
    await queryRunner.dropColumn('user_account', 'credentials_version');
  }
}
