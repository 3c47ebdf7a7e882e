import { expect } from 'chai';
import request from 'supertest';
import { resetLoginCommand } from '../../src/auth/accountCommands.js';
import { generateApiToken, hashApiToken } from '../../src/auth/apiTokens.js';
import { ApiToken, AuditLog, UserAccount, WebSession } from '../../src/db/entities/index.js';
import { csrfFromHtml, signIn, TEST_PASSWORD, type SignedIn } from '../support/auth.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const NEW_PASSWORD = 'en helt ny og lang sætning';

describeWithEachDatabase('ending a person\'s access: reset-login, password change, deactivation, role change', testDatabases, (ctx) => {
  const bearer = (token: string) => request(ctx().app).get('/api/session').set('authorization', `Bearer ${token}`);

  /** Both credentials of a signed-in person are dead: the API says 401, a page sends the browser to the login. */
  async function expectLockedOut(who: Pick<SignedIn, 'agent' | 'apiToken'>): Promise<void> {
    expect((await who.agent.get('/api/session')).status, 'old session on the API').to.equal(401);
    const page = await who.agent.get('/admin/tokens');
    expect(page.status, 'old session on a page').to.equal(303);
    expect(page.headers.location).to.match(/^\/login\?next=/);
    const api = await bearer(who.apiToken);
    expect(api.status, 'old API token').to.equal(401);
    expect(api.body.error.code).to.equal('invalid_token');
  }

  async function logIn(c: TestContext, email: string, password: string): Promise<request.Agent> {
    const agent = request.agent(c.app);
    const form = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ email, password, _csrf: csrfFromHtml(form.text) });
    expect(res.status, `login of ${email}`).to.equal(303);
    return agent;
  }

  async function revocations(userId: number): Promise<{ reasons: string[]; sessions: number; tokens: number }[]> {
    const rows = await ctx().dataSource.getRepository(AuditLog).find({ where: { action: 'user.credentials_revoked', objectId: String(userId) }, order: { id: 'ASC' } });
    return rows.map((row) => JSON.parse(row.details!) as { reasons: string[]; sessions: number; tokens: number });
  }

  it('reset-login from the command line ends every session and API token; the new password works', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const secondBrowser = await logIn(ctx(), lead.user.email, TEST_PASSWORD);
    let printed = '';
    const code = await resetLoginCommand(ctx().dataSource, 'http://pejling.test', lead.user.email.toUpperCase(), { out: (text) => { printed += text; }, err: (text) => { printed += text; } });
    expect(code).to.equal(0);
    expect(printed).to.contain('2 session(s) ended, 1 API token(s) revoked');
    await expectLockedOut(lead);
    expect((await secondBrowser.get('/api/session')).status).to.equal(401);
    expect(await ctx().dataSource.getRepository(WebSession).countBy({ userId: lead.user.id })).to.equal(0);
    expect(await revocations(lead.user.id)).to.deep.equal([{ reasons: ['reset_login'], sessions: 2, tokens: 1 }]);

    const setupPath = new URL(/(http:\/\/pejling\.test\/setup\/\S+)/.exec(printed)![1]!).pathname;
    const browser = request.agent(ctx().app);
    const setup = await browser.get(setupPath);
    expect((await browser.post(setupPath).type('form').send({ password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD, _csrf: csrfFromHtml(setup.text) })).status).to.equal(303);
    expect((await browser.get('/api/session')).body.user.id).to.equal(lead.user.id);
    const fresh = await logIn(ctx(), lead.user.email, NEW_PASSWORD);
    expect((await fresh.get('/api/session')).status).to.equal(200);
    await expectLockedOut(lead);
  });

  it('reset-login from the users page and the API does the same', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    const page = await admin.agent.post(`/admin/users/${lead.user.id}/reset-login`).type('form').send({ _csrf: admin.csrfToken });
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('class="setup-link"');
    await expectLockedOut(lead);

    const other = await signIn(ctx(), { role: 'lead' });
    const api = await request(ctx().app).post(`/api/users/${other.user.id}/reset-login`).set('authorization', `Bearer ${admin.apiToken}`);
    expect(api.status).to.equal(200);
    expect(api.body.revoked).to.deep.equal({ sessions: 1, tokens: 1 });
    expect(api.body.setupUrl).to.match(/^http:\/\/pejling\.test\/setup\//);
    expect(api.body.user.passwordSet).to.equal(false);
    await expectLockedOut(other);
    expect((await request(ctx().app).post('/api/users/999999/reset-login').set('authorization', `Bearer ${admin.apiToken}`)).status).to.equal(404);
  });

  it('deactivation ends every session and token, and reactivation brings none of them back; a new login works', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    expect((await admin.agent.post(`/admin/users/${lead.user.id}/deactivate`).type('form').send({ _csrf: admin.csrfToken })).status).to.equal(303);
    await expectLockedOut(lead);
    const reactivated = await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ active: true });
    expect(reactivated.status).to.equal(200);
    expect(reactivated.body.user.active).to.equal(true);
    await expectLockedOut(lead);
    const again = await signIn(ctx(), { role: 'lead', user: lead.user });
    expect((await again.agent.get('/api/session')).status).to.equal(200);
    expect((await bearer(again.apiToken)).status).to.equal(200);
    await expectLockedOut(lead);
    expect((await revocations(lead.user.id)).map((r) => r.reasons)).to.deep.equal([['deactivate'], ['reactivate']]);
    expect((await revocations(lead.user.id))[0]).to.include({ sessions: 1, tokens: 1 });
  });

  it('deactivation through the API and reactivation on the page: the same', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    expect((await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ active: false })).body.revoked).to.deep.equal({ sessions: 1, tokens: 1 });
    await expectLockedOut(lead);
    expect((await admin.agent.post(`/admin/users/${lead.user.id}/reactivate`).type('form').send({ _csrf: admin.csrfToken })).status).to.equal(303);
    await expectLockedOut(lead);
    const fresh = await signIn(ctx(), { role: 'lead', user: lead.user });
    const unchanged = await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ active: true });
    expect(unchanged.body.revoked, 'an active account made active changes nothing').to.deep.equal({ sessions: 0, tokens: 0 });
    expect((await fresh.agent.get('/api/session')).status).to.equal(200);
  });

  it('a role change ends every session and token; the new login has the new role; the same role changes nothing', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    expect((await admin.agent.post(`/admin/users/${lead.user.id}/role`).type('form').send({ role: 'admin', _csrf: admin.csrfToken })).status).to.equal(303);
    await expectLockedOut(lead);
    const promoted = await logIn(ctx(), lead.user.email, TEST_PASSWORD);
    expect((await promoted.get('/api/session')).body.user.role).to.equal('admin');

    const same = await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ role: 'admin' });
    expect(same.body.revoked).to.deep.equal({ sessions: 0, tokens: 0 });
    expect((await promoted.get('/api/session')).status).to.equal(200);
    const demoted = await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ role: 'lead' });
    expect(demoted.body).to.deep.include({ revoked: { sessions: 1, tokens: 0 } });
    expect(demoted.body.user.role).to.equal('lead');
    expect((await promoted.get('/api/session')).status).to.equal(401);
    const audit = await ctx().dataSource.getRepository(AuditLog).find({ where: { action: 'user.role_change', objectId: String(lead.user.id) }, order: { id: 'ASC' } });
    expect(audit.map((a) => JSON.parse(a.details!))).to.deep.equal([{ from: 'lead', to: 'admin' }, { from: 'admin', to: 'lead' }]);
    expect((await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({})).status).to.equal(400);
    expect((await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${lead.apiToken}`).send({ role: 'admin' })).status).to.equal(401);
  });

  it('a password change on the page ends the other sessions and every token, and keeps the changing browser signed in with a fresh session', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const otherBrowser = await logIn(ctx(), lead.user.email, TEST_PASSWORD);
    const oldSid = lead.agent.jar.getCookie('pejling.sid', { domain: '127.0.0.1', path: '/', secure: false, script: false })?.value;
    const form = await lead.agent.get('/admin/account/password');
    expect(form.status).to.equal(200);
    const wrong = await lead.agent.post('/admin/account/password').type('form').send({ currentPassword: 'forkert forkert', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD, _csrf: csrfFromHtml(form.text) });
    expect(wrong.status).to.equal(400);
    expect(wrong.text).to.contain('Den nuværende adgangskode er forkert.');
    expect((await otherBrowser.get('/api/session')).status, 'a wrong current password changes nothing').to.equal(200);
    const changed = await lead.agent.post('/admin/account/password').type('form').send({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD, _csrf: csrfFromHtml(wrong.text) });
    expect(changed.status).to.equal(303);
    expect(changed.headers.location).to.equal('/admin/account/password?changed=1');
    expect((await lead.agent.get('/api/session')).status, 'the changing browser stays signed in').to.equal(200);
    expect(lead.agent.jar.getCookie('pejling.sid', { domain: '127.0.0.1', path: '/', secure: false, script: false })?.value).to.not.equal(oldSid);
    expect((await otherBrowser.get('/api/session')).status).to.equal(401);
    expect((await bearer(lead.apiToken)).status).to.equal(401);
    expect(await revocations(lead.user.id)).to.deep.equal([{ reasons: ['password_change'], sessions: 2, tokens: 1 }]);
    const stranger = request.agent(ctx().app);
    const login = await stranger.get('/login');
    expect((await stranger.post('/login').type('form').send({ email: lead.user.email, password: TEST_PASSWORD, _csrf: csrfFromHtml(login.text) })).status, 'the old password').to.equal(401);
    await logIn(ctx(), lead.user.email, NEW_PASSWORD);
  });

  it('a password change through the JSON API: a fresh session and CSRF token for the browser; an API-token caller loses its token too', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const res = await lead.agent.put('/api/account/password').set('x-csrf-token', lead.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).to.equal(200);
    expect(res.body.revoked).to.deep.equal({ sessions: 1, tokens: 1 });
    expect(res.body.csrfToken).to.be.a('string').and.not.equal(lead.csrfToken);
    expect((await lead.agent.get('/api/session')).status).to.equal(200);
    await lead.agent.post('/admin/tokens').type('form').send({ name: 'ny', _csrf: res.body.csrfToken }).expect(201);
    expect((await bearer(lead.apiToken)).status).to.equal(401);

    const other = await signIn(ctx(), { role: 'lead' });
    const weak = await request(ctx().app).put('/api/account/password').set('authorization', `Bearer ${other.apiToken}`).send({ currentPassword: TEST_PASSWORD, newPassword: 'kort' });
    expect(weak.status).to.equal(400);
    expect(weak.body.error.code).to.equal('weak_password');
    const viaToken = await request(ctx().app).put('/api/account/password').set('authorization', `Bearer ${other.apiToken}`).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(viaToken.status).to.equal(200);
    expect(viaToken.body.csrfToken).to.equal(undefined);
    await expectLockedOut(other);
  });

  it('a session saved again by a request that was in flight, or a token it created, does not survive the revocation', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    const sessions = ctx().dataSource.getRepository(WebSession);
    const before = await sessions.findOneByOrFail({ userId: lead.user.id });
    const { credentialsVersion } = await ctx().dataSource.getRepository(UserAccount).findOneByOrFail({ id: lead.user.id });
    await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ active: false }).expect(200);
    await request(ctx().app).patch(`/api/users/${lead.user.id}`).set('authorization', `Bearer ${admin.apiToken}`).send({ active: true }).expect(200);
    // What express-session writes when a request that began before the deactivation ends after it.
    await sessions.save(before);
    const lateToken = generateApiToken();
    await ctx().dataSource.getRepository(ApiToken).save({ userId: lead.user.id, name: 'late', tokenHash: hashApiToken(lateToken), credentialsVersion, lastUsedAt: null, revokedAt: null });
    await expectLockedOut({ agent: lead.agent, apiToken: lateToken });
  });
});
