import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/dataSource.js';

export interface TestDatabase {
  name: 'sqlite' | 'mariadb';
  /** Open a fresh, migrated database; undefined when this driver cannot run here (outside CI). */
  open(): Promise<DataSource | undefined>;
}

/** The server and database the MariaDB suite uses; the tables in it are dropped and recreated. */
const configuredMysqlUrl = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/**
 * Each test process works in its own database beside the configured one (`test_p<pid>`), so two
 * test runs on one server (a developer's and an editor's, or parallel CI jobs) cannot drop each
 * other's tables. Set TEST_MYSQL_SHARED=true to use the configured database itself.
 */
export const mysqlTestUrl = (() => {
  if (process.env.TEST_MYSQL_SHARED === 'true') return configuredMysqlUrl;
  const url = new URL(configuredMysqlUrl);
  url.pathname = `${url.pathname.replace(/^\//, '')}_p${process.pid}`;
  return url.toString();
})();

const databaseName = (url: string) => new URL(url).pathname.replace(/^\//, '');

function serverUrl(url: string): string {
  const server = new URL(url);
  server.pathname = '';
  return server.toString();
}

let createdDatabase = false;

/** Tables in an order that respects foreign keys when dropping. */
const tables = [
  'startup_lock', 'two_factor_recovery_code', 'project_texts', 'job_lease', 'mail_outbox', 'org_unit', 'project_group', 'audit_log', 'api_token', 'web_session', 'project_lead', 'user_account',
  'draft', 'answer', 'response', 'invitation', 'respondent', 'round', 'questionnaire_version', 'project', 'migrations',
];

async function resetMysql(url: string): Promise<boolean> {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({ uri: serverUrl(url), connectTimeout: 3000 });
  } catch (error) {
    // In CI the MariaDB suite is required: a missing database is a failure, never a skip.
    if (process.env.CI) throw new Error(`MariaDB is required in CI but ${url} is unreachable: ${(error as Error).message}`);
    console.warn(`    (MariaDB at ${url} unreachable: skipping the MariaDB run of this suite)`);
    return false;
  }
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${databaseName(url)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    createdDatabase = url !== configuredMysqlUrl;
    await connection.query(`USE \`${databaseName(url)}\``);
    await connection.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const table of tables) await connection.query(`DROP TABLE IF EXISTS \`${table}\``);
    await connection.query('SET FOREIGN_KEY_CHECKS = 1');
    return true;
  } finally {
    await connection.end();
  }
}

let sqliteCounter = 0;
const sqliteDirs: string[] = [];

export const testDatabases: TestDatabase[] = [
  {
    name: 'sqlite',
    async open() {
      // A real file, not :memory:, so WAL and the file-based path are what is tested.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-test-'));
      sqliteDirs.push(dir);
      return openDatabase({ databaseUrl: undefined, sqliteFile: path.join(dir, `test-${++sqliteCounter}.sqlite`) });
    },
  },
  {
    name: 'mariadb',
    async open() {
      if (!(await resetMysql(mysqlTestUrl))) return undefined;
      return openDatabase({ databaseUrl: mysqlTestUrl, sqliteFile: '' });
    },
  },
];

// The per-process database and the SQLite files go when the run ends.
after(async () => {
  for (const dir of sqliteDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  if (!createdDatabase) return;
  const connection = await mysql.createConnection({ uri: serverUrl(mysqlTestUrl), connectTimeout: 3000 });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(mysqlTestUrl)}\``);
  } finally {
    await connection.end();
  }
});
