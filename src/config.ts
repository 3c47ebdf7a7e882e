import path from 'node:path';
import cron from 'node-cron';
import { compileSchema, describeAjvError } from './shared/ajv.js';
import { StartupError } from './shared/errors.js';
import { DEFAULT_QUERY_TIMEOUT_MS } from './db/queryTimeLimit.js';
import { signInConfigFrom, signInEnvDependencies, signInEnvProperties, type SignInConfig } from './auth/signInConfig.js';

export interface Config extends SignInConfig {
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
  /**
   * Signs session cookies and derives invitation links from their stored nonces. Required with
   * MySQL (instances must share it); with the embedded SQLite default it is kept in a file
   * beside the database when not given.
   */
  secretKey: string | undefined;
  /** Mark cookies Secure (HTTPS only). Defaults to true when PUBLIC_URL is https. */
  cookieSecure: boolean;
  smtp: SmtpConfig | undefined;
  mailFrom: string;
  /** Run the scheduler in this process (open, invite, remind, close rounds). */
  schedulerEnabled: boolean;
  /** node-cron expression for the scheduler tick (seconds field allowed). */
  schedulerCron: string;
  /** Submissions and draft saves allowed per personal link per minute. */
  submissionsPerMinute: number;
  /** Comparisons kept per process for repeated views (0 turns the cache off); see comparison/comparisonCache.ts. */
  comparisonCacheEntries: number;
  /** How long one MySQL/MariaDB statement may take before its connection is cut and the request answers 503. */
  dbQueryTimeoutMs: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  user: string | undefined;
  password: string | undefined;
  /** 'tls': TLS from the start (port 465); 'starttls': upgrade required; 'none': plain (only for a local relay). */
  security: 'tls' | 'starttls' | 'none';
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
    SECRET_KEY: { type: 'string', minLength: 32 },
    COOKIE_SECURE: { enum: ['true', 'false'] },
    SMTP_HOST: { type: 'string', minLength: 1 },
    SMTP_PORT: { type: 'string', pattern: '^[0-9]{1,5}$' },
    SMTP_USER: { type: 'string', minLength: 1 },
    SMTP_PASSWORD: { type: 'string', minLength: 1 },
    SMTP_SECURITY: { enum: ['tls', 'starttls', 'none'] },
    MAIL_FROM: { type: 'string', minLength: 3 },
    SCHEDULER_ENABLED: { enum: ['true', 'false'] },
    SCHEDULER_CRON: { type: 'string', minLength: 9 },
    SUBMISSIONS_PER_MINUTE: { type: 'string', pattern: '^[1-9][0-9]{0,6}$' },
    COMPARISON_CACHE_ENTRIES: { type: 'string', pattern: '^(0|[1-9][0-9]{0,4})$' },
    DB_QUERY_TIMEOUT_MS: { type: 'string', pattern: '^[1-9][0-9]{2,6}$' },
    ...signInEnvProperties,
  },
  dependentRequired: { SMTP_PORT: ['SMTP_HOST'], SMTP_USER: ['SMTP_HOST', 'SMTP_PASSWORD'], SMTP_PASSWORD: ['SMTP_USER'], SMTP_SECURITY: ['SMTP_HOST'], ...signInEnvDependencies },
} as const;

const hints: Record<string, string> = {
  PORT: 'a port number such as 3000',
  DATABASE_URL: 'mysql://user:password@host:3306/database, or unset for the embedded SQLite database',
  PUBLIC_URL: 'an absolute http(s) URL such as https://pejling.example.dk',
  SECRET_KEY: 'a random string of at least 32 characters, e.g. from `openssl rand -base64 48`',
  SMTP_PORT: 'a port number such as 587',
  DB_QUERY_TIMEOUT_MS: 'milliseconds, from 100, such as 5000',
  OIDC_ISSUER_URL: 'the provider\'s issuer URL, such as https://login.microsoftonline.com/<tenant id>/v2.0',
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
      const name = error.instancePath.replace(/^\//, '') || (error.params as { property?: string }).property || '';
      const hint = hints[name] ? ` (expected ${hints[name]})` : '';
      return `${name} ${describeAjvError(error).message}${hint}`;
    });
    throw new StartupError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const port = Number(relevant.PORT ?? '3000');
  if (port < 1 || port > 65535) throw new StartupError('Invalid configuration:\n  PORT must be between 1 and 65535');
  if (relevant.DATABASE_URL && !relevant.SECRET_KEY) {
    throw new StartupError(`Invalid configuration:\n  SECRET_KEY must be set with DATABASE_URL (every instance needs the same key; expected ${hints.SECRET_KEY})`);
  }
  const schedulerCron = relevant.SCHEDULER_CRON ?? '* * * * *';
  if (!cron.validate(schedulerCron)) throw new StartupError(`Invalid configuration:\n  SCHEDULER_CRON "${schedulerCron}" is not a cron expression`);
  const publicUrl = (relevant.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    databaseUrl: relevant.DATABASE_URL,
    sqliteFile: path.resolve(cwd, relevant.SQLITE_FILE ?? 'data/pejling.sqlite'),
    surveysDir: path.resolve(cwd, relevant.SURVEYS_DIR ?? 'surveys'),
    publicUrl,
    seedDemo: (relevant.SEED_DEMO ?? 'true') === 'true',
    logLevel: (relevant.LOG_LEVEL ?? 'info') as Config['logLevel'],
    secretKey: relevant.SECRET_KEY,
    cookieSecure: relevant.COOKIE_SECURE ? relevant.COOKIE_SECURE === 'true' : publicUrl.startsWith('https:'),
    smtp: relevant.SMTP_HOST
      ? {
          host: relevant.SMTP_HOST,
          port: Number(relevant.SMTP_PORT ?? '587'),
          user: relevant.SMTP_USER,
          password: relevant.SMTP_PASSWORD,
          security: (relevant.SMTP_SECURITY ?? 'starttls') as SmtpConfig['security'],
        }
      : undefined,
    mailFrom: relevant.MAIL_FROM ?? 'Pejling <pejling@localhost>',
    schedulerEnabled: (relevant.SCHEDULER_ENABLED ?? 'true') === 'true',
    schedulerCron,
    submissionsPerMinute: Number(relevant.SUBMISSIONS_PER_MINUTE ?? '30'),
    comparisonCacheEntries: Number(relevant.COMPARISON_CACHE_ENTRIES ?? '64'),
    dbQueryTimeoutMs: Number(relevant.DB_QUERY_TIMEOUT_MS ?? String(DEFAULT_QUERY_TIMEOUT_MS)),
    ...signInConfigFrom(relevant),
  };
}
