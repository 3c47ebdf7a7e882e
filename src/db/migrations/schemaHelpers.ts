import { TableForeignKey, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Shared by migrations. Change nothing here that an applied migration relies on: add new helpers.

export const idColumn: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
export const createdAtColumn: TableColumnOptions = { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' };

export function foreignKey(column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT'): TableForeignKey {
  return new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });
}

/** MySQL's TEXT stops at 64 KB; long documents need MEDIUMTEXT there. SQLite has one TEXT. */
export function longTextType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'mysql' ? 'mediumtext' : 'text';
}

/** MySQL's BLOB stops at 64 KB; MEDIUMBLOB leaves room for any questionnaire. SQLite has one BLOB. */
export function longBlobType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'mysql' ? 'mediumblob' : 'blob';
}
