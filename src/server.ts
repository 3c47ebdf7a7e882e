import type { Server } from 'node:http';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/dataSource.js';
import { withStartupLock } from './db/startupLock.js';
import { loadQuestionnaires } from './questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from './questionnaires/syncQuestionnaireVersions.js';
import { startAnswerVectorBackfill } from './responses/backfillAnswerVectors.js';
import { seedDemoProjectIfEmpty } from './rounds/demoProject.js';
import { startScheduler } from './scheduler/startScheduler.js';
import { StartupError } from './shared/errors.js';
import { createLogger } from './shared/logger.js';
import { resolveSecretKey } from './shared/secretKey.js';

/** Start Pejling: validate configuration and questionnaires, migrate, seed, listen. */
async function start(): Promise<Server> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Questionnaire files are checked before touching the database: a broken file stops start-up.
  const questionnaires = loadQuestionnaires(config.surveysDir);
  const dataSource = await openDatabase(config);
  const catalog = await withStartupLock(dataSource, async () => {
    const synced = await syncQuestionnaireVersions(dataSource, questionnaires);
    if (config.seedDemo) {
      const invitations = await seedDemoProjectIfEmpty(dataSource, synced, new Date());
      if (invitations.length > 0) {
        console.log('Demo project created. Personal links for the demo caseworkers (shown only now):');
        for (const invitation of invitations) console.log(`  ${invitation.respondentName}: ${config.publicUrl}/s/${invitation.token}`);
      }
    }
    return synced;
  });
  const secretKey = resolveSecretKey(config, logger);
  const deps = { config, dataSource, catalog, logger, secretKey, clock: () => new Date() };
  const app = buildApp(deps);
  const scheduler = config.schedulerEnabled ? startScheduler(deps) : undefined;
  const server = app.listen(config.port, () => {
    console.log(`Pejling listens on http://localhost:${config.port} (database: ${config.databaseUrl ? 'MySQL/MariaDB' : config.sqliteFile})`);
    startAnswerVectorBackfill(dataSource, catalog, logger);
  });
  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    server.close(() => void (scheduler?.stop() ?? Promise.resolve()).then(() => dataSource.destroy()).finally(() => process.exit(0)));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return server;
}

start().catch((error: unknown) => {
  if (error instanceof StartupError) {
    console.error(`Pejling cannot start.\n${error.message}`);
  } else {
    console.error('Pejling cannot start:', error);
  }
  process.exit(1);
});
