import type { EntityManager } from 'typeorm';
import { Response } from '../db/entities/index.js';
import { runPrepared } from '../db/preparedStatement.js';

export type ResponseRow = Omit<Response, 'id'>;

/**
 * Insert a response row with one plain (prepared) INSERT and return its id. TypeORM's entity insert took
 * several times the CPU of the statement itself on every submission; the values still pass
 * through the driver's own conversion (dates) and the id comes from its own insert result.
 */
export async function insertResponseRow(manager: EntityManager, row: ResponseRow): Promise<number> {
  const driver = manager.connection.driver;
  const metadata = manager.connection.getMetadata(Response);
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  const result: unknown = await runPrepared(manager,
    `INSERT INTO response (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)),
  );
  const generated = driver.createGeneratedMap(metadata, result, 0, 1);
  if (!generated?.id) throw new Error('The database returned no id for the inserted response');
  return Number(generated.id);
}
