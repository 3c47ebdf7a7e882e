import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import nunjucks from 'nunjucks';
import { formatCopenhagenTime } from './copenhagenTime.js';
import { LANGUAGES, type Language } from '../questionnaires/types.js';
import { uiText } from './i18n.js';
import { danishColumnName } from '../respondents/columnNames.js';
import { fieldLabel } from './fieldLabels.js';
import { staticAssets, staticFileRoutes } from '../static/staticRoutes.js';

function findUp(from: string, isWanted: (dir: string) => boolean): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (isWanted(dir)) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Nothing suitable above ${from}`);
  }
}

/**
 * The project directory (package.json next to views/). Searched upwards because this file runs
 * both as src/shared/views.ts (tsx) and as dist/src/shared/views.js (compiled), and a copy of
 * package.json may end up in dist/.
 */
export function projectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  return findUp(from, (dir) => existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'views')));
}

/** dkfds' `exports` exposes only its main script, not package.json; find the package from that. */
export function dkfdsDistDir(): string {
  const main = createRequire(import.meta.url).resolve('dkfds');
  return path.join(findUp(path.dirname(main), (dir) => existsSync(path.join(dir, 'package.json'))), 'dist');
}

// Found once: `asset()` runs several times per page, and each search stats the disk and resolves a module
// (12 % of the form page's CPU in its profile).
let dirs: { projectRoot: string; dkfdsDistDir: string } | undefined;
const staticDirs = () => (dirs ??= { projectRoot: projectRoot(), dkfdsDistDir: dkfdsDistDir() });

/**
 * A nunjucks environment over views/. Exported apart from Express so tests can render templates
 * exactly as the app does.
 */
export function createViewEnvironment(options: { noCache?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(path.join(projectRoot(), 'views'), { noCache: options.noCache ?? false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  // Lets any page (the error handler's too) fall back to UI texts when the caller passed none.
  env.addGlobal('uiText', uiText);
  env.addGlobal('languages', LANGUAGES);
  // {{ asset('css/pejling.css') }}: the file's content-hashed URL (src/static/).
  env.addGlobal('asset', (assetPath: string) => staticAssets(staticDirs()).urlFor(assetPath));
  // {% for url in moduleImports('js/dashboard/main.js') %}<link rel="modulepreload" …>: the module's imports, fetched at once.
  env.addGlobal('moduleImports', (assetPath: string) => staticAssets(staticDirs()).importUrlsOf(assetPath));
  env.addFilter('columnName', danishColumnName);
  env.addFilter('fieldLabel', fieldLabel);
  // A boolean attribute (` checked`), or the form's slot marker standing in for one (src/responses/formSlots.ts).
  env.addFilter('flag', (value: unknown, name: string) => (typeof value === 'string' ? value : value ? ` ${name}` : ''));
  env.addFilter('copenhagen', (date: Date | string | null | undefined, language?: Language) => (date ? formatCopenhagenTime(date, language ?? 'da') : ''));
  return env;
}

export function configureViews(app: express.Express): void {
  const development = process.env.NODE_ENV === 'development';
  const env = createViewEnvironment({ noCache: development });
  env.express(app);
  app.set('view engine', 'njk');
  // The form renders its questions once and reuses them (src/responses/formQuestions.ts).
  app.set('viewEnvironment', env);

  app.use(staticFileRoutes(staticDirs(), development));
  // Browsers ask for /favicon.ico whatever the page links to (e.g. for a JSON page or a PDF).
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
}

/**
 * Compile every template of views/ into the app's environment before the server listens, so the
 * first request of each page (the dashboard's first load: 0.1–0.2 s) does not pay for parsing and
 * compiling its templates. Names are those pages and includes ask for ('dashboards/dashboard.njk').
 */
export function precompileViews(app: express.Express): void {
  const env = app.get('viewEnvironment') as nunjucks.Environment;
  const root = path.join(projectRoot(), 'views');
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (entry.endsWith('.njk')) env.getTemplate(entry.split(path.sep).join('/'), true);
  }
}

/** Compress every static file before the server listens, so no first visitor waits for it (src/static/). */
export async function precompressStaticFiles(): Promise<void> {
  await staticAssets(staticDirs()).compressAll();
}
