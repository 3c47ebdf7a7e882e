import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';
import { publicUrlNote } from '../../../src/shared/publicUrlNote.js';

describe('the command-line tools say which address their links use', () => {
  const base = { SECRET_KEY: 'x'.repeat(40), SEED_DEMO: 'false' };

  it('builds links from PORT when PUBLIC_URL is unset, and says so', () => {
    const env = { ...base, PORT: '4100' };
    const config = loadConfig(env);
    expect(config.publicUrl).to.equal('http://localhost:4100');
    expect(publicUrlNote(env, config.publicUrl)).to.contain('Links use http://localhost:4100 (PUBLIC_URL is unset, built from PORT=4100)');
  });

  it('names the default port when neither is set', () => {
    const config = loadConfig(base);
    expect(publicUrlNote(base, config.publicUrl)).to.contain('http://localhost:3000 (PUBLIC_URL is unset, built from the default port 3000)');
  });

  it('says nothing when PUBLIC_URL is set: the links are the configured address', () => {
    const env = { ...base, PUBLIC_URL: 'https://pejling.example.dk', PORT: '4100' };
    expect(loadConfig(env).publicUrl).to.equal('https://pejling.example.dk');
    expect(publicUrlNote(env, loadConfig(env).publicUrl)).to.equal(null);
  });
});
