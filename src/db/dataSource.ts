import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config.js';
import { entities } from './entities/index.js';
import { migrations } from './migrations/index.js';
import { serializeSqliteTransactions } from './serializeSqliteTransactions.js';
import { withStartupLock } from './startupLock.js';
import { enableCausalReads } from './causalReads.js';
import { retryTransactionsOnLockConflict } from './transactionRetry.js';
import { DEFAULT_QUERY_TIMEOUT_MS, limitQueryTime } from './queryTimeLimit.js';
import { reusePromiseWrappers } from './reusePromiseWrappers.js';

export type DatabaseKind = 'sqlite' | 'mysql';

export function databaseKind(config: Pick<Config, 'databaseUrl'>): DatabaseKind {
  return config.databaseUrl ? 'mysql' : 'sqlite';
}

/** Build (not connect) the data source the configuration asks for. */
export function createDataSource(config: Pick<Config, 'databaseUrl' | 'sqliteFile'>): DataSource {
  const common = { entities, migrations, migrationsRun: false, synchronize: false, logging: false } as const;
  let options: DataSourceOptions;
  if (config.databaseUrl) {
    options = {
      ...common,
      type: 'mysql',
      url: config.databaseUrl.replace(/^mariadb:/, 'mysql:'),
      // Store and read every DATETIME as UTC, whatever the server's time zone.
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: 20,
      connectTimeout: 5000,
      // mysql2 captures a stack trace on every query to decorate a failed one's error; TypeORM
      // calls it from an async function, so that stack names little more than TypeORM, and the
      // QueryFailedError carries the statement anyway. Capturing it cost ≈ 2.5 % of a submission's CPU.
      trace: false,
      // Prepared statements (preparedStatement.ts) kept per pooled connection, the least recently
      // used closed beyond this: a link's lookups, the response INSERT and one answers INSERT per row
      // count fit, and 20 connections × 64 keeps 12 instances under MariaDB's default
      // max_prepared_stmt_count (16,382) instead of mysql2's 16,000 per connection.
      extra: { maxPreparedStatements: 64 },
      // A submission's writes go as one multi-statement query (responses/submissionBatch.ts). Every
      // statement in Pejling binds its values as placeholders, so no value can end one statement and
      // start another (test/integration/submissionBatch.test.ts tries).
      multipleStatements: true,
    };
  } else {
    if (config.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(config.sqliteFile), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: config.sqliteFile,
      // WAL lets the dashboard read while a submission writes; busy_timeout waits out short locks.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return new DataSource(options);
}

/**
 * Connect and bring the schema up to date (migrations always run at start); from then on every
 * statement has a time limit and every transaction retries a lock conflict. On a Galera node
 * every read waits for the cluster's earlier commits (db/causalReads.ts), the migrations' own
 * reads included: an instance must see the migrations another one ran through another node.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'sqliteFile'> & Partial<Pick<Config, 'dbQueryTimeoutMs'>>): Promise<DataSource> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  await enableCausalReads(dataSource);
  if (databaseKind(config) === 'sqlite') serializeSqliteTransactions(dataSource);
  // After the serialisation, so that each new attempt queues again behind the others.
  retryTransactionsOnLockConflict(dataSource);
  await withStartupLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  limitQueryTime(dataSource, config.dbQueryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
  reusePromiseWrappers(dataSource);
  return dataSource;
}
