import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';

const root = path.resolve(import.meta.dirname, '../../..');

function run(...args: string[]) {
  return spawnSync('npm', ['run', '--silent', 'validate-surveys', '--', ...args], { cwd: root, encoding: 'utf8' });
}

describe('npm run validate-surveys', () => {
  it('accepts the shipped surveys', () => {
    const result = run();
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^ok surveys\/hir-start\.json \(\d+ items\)$/m);
    expect(result.stdout).to.match(/^ok surveys\/hir-end\.json \(\d+ items\)$/m);
    expect(result.stdout).to.match(/^ok surveys\/jki-round\.json \(\d+ items\)$/m);
  });

  it('rejects a broken file with its path and the place of the fault', () => {
    const file = 'test/fixtures/broken-questionnaires/unknown-scale.json';
    const result = run('surveys', file);
    expect(result.status).to.equal(1);
    expect(result.stdout).to.match(/^ok surveys\/hir-start\.json/m);
    expect(result.stderr).to.contain(`${file}: $.sections[0].items[1].scale: unknown scale "agreement"`);
  });
});
