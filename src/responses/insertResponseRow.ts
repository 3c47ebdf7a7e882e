import type { DataSource, EntityManager } from 'typeorm';
import { Response } from '../db/entities/index.js';
import { runPrepared } from '../db/preparedStatement.js';

export type ResponseRow = Omit<Response, 'id'>;

/**
 * Insert a response row with one plain (prepared) INSERT and return its id. TypeORM's entity insert took
 * several times the CPU of the statement itself on every submission; the values still pass
 * through the driver's own conversion (dates) and the id comes from its own insert result.
 */
export async function insertResponseRow(manager: EntityManager, row: ResponseRow): Promise<number> {
  const insert = responseInsert(manager.connection, row);
  const result: unknown = await runPrepared(manager, insert.sql, insert.values);
  return insertedResponseId(manager.connection, result);
}

/** The INSERT of a response row, its columns from the entity and its values converted by the driver. */
export function responseInsert(dataSource: DataSource, row: ResponseRow): { sql: string; values: unknown[] } {
  const driver = dataSource.driver;
  const columns = dataSource.getMetadata(Response).columns.filter((column) => !column.isGenerated);
  return {
    sql: `INSERT INTO response (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    values: columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)),
  };
}

/** The id of the response an INSERT's result reports. */
export function insertedResponseId(dataSource: DataSource, result: unknown): number {
  const generated = dataSource.driver.createGeneratedMap(dataSource.getMetadata(Response), result, 0, 1);
  if (!generated?.id) throw new Error('The database returned no id for the inserted response');
  return Number(generated.id);
}
