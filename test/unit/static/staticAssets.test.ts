import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { buildStaticAssets } from '../../../src/static/assetStore.js';
import { iconsNamedIn, spriteWith } from '../../../src/static/iconSprite.js';
import { importClosures, relativeImports } from '../../../src/static/moduleGraph.js';
import { dkfdsDistDir } from '../../../src/shared/views.js';

describe('static assets', () => {
  it('reads a module\'s relative imports, static and dynamic, and leaves bare names alone', () => {
    const source = `import { a } from './a.js';\nexport * from "../shared/b.js";\nconst c = await import('./c.js');\nimport 'chart.js';\nimport './d.js';`;
    expect(relativeImports('js/dashboard/main.js', source)).to.deep.equal(['js/dashboard/a.js', 'js/shared/b.js', 'js/dashboard/c.js', 'js/dashboard/d.js']);
  });

  it('closes over imports, cycles included, and refuses an import of a file that does not exist', () => {
    const closures = importClosures(new Map([['a.js', ['b.js']], ['b.js', ['a.js', 'c.js']], ['c.js', []], ['d.js', []]]));
    expect(closures.get('a.js')).to.deep.equal(['a.js', 'b.js', 'c.js']);
    expect(closures.get('c.js')).to.deep.equal(['c.js']);
    expect(() => importClosures(new Map([['a.js', ['gone.js']]]))).to.throw(/gone\.js/);
  });

  it('keeps the icons the templates name (literal or through asset()) and the message tones', () => {
    const names = iconsNamedIn(['<use href="/static/dkfds/img/all-svg-icons.svg#check">', `<use href="{{ asset('dkfds/img/all-svg-icons.svg') }}#arrow-back">`]);
    expect(names).to.deep.equal(['arrow-back', 'check', 'error', 'info', 'success', 'warning']);
    const sprite = '<svg><symbol id="check" viewBox="0 0 1 1"><path d="M0"/></symbol><symbol id="close"><path/></symbol></svg>';
    expect(spriteWith(sprite, ['check'])).to.equal('<svg xmlns="http://www.w3.org/2000/svg"><symbol id="check" viewBox="0 0 1 1"><path d="M0"/></symbol></svg>');
    expect(() => spriteWith(sprite, ['chek'])).to.throw(/chek/);
  });

  it('gives a module a new URL when a file it imports changes, and other files only when they change', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-assets-'));
    try {
      const write = (file: string, text: string) => { fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true }); fs.writeFileSync(path.join(root, file), text); };
      write('public/js/dashboard/main.js', "import { x } from './helper.js';\nx();");
      write('public/js/dashboard/helper.js', 'export const x = () => 1;');
      write('public/js/form.js', 'document.title;');
      write('public/css/site.css', 'p{color:red}');
      write('views/page.njk', '<p class="alert">');
      const build = () => buildStaticAssets({ publicDir: path.join(root, 'public'), viewsDir: path.join(root, 'views'), dkfdsDistDir: dkfdsDistDir(), chartJsDistDir: path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), '..', 'dist'), cacheDir: path.join(root, 'cache') });
      const before = build();
      const urls = (assets: typeof before) => ['js/dashboard/main.js', 'js/dashboard/helper.js', 'js/form.js', 'css/site.css'].map((file) => assets.urlFor(file));
      const [main, helper, form, css] = urls(before);
      expect(main).to.match(/^\/static\/[0-9a-f]{12}\/js\/dashboard\/main\.js$/);
      // The browser asks for the import under main.js's hash.
      const mainHash = main!.split('/')[2]!;
      expect(before.find(mainHash, 'js/dashboard/helper.js')).to.deep.include({ current: true });

      write('public/js/dashboard/helper.js', 'export const x = () => 2;');
      const rebuilt = build();
      const after = urls(rebuilt);
      expect(after[0], 'main.js, whose import changed').to.not.equal(main);
      expect(after[1], 'helper.js').to.not.equal(helper);
      expect(after[2], 'form.js').to.equal(form);
      expect(after[3], 'site.css').to.equal(css);
      expect(() => before.urlFor('js/missing.js')).to.throw(/missing/);
      // Let both background purges finish (and cache their CSS) before the folder goes.
      for (const assets of [before, rebuilt]) {
        const [, , hash, ...rest] = assets.urlFor('dkfds/css/dkfds.min.css').split('/');
        expect((await assets.find(hash!, rest.join('/'))!.asset.body()).toString()).to.contain('.alert');
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
