import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { purgedDesignSystemCss, purgeSettings } from './designSystemCss.js';
import { fontFaceCss, fontFiles } from './fontFaces.js';
import { iconsNamedIn, spriteWith } from './iconSprite.js';
import { importClosures, relativeImports } from './moduleGraph.js';

/**
 * Every static file a page refers to, under a URL that carries a hash of its content
 * (`/static/<hash>/css/pejling.css`), so browsers may keep it for a year without asking again.
 * Built once per process from public/, the parts of dkfds Pejling uses (purged CSS, Latin
 * WOFF2 fonts of the weights used, the icons used) and Chart.js. Compressed copies (brotli at
 * its best quality, gzip) are made on first request and kept, or all at once before a server
 * listens (compressAll).
 */

export type Encoding = 'br' | 'gzip';

export interface StaticAsset {
  /** The path after /static/, the same as its unhashed URL's (e.g. `dkfds/css/dkfds.min.css`). */
  path: string;
  hash: string;
  compressible: boolean;
  body: () => Promise<Buffer>;
}

export interface AssetSources {
  publicDir: string;
  viewsDir: string;
  dkfdsDistDir: string;
  chartJsDistDir: string;
  /** Where the purged CSS is kept by the hash of its inputs, so a start with the same inputs need not purge. */
  cacheDir: string;
}

const COMPRESSIBLE = new Set(['.css', '.js', '.mjs', '.svg', '.json', '.txt', '.html']);
const HASH_LENGTH = 12;
export const HASHED_PATH = new RegExp(`^/([0-9a-f]{${HASH_LENGTH}})/(.+)$`);

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const hashOf = (...parts: (string | Buffer)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, HASH_LENGTH);
};

/** Files under a folder, as sorted posix paths relative to it. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export class StaticAssets {
  private readonly byPath = new Map<string, StaticAsset>();
  /** `hash/path` → asset: its own hash, and for a module's imports the importing module's too. */
  private readonly byHashedPath = new Map<string, StaticAsset>();
  private readonly encoded = new Map<string, Promise<Buffer | null>>();
  /** A module's hash → the files it imports, directly or not. */
  private readonly importsUnder = new Map<string, string[]>();

  add(asset: StaticAsset): void {
    this.byPath.set(asset.path, asset);
    this.byHashedPath.set(`${asset.hash}/${asset.path}`, asset);
  }

  /** Serve `imported` under `hash` too, since a module with that hash imports it by a relative path. */
  alsoUnder(hash: string, imported: string): void {
    this.byHashedPath.set(`${hash}/${imported}`, this.byPath.get(imported)!);
    this.importsUnder.set(hash, [...(this.importsUnder.get(hash) ?? []), imported]);
  }

  /**
   * The URLs of every module a module imports, directly or through others, as the browser will
   * ask for them (under the importing module's hash). A page names them in
   * `<link rel="modulepreload">`, so a first visit fetches the whole graph at once instead of one
   * level of imports per round trip.
   */
  importUrlsOf(assetPath: string): string[] {
    const asset = this.byPath.get(assetPath);
    if (!asset) throw new Error(`No static file ${assetPath}`);
    return (this.importsUnder.get(asset.hash) ?? []).map((imported) => `/static/${asset.hash}/${imported}`);
  }

  /** The URL a page uses; an unknown path throws, so a mistyped one fails in tests, not in a browser. */
  urlFor(assetPath: string): string {
    const asset = this.byPath.get(assetPath);
    if (!asset) throw new Error(`No static file ${assetPath}`);
    return `/static/${asset.hash}/${asset.path}`;
  }

  /** The asset a hashed URL names; `current` is false for a hash from an earlier version of the file. */
  find(hash: string, assetPath: string): { asset: StaticAsset; current: boolean } | undefined {
    const current = this.byHashedPath.get(`${hash}/${assetPath}`);
    if (current) return { asset: current, current: true };
    const earlier = this.byPath.get(assetPath);
    return earlier ? { asset: earlier, current: false } : undefined;
  }

  /**
   * Every compressible file in both encodings, now: brotli at its best quality takes ≈ 0.5 s for
   * Chart.js alone, which the first visitor of the dashboard would otherwise wait for.
   */
  async compressAll(): Promise<void> {
    const compressible = [...this.byPath.values()].filter((asset) => asset.compressible);
    await Promise.all(compressible.flatMap((asset) => [this.compressed(asset, 'br'), this.compressed(asset, 'gzip')]));
  }

  /** The compressed body, or null where compressing does not make it smaller. */
  compressed(asset: StaticAsset, encoding: Encoding): Promise<Buffer | null> {
    const key = `${encoding}:${asset.path}`;
    let body = this.encoded.get(key);
    if (!body) {
      body = asset.body().then(async (plain) => {
        const packed = encoding === 'br'
          ? await brotli(plain, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length } })
          : await gzip(plain, { level: zlib.constants.Z_BEST_COMPRESSION });
        return packed.length < plain.length ? packed : null;
      });
      this.encoded.set(key, body);
    }
    return body;
  }
}

