import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Logger } from './logger.js';

/** What routers, services and jobs are built from; one object so wiring stays in app.ts/server.ts. */
export interface ServiceDeps {
  dataSource: DataSource;
  catalog: QuestionnaireCatalog;
  config: Config;
  logger: Logger;
  /** Injected so tests can move time (rounds opening, reminders, closing) without waiting. */
  clock: () => Date;
  /** Signs sessions and derives invitation links (see shared/secretKey.ts). */
  secretKey: string;
}
