import { expect } from 'chai';
import request from 'supertest';
import { AuditLog, UserAccount } from '../../src/db/entities/index.js';
import { createAccount } from '../../src/auth/accountService.js';
import { buildUser, csrfFromHtml, signIn, TEST_PASSWORD } from '../support/auth.js';
import { describeWithEachDatabase } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('signing in', testDatabases, (ctx) => {
  async function loginForm() {
    const agent = request.agent(ctx().app);
    const page = await agent.get('/login');
    expect(page.status).to.equal(200);
    return { agent, csrf: csrfFromHtml(page.text) };
  }

  it('signs in with the right password, records it, and signs out', async () => {
    const user = await buildUser(ctx(), { role: 'admin' });
    const { agent, csrf } = await loginForm();
    const res = await agent.post('/login').type('form').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD, _csrf: csrf, next: '/admin/users' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/admin/users');
    expect(String(res.headers['set-cookie'])).to.match(/pejling\.sid=.*HttpOnly.*SameSite=Lax/i);
    const session = await agent.get('/api/session');
    expect(session.body.user.email).to.equal(user.email);
    expect(await ctx().dataSource.getRepository(AuditLog).exists({ where: { action: 'auth.login', userId: user.id } })).to.equal(true);
    const logout = await agent.post('/logout').type('form').send({ _csrf: session.body.csrfToken });
    expect(logout.status).to.equal(303);
    expect((await agent.get('/api/session')).status).to.equal(401);
  });

  it('answers a wrong password and an unknown email in the same words (no user enumeration)', async () => {
    const user = await buildUser(ctx(), { role: 'lead' });
    const first = await loginForm();
    const wrong = await first.agent.post('/login').type('form').send({ email: user.email, password: 'forkert forkert', _csrf: first.csrf });
    const second = await loginForm();
    const unknown = await second.agent.post('/login').type('form').send({ email: 'ingen@example.dk', password: 'forkert forkert', _csrf: second.csrf });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    const message = (html: string) => /<p class="alert-text">([^<]+)<\/p>/.exec(html)?.[1];
    expect(message(wrong.text)).to.equal('Forkert e-mail eller adgangskode.');
    expect(message(unknown.text)).to.equal(message(wrong.text));
  });

  it('refuses a login post without the CSRF token', async () => {
    const user = await buildUser(ctx(), { role: 'admin' });
    const { agent } = await loginForm();
    const res = await agent.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD });
    expect(res.status).to.equal(403);
  });

  it('does not redirect off-site after login', async () => {
    const user = await buildUser(ctx(), { role: 'admin' });
    const { agent, csrf } = await loginForm();
    const res = await agent.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf, next: '//evil.example/x' });
    expect(res.headers.location).to.equal('/admin/projects');
  });

  it('lets a new account choose its password through the one-time set-up link', async () => {
    const { setupToken, account } = await createAccount(ctx().dataSource, { email: 'ny.leder@example.dk', name: 'Ny Leder', role: 'lead' }, new Date());
    const agent = request.agent(ctx().app);
    const page = await agent.get(`/setup/${setupToken}`);
    expect(page.status).to.equal(200);
    const tooShort = await agent.post(`/setup/${setupToken}`).type('form').send({ password: 'kort', passwordRepeat: 'kort', _csrf: csrfFromHtml(page.text) });
    expect(tooShort.status).to.equal(400);
    expect(tooShort.text).to.contain('mindst 12 tegn');
    const done = await agent.post(`/setup/${setupToken}`).type('form').send({ password: 'en lang nok sætning', passwordRepeat: 'en lang nok sætning', _csrf: csrfFromHtml(tooShort.text) });
    expect(done.status).to.equal(303);
    expect((await agent.get('/api/session')).body.user.id).to.equal(account.id);
    expect((await request(ctx().app).get(`/setup/${setupToken}`)).status).to.equal(404);
    const stored = await ctx().dataSource.getRepository(UserAccount).findOneByOrFail({ id: account.id });
    expect(stored.passwordHash).to.match(/^scrypt\$/);
    expect(stored.setupTokenHash).to.equal(null);
  });

  it('accepts a personal API token and refuses an unknown one', async () => {
    const { apiToken } = await signIn(ctx(), { role: 'lead' });
    const ok = await request(ctx().app).get('/api/session').set('authorization', `Bearer ${apiToken}`);
    expect(ok.status).to.equal(200);
    expect(ok.body.csrfToken).to.equal(undefined);
    const bad = await request(ctx().app).get('/api/session').set('authorization', 'Bearer pj_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(bad.status).to.equal(401);
    expect(bad.body.error.code).to.equal('invalid_token');
  });

  it('gives caseworkers on the form no session cookie', async () => {
    const res = await request(ctx().app).get('/s/AAAAAAAAAAAAAAAAAAAAAA');
    expect(res.headers['set-cookie']).to.equal(undefined);
  });
});
