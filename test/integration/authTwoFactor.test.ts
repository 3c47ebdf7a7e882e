import { expect } from 'chai';
import { generate } from 'otplib';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { resetTwoFactorCommand } from '../../src/auth/accountCommands.js';
import { openSecret } from '../../src/auth/twoFactor/secretBox.js';
import { AuditLog, TwoFactorRecoveryCode, UserAccount } from '../../src/db/entities/index.js';
import { buildUser, csrfFromHtml, signIn, TEST_PASSWORD, type SignedIn } from '../support/auth.js';
import { describeWithEachDatabase, TEST_SECRET_KEY } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('two-factor sign-in (TOTP) for local accounts', testDatabases, (ctx) => {
  const codeNow = async (secret: string) => generate({ secret, epoch: Math.floor(ctx().clock.now().getTime() / 1000) });
  const nextStep = () => ctx().clock.advance(30_000);
  const audited = async (action: string, userId: number) => ctx().dataSource.getRepository(AuditLog).exists({ where: { action, objectId: String(userId) } });

  /** Set up two-factor through the pages; the secret (read off the page, as a person types it) and the recovery codes shown. */
  async function setUp(signedIn: SignedIn) {
    const page = await signedIn.agent.get('/admin/account/two-factor');
    expect(page.status).to.equal(200);
    expect(page.text).to.match(/<div class="qr-code" role="img"[^>]*><svg/);
    const secret = /<code class="two-factor-secret">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!.replace(/ /g, '');
    const wrong = await signedIn.agent.post('/admin/account/two-factor').type('form').send({ _csrf: signedIn.csrfToken, code: '000000' === (await codeNow(secret)) ? '111111' : '000000' });
    expect(wrong.status).to.equal(400);
    expect(wrong.text).to.contain('Koden passer ikke');
    const done = await signedIn.agent.post('/admin/account/two-factor').type('form').send({ _csrf: signedIn.csrfToken, code: await codeNow(secret) });
    expect(done.status).to.equal(200);
    const codes = [...done.text.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((match) => match[1]!);
    expect(codes).to.have.length(10);
    return { secret, codes };
  }

  async function passwordStep(email: string, app = ctx().app) {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ email, password: TEST_PASSWORD, _csrf: csrfFromHtml(page.text), next: '/admin/tokens' });
    return { agent, res };
  }

  async function secondStep(agent: request.Agent, code: string) {
    const page = await agent.get('/login/two-factor');
    expect(page.status).to.equal(200);
    return agent.post('/login/two-factor').type('form').send({ _csrf: csrfFromHtml(page.text), code });
  }

  it('sets up with a QR code and a confirming code; stores the secret encrypted and the recovery codes hashed; audits it', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const { secret, codes } = await setUp(lead);
    const stored = await ctx().dataSource.getRepository(UserAccount).findOneByOrFail({ id: lead.user.id });
    expect(stored.totpEnabledAt).to.be.instanceOf(Date);
    expect(stored.totpSecret).to.not.contain(secret);
    expect(openSecret(TEST_SECRET_KEY, stored.totpSecret!)).to.equal(secret);
    const hashes = (await ctx().dataSource.getRepository(TwoFactorRecoveryCode).findBy({ userId: lead.user.id })).map((row) => row.codeHash);
    expect(hashes).to.have.length(10);
    expect(hashes.some((hash) => codes.some((code) => hash.includes(code.replace('-', ''))))).to.equal(false);
    expect(await audited('user.two_factor_enable', lead.user.id)).to.equal(true);
    const state = await request(ctx().app).get('/api/account/two-factor').set('authorization', `Bearer ${lead.apiToken}`);
    expect(state.body).to.include({ enabled: true, recoveryCodesLeft: 10 });
  });

  it('asks for the code after the password; signs in with a fresh code, refuses a wrong one and one already used', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const { secret } = await setUp(lead);
    const first = await passwordStep(lead.user.email);
    expect(first.res.status).to.equal(303);
    expect(first.res.headers.location).to.equal('/login/two-factor');
    expect((await first.agent.get('/api/session')).status).to.equal(401);
    // The code that confirmed the set-up is used up.
    expect((await secondStep(first.agent, await codeNow(secret))).status).to.equal(401);
    expect((await secondStep(first.agent, '123456' === (await codeNow(secret)) ? '654321' : '123456')).status).to.equal(401);
    nextStep();
    const code = await codeNow(secret);
    const ok = await secondStep(first.agent, code);
    expect(ok.status).to.equal(303);
    expect(ok.headers.location).to.equal('/admin/tokens');
    expect((await first.agent.get('/api/session')).body.user.id).to.equal(lead.user.id);
    const login = await ctx().dataSource.getRepository(AuditLog).findOne({ where: { action: 'auth.login', userId: lead.user.id }, order: { id: 'DESC' } });
    expect(JSON.parse(login!.details!)).to.deep.equal({ method: 'password', secondFactor: 'totp' });

    const again = await passwordStep(lead.user.email);
    const reused = await secondStep(again.agent, code);
    expect(reused.status).to.equal(401);
    expect(reused.text).to.contain('allerede brugt');
    expect((await again.agent.get('/api/session')).status).to.equal(401);
    expect(await audited('auth.second_factor_failed', lead.user.id)).to.equal(true);
  });

  it('signs in with a recovery code once; the same recovery code is refused after', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const { codes } = await setUp(lead);
    const first = await passwordStep(lead.user.email);
    expect((await secondStep(first.agent, codes[3]!.toUpperCase())).status).to.equal(303);
    expect((await first.agent.get('/api/session')).body.user.id).to.equal(lead.user.id);
    expect(await audited('user.recovery_code_used', lead.user.id)).to.equal(true);
    const second = await passwordStep(lead.user.email);
    expect((await secondStep(second.agent, codes[3]!)).status).to.equal(401);
    expect((await second.agent.get('/api/session')).status).to.equal(401);
  });

  it('limits wrong codes per account: after five, even the right code waits', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const { secret } = await setUp(lead);
    nextStep();
    const { agent } = await passwordStep(lead.user.email);
    const wrong = (await codeNow(secret)) === '000001' ? '000002' : '000001';
    for (let attempt = 0; attempt < 5; attempt++) expect((await secondStep(agent, wrong)).status).to.equal(401);
    const limited = await secondStep(agent, await codeNow(secret));
    expect(limited.status).to.equal(429);
    expect(limited.text).to.contain('For mange forkerte koder');
    // Another browser with the password is held back too: the limit is the account's.
    const other = await passwordStep(lead.user.email);
    expect((await secondStep(other.agent, await codeNow(secret))).status).to.equal(429);
  });

  it('makes an admin set it up first where the installation requires it, then lets them on', async () => {
    const required = buildApp({ ...ctx().deps, config: { ...ctx().deps.config, twoFactorRequiredForAdmins: true } });
    const admin = await buildUser(ctx(), { role: 'admin' });
    const { agent, res } = await passwordStep(admin.email, required);
    expect(res.headers.location).to.equal('/admin/account/two-factor');
    const blocked = await agent.get('/admin/users');
    expect(blocked.status).to.equal(303);
    expect(blocked.headers.location).to.equal('/admin/account/two-factor');
    const session = await agent.get('/api/session');
    expect((await agent.post('/api/tokens').set('x-csrf-token', session.body.csrfToken).send({ name: 'x' })).status).to.equal(403);
    const page = await agent.get('/admin/account/two-factor');
    expect(page.text).to.contain('Administratorer skal bruge totrinsbekræftelse');
    const secret = /<code class="two-factor-secret">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!.replace(/ /g, '');
    expect((await agent.post('/admin/account/two-factor').type('form').send({ _csrf: csrfFromHtml(page.text), code: await codeNow(secret) })).status).to.equal(200);
    expect((await agent.get('/admin/users')).status).to.equal(200);
    // And they cannot turn it off again here.
    nextStep();
    const off = await agent.post('/api/account/two-factor/disable').set('x-csrf-token', session.body.csrfToken).send({ code: await codeNow(secret) });
    expect(off.status).to.equal(409);
  });

  it('an admin resets someone\'s two-factor; they then sign in with the password alone; it is audited', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    await setUp(lead);
    const users = await admin.agent.get('/admin/users');
    expect(users.text).to.contain(`/admin/users/${lead.user.id}/two-factor/reset`);
    const reset = await admin.agent.post(`/admin/users/${lead.user.id}/two-factor/reset`).type('form').send({ _csrf: admin.csrfToken });
    expect(reset.status).to.equal(303);
    const stored = await ctx().dataSource.getRepository(UserAccount).findOneByOrFail({ id: lead.user.id });
    expect(stored).to.include({ totpSecret: null, totpEnabledAt: null });
    expect(await ctx().dataSource.getRepository(TwoFactorRecoveryCode).countBy({ userId: lead.user.id })).to.equal(0);
    expect(await audited('user.two_factor_reset', lead.user.id)).to.equal(true);
    expect((await passwordStep(lead.user.email)).res.headers.location).to.equal('/admin/tokens');
    // A lead may not reset anyone's.
    expect((await request(ctx().app).post(`/api/users/${admin.user.id}/two-factor/reset`).set('authorization', `Bearer ${lead.apiToken}`)).status).to.equal(403);
  });

  it('the command line turns someone\'s two-factor off, for when no other admin can', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    await setUp(admin);
    let printed = '';
    const output = { out: (text: string) => { printed += text; }, err: (text: string) => { printed += text; } };
    expect(await resetTwoFactorCommand(ctx().dataSource, admin.user.email.toUpperCase(), output)).to.equal(0);
    expect(printed).to.contain('Two-factor turned off');
    expect((await ctx().dataSource.getRepository(UserAccount).findOneByOrFail({ id: admin.user.id })).totpEnabledAt).to.equal(null);
    expect(await audited('user.two_factor_reset', admin.user.id)).to.equal(true);
    expect(await resetTwoFactorCommand(ctx().dataSource, 'ingen@example.dk', output)).to.equal(1);
  });

  it('works as JSON too: set-up, confirmation, new recovery codes, turning it off with a code', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const api = (method: 'get' | 'post', path: string) => request(ctx().app)[method](path).set('authorization', `Bearer ${lead.apiToken}`);
    const setup = await api('post', '/api/account/two-factor/setup');
    expect(setup.status).to.equal(200);
    expect(setup.body.otpauthUri).to.match(/^otpauth:\/\/totp\/Pejling:/);
    expect((await api('post', '/api/account/two-factor').send({ code: '12' })).status).to.equal(400);
    const on = await api('post', '/api/account/two-factor').send({ code: await codeNow(setup.body.secret) });
    expect(on.status).to.equal(201);
    expect(on.body.recoveryCodes).to.have.length(10);
    const renewed = await api('post', '/api/account/two-factor/recovery-codes');
    expect(renewed.body.recoveryCodes).to.have.length(10);
    expect(renewed.body.recoveryCodes).to.not.include(on.body.recoveryCodes[0]);
    expect((await api('post', '/api/account/two-factor/disable').send({ code: on.body.recoveryCodes[0] })).status).to.equal(400);
    const off = await api('post', '/api/account/two-factor/disable').send({ code: renewed.body.recoveryCodes[0] });
    expect(off.status).to.equal(200);
    expect((await api('get', '/api/account/two-factor')).body.enabled).to.equal(false);
    expect(await audited('user.two_factor_disable', lead.user.id)).to.equal(true);
  });
});
