import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/dataSource.js';
import { ProjectLead, UserAccount } from '../src/db/entities/index.js';
import { createDemoProject } from '../src/demo/createDemoProject.js';
import { loadQuestionnaires } from '../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../src/questionnaires/syncQuestionnaireVersions.js';
import { seedDemoProjectIfEmpty } from '../src/rounds/demoProject.js';
import { createLogger } from '../src/shared/logger.js';

const SECRET_KEY = 'demo-app-secret-key-0123456789-abcdefghijkl';
const LEAD_PASSWORD = 'korrekt hest batteri hæfteklamme';

export interface DemoApp {
  baseUrl: string;
  /** The results project (START and END filled with demo answers). */
  demo: { projectId: number; startRoundId: number; endRoundId: number };
  /** A caseworker's personal link into an open round of the seeded demo project. */
  formUrl: string;
  signInAsLead(page: Page): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app on a temporary SQLite database with demo data: the seeded demo project (whose open
 * round gives a caseworker's link) and a filled START/END project a lead may read.
 */
export async function startDemoApp(options: { respondents: number; name: string }): Promise<DemoApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-demo-'));
  const config = loadConfig({ SECRET_KEY, SEED_DEMO: 'false', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SQLITE_FILE: path.join(dir, 'demo.sqlite') });
  const dataSource = await openDatabase(config);
  const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(config.surveysDir));
  const invitations = await seedDemoProjectIfEmpty(dataSource, catalog, new Date());
  const deps = { config, dataSource, catalog, logger: createLogger('silent'), secretKey: SECRET_KEY, clock: () => new Date() };
  const demo = await createDemoProject(deps, { respondents: options.respondents, seed: 1, responseRate: 0.9, name: options.name });
  const lead = await dataSource.getRepository(UserAccount).save({
    email: 'leder@example.dk', name: 'Projektleder', role: 'lead', passwordHash: await hashPassword(LEAD_PASSWORD), setupTokenHash: null, setupExpiresAt: null, active: true, lastLoginAt: null,
  });
  await dataSource.getRepository(ProjectLead).save({ projectId: demo.projectId, userId: lead.id });
  const server = buildApp(deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    baseUrl, demo, formUrl: `${baseUrl}/s/${invitations[0]!.token}`,
    async signInAsLead(page) {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('E-mail').fill(lead.email);
      await page.getByLabel('Adgangskode').fill(LEAD_PASSWORD);
      await Promise.all([page.waitForURL('**/admin/projects'), page.getByRole('button', { name: 'Log ind' }).click()]);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await dataSource.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
