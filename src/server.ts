import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/dataSource.js';
import { withStartupLock } from './db/startupLock.js';
import { loadQuestionnaires } from './questionnaires/loadQuestionnaires.js';
import { startCatalogRefresh } from './questionnaires/refreshCatalog.js';
import { syncQuestionnaireVersions } from './questionnaires/syncQuestionnaireVersions.js';
import { startAnswerVectorBackfill } from './responses/backfillAnswerVectors.js';
import { seedDemoProjectIfEmpty } from './rounds/demoProject.js';
import { startScheduler } from './scheduler/startScheduler.js';
import { StartupError } from './shared/errors.js';
import { createLogger } from './shared/logger.js';
import { resolveSecretKey } from './shared/secretKey.js';
import { precompileViews, precompressStaticFiles } from './shared/views.js';

/**
 * Listen on the port, or fail with a message a person can act on. Nothing runs in the background
 * before this succeeds: a second Pejling started on a taken port must not run a scheduler.
 */
function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`Port ${port} is already in use (another program, perhaps another Pejling, listens on it). Stop that program or set PORT to a free port.`));
      else if (error.code === 'EACCES') reject(new StartupError(`No permission to listen on port ${port}. Use a port above 1023, or set PORT.`));
      else reject(error);
    };
    server.once('error', failed);
    server.listen(port, () => {
      server.off('error', failed);
      resolve(server);
    });
  });
}

/** Start Pejling: validate configuration and questionnaires, migrate, seed, listen, then the background work. */
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
  if (process.env.NODE_ENV !== 'development') {
    precompileViews(app);
    await precompressStaticFiles();
  }
  const server = await listen(app, config.port);
  console.log(`Pejling listens on http://localhost:${config.port} (database: ${config.databaseUrl ? 'MySQL/MariaDB' : config.sqliteFile})`);
  const scheduler = config.schedulerEnabled ? startScheduler(deps) : undefined;
  startAnswerVectorBackfill(dataSource, catalog, logger);
  // Questionnaires saved through another instance reach this one within CATALOG_REFRESH_MS.
  startCatalogRefresh(dataSource, catalog, logger);
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
