import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file under data/ and port 3000', () => {
    const config = loadConfig({}, '/srv/pejling');
    expect(config).to.deep.equal({
      port: 3000, databaseUrl: undefined, sqliteFile: path.resolve('/srv/pejling/data/pejling.sqlite'), surveysDir: path.resolve('/srv/pejling/surveys'),
      publicUrl: 'http://localhost:3000', seedDemo: true, logLevel: 'info', secretKey: undefined, cookieSecure: false,
      smtp: undefined, mailFrom: 'Pejling <pejling@localhost>', schedulerEnabled: true, schedulerCron: '* * * * *', submissionsPerMinute: 30,
      comparisonCacheEntries: 64, dbQueryTimeoutMs: 5000,
      oidc: undefined, localSignIn: { enabled: true, breakGlassEmail: undefined }, twoFactorRequiredForAdmins: false,
    });
  });

  it('takes a MySQL URL and the other variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://pejling:hemmelig@db:3306/pejling', PORT: '8080', PUBLIC_URL: 'https://pejling.example.dk/', SEED_DEMO: 'false', LOG_LEVEL: 'warn',
      SECRET_KEY: 'k'.repeat(40), SMTP_HOST: 'smtp.example.dk', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_SECURITY: 'tls', SCHEDULER_CRON: '*/10 * * * * *',
      COMPARISON_CACHE_ENTRIES: '0', DB_QUERY_TIMEOUT_MS: '8000',
    }, '/srv');
    expect(config.smtp).to.deep.equal({ host: 'smtp.example.dk', port: 465, user: 'u', password: 'p', security: 'tls' });
    expect(config.cookieSecure).to.equal(true);
    expect(config.schedulerCron).to.equal('*/10 * * * * *');
    expect(config.databaseUrl).to.equal('mysql://pejling:hemmelig@db:3306/pejling');
    expect(config.port).to.equal(8080);
    expect(config.publicUrl).to.equal('https://pejling.example.dk');
    expect(config.seedDemo).to.equal(false);
    expect(config.logLevel).to.equal('warn');
    expect(config.comparisonCacheEntries).to.equal(0);
    expect(config.dbQueryTimeoutMs).to.equal(8000);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }, '/srv').databaseUrl).to.equal(undefined);
  });

  it('requires SECRET_KEY with MySQL, since every instance must share it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://a@b:3306/c' }, '/srv')).to.throw(/SECRET_KEY must be set with DATABASE_URL/);
  });

  it('requires SMTP_HOST when other SMTP variables are given', () => {
    expect(() => loadConfig({ SMTP_PORT: '25' }, '/srv')).to.throw(/SMTP_PORT[\s\S]*SMTP_HOST/);
  });

  for (const [name, value] of [['SECRET_KEY', 'short'], ['SCHEDULER_CRON', 'every minute'], ['PORT', 'abc'], ['PORT', '70000'], ['DATABASE_URL', 'postgres://x@y/z'], ['SEED_DEMO', 'yes'], ['PUBLIC_URL', 'pejling.dk'], ['LOG_LEVEL', 'loud']] as const) {
    it(`stops with a message naming ${name} when it is "${value}"`, () => {
      expect(() => loadConfig({ [name]: value }, '/srv')).to.throw(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
    });
  }
});
