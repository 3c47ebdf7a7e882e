import { dkfdsDistDir, projectRoot } from '../shared/views.js';
import { staticAssets } from './staticRoutes.js';

/**
 * Run by `npm run build`: purges dkfds' CSS into dist/static-cache/, so a production install
 * (without development dependencies such as purgecss, e.g. the Docker image) starts without
 * purging. A start whose templates or scripts differ from the build's purges again.
 */
const assets = staticAssets({ projectRoot: projectRoot(), dkfdsDistDir: dkfdsDistDir() });
const url = assets.urlFor('dkfds/css/dkfds.min.css');
const [, , hash, ...rest] = url.split('/');
const css = await assets.find(hash!, rest.join('/'))!.asset.body();
console.log(`Purged dkfds CSS: ${css.length} bytes (${url})`);
