import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { createLogger } from '../src/shared/logger.js';

/**
 * The app alone in its own process (configured from the environment, as in production), so a
 * benchmark can read the server's own peak memory and the load generator does not share its CPU
 * time. Prints {"port": n} on its first line of stdout once it listens.
 */
const config = loadConfig(process.env);
const dataSource = await openDatabase(config);
const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(config.surveysDir));
const app = buildApp({ config, dataSource, catalog, logger: createLogger('silent'), secretKey: config.secretKey! });
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
