import path from 'node:path';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { buildApp } from '../../src/app.js';
import type { QuestionnaireCatalog } from '../../src/questionnaires/questionnaireCatalog.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { createLogger } from '../../src/shared/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { ServiceDeps } from '../../src/shared/serviceDeps.js';
import { mysqlTestUrl, type TestDatabase } from './testDatabases.js';

export const surveysDir = path.resolve(import.meta.dirname, '../../surveys');

/** A clock the test moves by hand: rounds open and close without waiting. */
export class TestClock {
  constructor(public current = new Date('2026-03-02T09:00:00Z')) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const TEST_SECRET_KEY = 'test-secret-key-0123456789-abcdefghijklmnop';

/** A full configuration as loadConfig would build it, for tests; overrides win. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    // Generous per-link limit: fault tests fire thousands of requests at one link on purpose.
    ...loadConfig({ SECRET_KEY: TEST_SECRET_KEY, SEED_DEMO: 'false', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', PUBLIC_URL: 'http://pejling.test', SUBMISSIONS_PER_MINUTE: '1000000' }),
    ...overrides,
  };
}

export interface TestContext {
  app: Express;
  deps: ServiceDeps;
  dataSource: DataSource;
  catalog: QuestionnaireCatalog;
  clock: TestClock;
  close(): Promise<void>;
}

export async function createTestContext(database: TestDatabase): Promise<TestContext | undefined> {
  const dataSource = await database.open();
  if (!dataSource) return undefined;
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(surveysDir));
  const clock = new TestClock();
  const config = testConfig({ databaseUrl: database.name === 'mariadb' ? mysqlTestUrl : undefined });
  const deps: ServiceDeps = { config, dataSource, catalog, logger: createLogger('silent'), clock: clock.now, secretKey: TEST_SECRET_KEY };
  const app = buildApp(deps);
  return { app, dataSource, catalog, clock, deps, close: () => dataSource.destroy() };
}

/**
 * Run a describe block once per database driver with a fresh database each; the MariaDB run is
 * skipped only outside CI when no server is reachable.
 */
export function describeWithEachDatabase(title: string, databases: TestDatabase[], body: (get: () => TestContext) => void): void {
  for (const database of databases) {
    describe(`${title} [${database.name}]`, function () {
      let context: TestContext | undefined;
      before(async function () {
        context = await createTestContext(database);
        if (!context) this.skip();
      });
      after(async () => {
        await context?.close();
      });
      body(() => context!);
    });
  }
}
