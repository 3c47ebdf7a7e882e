import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Logger } from './logger.js';

/**
 * The key that signs sessions and derives invitation links. With the embedded SQLite default a
 * key is created once and kept beside the database (a single instance, no shared config needed);
 * with MySQL the configuration must give SECRET_KEY (checked in loadConfig).
 */
export function resolveSecretKey(config: Pick<Config, 'secretKey' | 'databaseUrl' | 'sqliteFile'>, logger: Logger): string {
  if (config.secretKey) return config.secretKey;
  if (config.databaseUrl) throw new Error('SECRET_KEY is required with DATABASE_URL');
  if (config.sqliteFile === ':memory:') return randomBytes(48).toString('base64url');
  const file = path.join(path.dirname(config.sqliteFile), 'secret.key');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    logger.info('created a secret key for the embedded database; set SECRET_KEY to choose your own', { file });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
