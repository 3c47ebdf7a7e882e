import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { buildStaticAssets, HASHED_PATH, type Encoding, type StaticAsset, type StaticAssets } from './assetStore.js';

export interface StaticDirs {
  projectRoot: string;
  dkfdsDistDir: string;
}

const chartJsDistDir = () => path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), '..', 'dist');

let shared: StaticAssets | undefined;

/** The process's static files, built on first use (every app in a process, e.g. in tests, shares them). */
export function staticAssets(dirs: StaticDirs): StaticAssets {
  shared ??= buildStaticAssets({
    publicDir: path.join(dirs.projectRoot, 'public'),
    viewsDir: path.join(dirs.projectRoot, 'views'),
    dkfdsDistDir: dirs.dkfdsDistDir,
    chartJsDistDir: chartJsDistDir(),
    cacheDir: path.join(dirs.projectRoot, 'dist', 'static-cache'),
  });
  return shared;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

function preferredEncoding(req: Request): Encoding | undefined {
  if (req.acceptsEncodings('br') === 'br') return 'br';
  if (req.acceptsEncodings('gzip') === 'gzip') return 'gzip';
  return undefined;
}

async function send(req: Request, res: Response, asset: StaticAsset, current: boolean, assets: StaticAssets): Promise<void> {
  res.type(path.extname(asset.path));
  // A hash from before a deploy gets today's file, but only for this once.
  res.set('Cache-Control', current ? IMMUTABLE : 'no-cache');
  let body: Buffer | null = null;
  if (asset.compressible) {
    res.vary('Accept-Encoding');
    const encoding = preferredEncoding(req);
    body = encoding ? await assets.compressed(asset, encoding) : null;
    if (body) res.set('Content-Encoding', encoding);
  }
  res.set('ETag', `"${asset.hash}${res.get('Content-Encoding') ? `-${res.get('Content-Encoding')}` : ''}"`);
  res.send(body ?? (await asset.body()));
}

/**
 * /static/<hash>/<path>: the hashed files, cached for a year. The unhashed URLs of before
 * (/static/css/pejling.css, /static/dkfds/…, /static/chartjs/…) keep working with a short cache,
 * for pages or bookmarks from an earlier version; dkfds is served there as shipped.
 */
export function staticFileRoutes(dirs: StaticDirs, development: boolean): Router {
  const assets = staticAssets(dirs);
  const router = express.Router();
  router.use('/static', (req, res, next) => {
    const match = HASHED_PATH.exec(req.path);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const found = assets.find(match[1]!, match[2]!);
    if (!found) return next();
    send(req, res, found.asset, found.current, assets).catch(next);
  });
  const legacy = (maxAge: string) => ({ maxAge: development ? 0 : maxAge, index: false });
  router.use('/static/dkfds', express.static(dirs.dkfdsDistDir, legacy('1h')));
  router.use('/static/chartjs', express.static(chartJsDistDir(), legacy('1h')));
  router.use('/static', express.static(path.join(dirs.projectRoot, 'public'), legacy('1h')));
  return router;
}
