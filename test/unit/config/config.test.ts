import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file under data/ and port 3000', () => {
    const config = loadConfig({}, '/srv/pejling');
    expect(config).to.deep.equal({
      port: 3000, databaseUrl: undefined, sqliteFile: path.resolve('/srv/pejling/data/pejling.sqlite'), surveysDir: path.resolve('/srv/pejling/surveys'),
      publicUrl: 'http://localhost:3000', seedDemo: true, logLevel: 'info',
    });
  });

  it('takes a MySQL URL and the other variables', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://pejling:hemmelig@db:3306/pejling', PORT: '8080', PUBLIC_URL: 'https://pejling.example.dk/', SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, '/srv');
    expect(config.databaseUrl).to.equal('mysql://pejling:hemmelig@db:3306/pejling');
    expect(config.port).to.equal(8080);
    expect(config.publicUrl).to.equal('https://pejling.example.dk');
    expect(config.seedDemo).to.equal(false);
    expect(config.logLevel).to.equal('warn');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }, '/srv').databaseUrl).to.equal(undefined);
  });

  for (const [name, value] of [['PORT', 'abc'], ['PORT', '70000'], ['DATABASE_URL', 'postgres://x@y/z'], ['SEED_DEMO', 'yes'], ['PUBLIC_URL', 'pejling.dk'], ['LOG_LEVEL', 'loud']] as const) {
    it(`stops with a message naming ${name} when it is "${value}"`, () => {
      expect(() => loadConfig({ [name]: value }, '/srv')).to.throw(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
    });
  }
});
