import path from 'node:path';
import { compileSchema, describeAjvError } from './shared/ajv.js';
import { StartupError } from './shared/errors.js';

export interface Config {
  port: number;
  /** Unset: the embedded SQLite file `sqliteFile`. `mysql://…`: MySQL/MariaDB through mysql2. */
  databaseUrl: string | undefined;
  sqliteFile: string;
  surveysDir: string;
  /** Public base URL used in invitation links printed and mailed. */
  publicUrl: string;
  /** Create a demo project with a HIR start round when the database is empty. */
  seedDemo: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** The environment variables Pejling reads; README.md documents each with its default. */
const envSchema = {
  $id: 'https://pejling.dk/schemas/env.schema.json',
  type: 'object',
  properties: {
    PORT: { type: 'string', pattern: '^[0-9]{1,5}$' },
    DATABASE_URL: { type: 'string', pattern: '^(mysql|mariadb)://[^/]+/[A-Za-z0-9_$-]+(\\?.*)?$' },
    SQLITE_FILE: { type: 'string', minLength: 1 },
    SURVEYS_DIR: { type: 'string', minLength: 1 },
    PUBLIC_URL: { type: 'string', pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' },
    SEED_DEMO: { enum: ['true', 'false'] },
    LOG_LEVEL: { enum: ['debug', 'info', 'warn', 'error', 'silent'] },
  },
} as const;

const hints: Record<string, string> = {
  PORT: 'a port number such as 3000',
  DATABASE_URL: 'mysql://user:password@host:3306/database, or unset for the embedded SQLite database',
  PUBLIC_URL: 'an absolute http(s) URL such as https://pejling.example.dk',
};

type Env = Partial<Record<keyof typeof envSchema.properties, string>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // Empty variables count as unset: docker-compose and shells often pass "" for "not given".
  const relevant: Env = {};
  for (const name of Object.keys(envSchema.properties) as (keyof Env)[]) {
    const value = env[name];
    if (value !== undefined && value !== '') relevant[name] = value;
  }
  const validate = compileSchema<Env>(envSchema);
  if (!validate(relevant)) {
    const lines = (validate.errors ?? []).map((error) => {
      const name = error.instancePath.replace(/^\//, '');
      const hint = hints[name] ? ` (expected ${hints[name]})` : '';
      return `${name} ${describeAjvError(error).message}${hint}`;
    });
    throw new StartupError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const port = Number(relevant.PORT ?? '3000');
  if (port < 1 || port > 65535) throw new StartupError('Invalid configuration:\n  PORT must be between 1 and 65535');
  return {
    port,
    databaseUrl: relevant.DATABASE_URL,
    sqliteFile: path.resolve(cwd, relevant.SQLITE_FILE ?? 'data/pejling.sqlite'),
    surveysDir: path.resolve(cwd, relevant.SURVEYS_DIR ?? 'surveys'),
    publicUrl: (relevant.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    seedDemo: (relevant.SEED_DEMO ?? 'true') === 'true',
    logLevel: (relevant.LOG_LEVEL ?? 'info') as Config['logLevel'],
  };
}
