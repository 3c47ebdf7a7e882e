import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';
import { passwordSignInAllowed } from '../../../src/auth/signInConfig.js';

describe('sign-in configuration (single sign-on, password sign-in, two-factor)', () => {
  const entra = { OIDC_ISSUER_URL: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_CLIENT_ID: 'klient', OIDC_CLIENT_SECRET: 'hemmelig' };

  it('reads the provider with its defaults, and the admin claim values as a list', () => {
    const config = loadConfig({ ...entra, OIDC_ADMIN_CLAIM: 'groups', OIDC_ADMIN_VALUES: 'a, b ,c', OIDC_DISPLAY_NAME: 'Aarhus Kommune' }, '/srv');
    expect(config.oidc).to.deep.equal({
      issuerUrl: entra.OIDC_ISSUER_URL, clientId: 'klient', clientSecret: 'hemmelig', emailClaim: 'email', nameClaim: 'name', adminClaim: 'groups', adminValues: ['a', 'b', 'c'],
      displayName: 'Aarhus Kommune', unknownUsers: 'create', scopes: 'openid email profile',
    });
  });

  it('refuses an incomplete or unsafe provider set-up with a message naming the variable', () => {
    expect(() => loadConfig({ OIDC_ISSUER_URL: entra.OIDC_ISSUER_URL }, '/srv')).to.throw(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...entra, OIDC_ADMIN_CLAIM: 'groups' }, '/srv')).to.throw(/OIDC_ADMIN_VALUES/);
    expect(() => loadConfig({ ...entra, OIDC_ISSUER_URL: 'http://adfs.kommune.dk/adfs' }, '/srv')).to.throw(/https/);
    expect(loadConfig({ ...entra, OIDC_ISSUER_URL: 'http://127.0.0.1:4000' }, '/srv').oidc?.issuerUrl).to.equal('http://127.0.0.1:4000');
    expect(() => loadConfig({ ...entra, OIDC_SCOPES: 'email profile' }, '/srv')).to.throw(/OIDC_SCOPES/);
    expect(() => loadConfig({ LOCAL_SIGN_IN: 'false' }, '/srv')).to.throw(/nobody could sign in/);
  });

  it('with password sign-in off, lets only the break-glass admin use a password (any case)', () => {
    const config = loadConfig({ ...entra, LOCAL_SIGN_IN: 'false', BREAK_GLASS_ADMIN_EMAIL: 'Noed@Kommune.dk', TWO_FACTOR_REQUIRED_FOR_ADMINS: 'true' }, '/srv');
    expect(config.twoFactorRequiredForAdmins).to.equal(true);
    expect(passwordSignInAllowed(config, 'noed@kommune.dk ')).to.equal(true);
    expect(passwordSignInAllowed(config, 'anden@kommune.dk')).to.equal(false);
    expect(passwordSignInAllowed(loadConfig({}, '/srv'), 'anden@kommune.dk')).to.equal(true);
  });
});
