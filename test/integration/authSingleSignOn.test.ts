import { expect } from 'chai';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import type { OidcConfig } from '../../src/auth/signInConfig.js';
import { AuditLog, ProjectLead, UserAccount } from '../../src/db/entities/index.js';
import { buildUser, csrfFromHtml, TEST_PASSWORD } from '../support/auth.js';
import { signInAtProvider, startOidcProvider, type TestOidcProvider, type TestPeople } from '../support/oidcTestProvider.js';
import { describeWithEachDatabase } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const PUBLIC_URL = 'http://pejling.test';
const people: TestPeople = {};
let provider: TestOidcProvider;

before(async () => {
  provider = await startOidcProvider({ redirectUris: [`${PUBLIC_URL}/login/oidc/callback`], postLogoutRedirectUris: [`${PUBLIC_URL}/login`], people });
});
after(() => provider.close());

describeWithEachDatabase('single sign-on through an OpenID Connect provider', testDatabases, (ctx) => {
  let counter = 0;
  /** A person known to the provider (and, unless told otherwise, nowhere else). */
  const person = (claims: TestPeople[string] = {}) => {
    const login = `person${++counter}-${Date.now()}`;
    people[login] = { email: `${login}@kommune.dk`, name: `Person ${counter}`, ...claims };
    return login;
  };
  const app = (oidc: Partial<OidcConfig> = {}, extra: object = {}) => buildApp({ ...ctx().deps, config: { ...ctx().deps.config, publicUrl: PUBLIC_URL, oidc: provider.config(oidc), ...extra } });

  /** Start at Pejling, sign in at the provider; the agent and the address the provider sent the browser back to. */
  async function toCallback(login: string, options: { app?: ReturnType<typeof app>; editAuthorization?: (url: URL) => void } = {}) {
    const agent = request.agent(options.app ?? app());
    const start = await agent.get('/login/oidc?next=/admin/projects');
    expect(start.status).to.equal(303);
    const authorization = new URL(start.headers.location!);
    expect(authorization.origin).to.equal(provider.issuer);
    options.editAuthorization?.(authorization);
    const callback = await signInAtProvider(authorization.href, login);
    expect(callback.pathname).to.equal('/login/oidc/callback');
    return { agent, authorization, callback };
  }
  const finish = (agent: request.Agent, callback: URL) => agent.get(`${callback.pathname}${callback.search}`);
  const audited = (action: string) => ctx().dataSource.getRepository(AuditLog).find({ where: { action }, order: { id: 'DESC' } });

  it('the sign-in page offers "Log ind med <name>", and the request to the provider carries PKCE, state and nonce', async () => {
    const page = await request(app()).get('/login');
    expect(page.text).to.contain('Log ind med Testkommune');
    const { authorization } = await toCallback(person());
    for (const parameter of ['state', 'nonce', 'code_challenge']) expect(authorization.searchParams.get(parameter)).to.have.length.greaterThan(20);
    expect(authorization.searchParams.get('code_challenge_method')).to.equal('S256');
    expect(authorization.searchParams.get('redirect_uri')).to.equal(`${PUBLIC_URL}/login/oidc/callback`);
  });

  it('signs in an existing lead matched by email in another case, reaching their projects, and records it', async () => {
    const login = person();
    const lead = await buildUser(ctx(), { role: 'lead', email: people[login]!.email! });
    // The provider sends capitals; Pejling stored the address in lower case.
    people[login]!.email = lead.email.toUpperCase();
    const { agent, callback } = await toCallback(login);
    const done = await finish(agent, callback);
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/admin/projects');
    const session = await agent.get('/api/session');
    expect(session.body.user).to.include({ id: lead.id, role: 'lead' });
    expect((await agent.get('/admin/projects')).status).to.equal(200);
    const login2 = (await audited('auth.login')).find((entry) => entry.userId === lead.id);
    expect(JSON.parse(login2!.details!)).to.deep.equal({ method: 'oidc' });
  });

  it('refuses an answer with a wrong state, and the same answer twice', async () => {
    const login = person();
    const { agent, callback } = await toCallback(login);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'en-anden-tilstand-end-den-sendte');
    const refused = await finish(agent, forged);
    expect(refused.status).to.equal(401);
    expect(refused.text).to.contain('Log ind lykkedes ikke');
    expect((await agent.get('/api/session')).status).to.equal(401);
    // The flow is used up by the first answer: the real one no longer counts either.
    expect((await finish(agent, callback)).status).to.equal(400);
    expect((await agent.get('/api/session')).status).to.equal(401);
  });

  it('refuses an ID token with a nonce other than the one sent', async () => {
    const { agent, callback } = await toCallback(person(), { editAuthorization: (url) => url.searchParams.set('nonce', 'en-helt-anden-nonce-0123456789') });
    const refused = await finish(agent, callback);
    expect(refused.status).to.equal(401);
    expect((await agent.get('/api/session')).status).to.equal(401);
    expect((await audited('auth.oidc_failed')).length).to.be.greaterThan(0);
  });

  it('refuses an expired authorization code', async function () {
    this.timeout(20_000);
    provider.setCodeTtl(1);
    try {
      const { agent, callback } = await toCallback(person());
      // The provider counts whole seconds: two of them outlive a code that lives one.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const refused = await finish(agent, callback);
      expect(refused.status).to.equal(401);
      expect((await agent.get('/api/session')).status).to.equal(401);
    } finally {
      provider.setCodeTtl(60);
    }
  });

  it('creates an unknown person as a lead without projects, or refuses them when the installation says so', async () => {
    const login = person({ name: 'Ny Kollega' });
    const { agent, callback } = await toCallback(login);
    expect((await finish(agent, callback)).status).to.equal(303);
    const created = await ctx().dataSource.getRepository(UserAccount).findOneByOrFail({ email: people[login]!.email! });
    expect(created).to.include({ role: 'lead', name: 'Ny Kollega', active: true, passwordHash: null });
    expect(await ctx().dataSource.getRepository(ProjectLead).countBy({ userId: created.id })).to.equal(0);
    expect((await agent.get('/api/session')).body.user.id).to.equal(created.id);

    const strict = app({ unknownUsers: 'refuse' });
    const stranger = person();
    const attempt = await toCallback(stranger, { app: strict });
    const refused = await finish(attempt.agent, attempt.callback);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('Du har ingen konto i Pejling');
    expect(await ctx().dataSource.getRepository(UserAccount).exists({ where: { email: people[stranger]!.email! } })).to.equal(false);
    expect((await audited('auth.oidc_refused')).some((entry) => entry.details?.includes('unknown_person'))).to.equal(true);
  });

  it('refuses a deactivated user through the provider and with a password', async () => {
    const login = person();
    const user = await buildUser(ctx(), { role: 'lead', email: people[login]!.email!, active: false });
    const { agent, callback } = await toCallback(login);
    const refused = await finish(agent, callback);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('deaktiveret');
    expect((await agent.get('/api/session')).status).to.equal(401);
    const local = request.agent(app());
    const page = await local.get('/login');
    expect((await local.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD, _csrf: csrfFromHtml(page.text) })).status).to.equal(401);
  });

  it('refuses a person whose ID token carries no email', async () => {
    const login = person({ email: undefined });
    delete people[login]!.email;
    const { agent, callback } = await toCallback(login);
    const refused = await finish(agent, callback);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('e-mailadresse');
  });

  it('gives the admin role by the admin claim, and takes it away when the claim is gone', async () => {
    await buildUser(ctx(), { role: 'admin' }); // Someone else stays admin, so a demotion is allowed.
    const login = person({ groups: ['andre', 'pejling-admins'] });
    const first = await toCallback(login);
    await finish(first.agent, first.callback);
    expect((await first.agent.get('/api/session')).body.user.role).to.equal('admin');
    expect((await first.agent.get('/admin/users')).status).to.equal(200);

    people[login]!.groups = ['andre'];
    const second = await toCallback(login);
    await finish(second.agent, second.callback);
    expect((await second.agent.get('/api/session')).body.user.role).to.equal('lead');
    // The role change ended the admin session made before it.
    expect((await first.agent.get('/api/session')).status).to.equal(401);
  });

  it('ends the provider\'s session too on logout (RP-initiated logout)', async () => {
    const { agent, callback } = await toCallback(person());
    await finish(agent, callback);
    const session = await agent.get('/api/session');
    const logout = await agent.post('/logout').type('form').send({ _csrf: session.body.csrfToken });
    expect(logout.status).to.equal(303);
    const target = new URL(logout.headers.location!);
    expect(target.origin).to.equal(provider.issuer);
    expect(target.searchParams.get('id_token_hint')).to.have.length.greaterThan(20);
    expect(target.searchParams.get('post_logout_redirect_uri')).to.equal(`${PUBLIC_URL}/login`);
    expect((await agent.get('/api/session')).status).to.equal(401);
    expect(logout.headers['content-security-policy']).to.contain(`form-action 'self' ${provider.issuer}`);
  });

  it('with password sign-in turned off, only the break-glass admin signs in with a password', async () => {
    const breakGlass = await buildUser(ctx(), { role: 'admin' });
    const other = await buildUser(ctx(), { role: 'admin' });
    const locked = app({}, { localSignIn: { enabled: false, breakGlassEmail: breakGlass.email } });
    const tryPassword = async (email: string) => {
      const agent = request.agent(locked);
      const page = await agent.get('/login');
      expect(page.text).to.contain('Nødadgang for administrator');
      return agent.post('/login').type('form').send({ email, password: TEST_PASSWORD, _csrf: csrfFromHtml(page.text) });
    };
    const refused = await tryPassword(other.email);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('Log ind med adgangskode er slået fra');
    expect((await tryPassword(breakGlass.email.toUpperCase())).status).to.equal(303);
  });
});