function fileAsset(assetPath: string, content: Buffer, hash = hashOf(content)): StaticAsset {
  return { path: assetPath, hash, compressible: COMPRESSIBLE.has(path.extname(assetPath)), body: () => Promise.resolve(content) };
}

/** The purged CSS from the cache, else purged now and cached (where the cache folder is writable). */
async function purgedOnce(cacheFile: string, purge: () => Promise<string>): Promise<Buffer> {
  try {
    return await fs.promises.readFile(cacheFile);
  } catch {
    const css = Buffer.from(await purge());
    // Written aside and renamed, so another process starting at the same time never reads half a file.
    const partial = `${cacheFile}.${process.pid}.partial`;
    await fs.promises.mkdir(path.dirname(cacheFile), { recursive: true })
      .then(() => fs.promises.writeFile(partial, css))
      .then(() => fs.promises.rename(partial, cacheFile))
      .catch(() => undefined);
    return css;
  }
}

export function buildStaticAssets(sources: AssetSources): StaticAssets {
  const assets = new StaticAssets();

  // public/: modules get the hash of their import closure and serve their imports under it.
  const publicFiles = new Map(filesUnder(sources.publicDir).map((file) => [file, fs.readFileSync(path.join(sources.publicDir, file))]));
  const modules = new Map([...publicFiles].filter(([file]) => file.endsWith('.js')).map(([file, source]) => [file, relativeImports(file, source.toString('utf8'))]));
  const closures = importClosures(modules);
  const moduleHash = (file: string) => hashOf(...closures.get(file)!.flatMap((member) => [member, publicFiles.get(member)!]));
  for (const [file, content] of publicFiles) assets.add(fileAsset(file, content, closures.has(file) ? moduleHash(file) : undefined));
  for (const [file, closure] of closures) for (const member of closure) if (member !== file) assets.alsoUnder(moduleHash(file), member);

  const chartJs = 'chart.umd.min.js';
  assets.add(fileAsset(`chartjs/${chartJs}`, fs.readFileSync(path.join(sources.chartJsDistDir, chartJs))));

  // dkfds: fonts, the icons its CSS refers to, the sprite cut to the icons used, and the purged CSS.
  const dkfds = (distPath: string) => `dkfds/${distPath}`;
  const addDkfds = (distPath: string, content = fs.readFileSync(path.join(sources.dkfdsDistDir, distPath))) => assets.add(fileAsset(dkfds(distPath), content));
  for (const font of fontFiles()) addDkfds(font);
  for (const icon of filesUnder(path.join(sources.dkfdsDistDir, 'img/svg-icons'))) addDkfds(`img/svg-icons/${icon}`);
  const templates = filesUnder(sources.viewsDir).filter((file) => file.endsWith('.njk')).map((file) => ({ text: fs.readFileSync(path.join(sources.viewsDir, file), 'utf8'), extension: 'njk' }));
  const sprite = fs.readFileSync(path.join(sources.dkfdsDistDir, 'img/all-svg-icons.svg'), 'utf8');
  addDkfds('img/all-svg-icons.svg', Buffer.from(spriteWith(sprite, iconsNamedIn(templates.map((t) => t.text)))));

  const scripts = [...modules.keys()].map((file) => ({ text: publicFiles.get(file)!.toString('utf8'), extension: 'js' }));
  const css = fs.readFileSync(path.join(sources.dkfdsDistDir, 'css/dkfds.min.css'), 'utf8');
  const urlOf = (distPath: string) => assets.urlFor(dkfds(distPath));
  const fontFaces = fontFaceCss(urlOf);
  const content = [...templates, ...scripts];
  // Named by everything the purge reads (a hash of its output would mean purging before the first page can be drawn).
  const hash = hashOf(css, fontFaces, purgeSettings(), ...content.map((c) => c.text), ...filesUnder(path.join(sources.dkfdsDistDir, 'img/svg-icons')).map((icon) => urlOf(`img/svg-icons/${icon}`)));
  const purged = purgedOnce(path.join(sources.cacheDir, `dkfds.min.${hash}.css`), () => purgedDesignSystemCss({ css, content, urlOf, fontFaces }));
  purged.catch(() => undefined); // reported to whoever asks for the file
  assets.add({ path: dkfds('css/dkfds.min.css'), hash, compressible: true, body: () => purged });
  return assets;
}
