import { expect } from 'chai';
import request from 'supertest';
import { AuditLog, UserAccount } from '../../src/db/entities/index.js';
import { signIn } from '../support/auth.js';
import { describeWithEachDatabase } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('accounts, API tokens and the audit log', testDatabases, (ctx) => {
  it('an admin creates a lead from the page and gets a one-time set-up link; the action is audited', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const res = await admin.agent.post('/admin/users').type('form').send({ email: 'Leder@Example.dk', name: 'Lise Leder', role: 'lead', _csrf: admin.csrfToken });
    expect(res.status).to.equal(201);
    const link = /<code class="setup-link">([^<]+)<\/code>/.exec(res.text)?.[1];
    expect(link).to.match(/^http:\/\/pejling\.test\/setup\/[A-Za-z0-9_-]{32}$/);
    const account = await ctx().dataSource.getRepository(UserAccount).findOneByOrFail({ email: 'leder@example.dk' });
    expect(account.role).to.equal('lead');
    expect(account.passwordHash).to.equal(null);
    expect((await request(ctx().app).get(new URL(link!).pathname)).status).to.equal(200);
    const audit = await ctx().dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'user.create', objectId: String(account.id) });
    expect(audit.actor).to.equal(admin.user.email);
  });

  it('shows each form error beside its field and keeps the values', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const res = await admin.agent.post('/admin/users').type('form').send({ email: 'ikke-en-mail', name: 'Navn', role: 'lead', _csrf: admin.csrfToken });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('Skriv en gyldig e-mailadresse.');
    expect(res.text).to.contain('aria-describedby="user-email-error"');
    expect(res.text).to.contain('value="ikke-en-mail"');
  });

  it('refuses a state change without the CSRF token', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const res = await admin.agent.post('/admin/users').type('form').send({ email: 'x@example.dk', name: 'X', role: 'lead' });
    expect(res.status).to.equal(403);
    expect(await ctx().dataSource.getRepository(UserAccount).exists({ where: { email: 'x@example.dk' } })).to.equal(false);
  });

  it('the JSON API creates users with an API token (no CSRF needed) and refuses leads', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const created = await request(ctx().app).post('/api/users').set('authorization', `Bearer ${admin.apiToken}`).send({ email: 'api.leder@example.dk', name: 'Api Leder', role: 'lead' });
    expect(created.status).to.equal(201);
    expect(created.body.setupUrl).to.match(/\/setup\//);
    const duplicate = await request(ctx().app).post('/api/users').set('authorization', `Bearer ${admin.apiToken}`).send({ email: 'api.leder@example.dk', name: 'Igen', role: 'lead' });
    expect(duplicate.status).to.equal(409);
    const bad = await request(ctx().app).post('/api/users').set('authorization', `Bearer ${admin.apiToken}`).send({ email: 'x@example.dk', name: 'X', role: 'boss' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details[0].field).to.equal('body.role');
    const lead = await signIn(ctx(), { role: 'lead' });
    expect((await request(ctx().app).get('/api/users').set('authorization', `Bearer ${lead.apiToken}`)).status).to.equal(403);
  });

  it('a deactivated account can no longer use its session or API token', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const lead = await signIn(ctx(), { role: 'lead' });
    expect((await admin.agent.post(`/admin/users/${lead.user.id}/deactivate`).type('form').send({ _csrf: admin.csrfToken })).status).to.equal(303);
    expect((await lead.agent.get('/api/session')).status).to.equal(401);
    expect((await request(ctx().app).get('/api/session').set('authorization', `Bearer ${lead.apiToken}`)).status).to.equal(401);
  });

  it('users create and revoke their own API tokens; a revoked token stops working', async () => {
    const lead = await signIn(ctx(), { role: 'lead' });
    const page = await lead.agent.post('/admin/tokens').type('form').send({ name: 'R-eksport', _csrf: lead.csrfToken });
    expect(page.status).to.equal(201);
    const secret = /<code class="api-secret">([^<]+)<\/code>/.exec(page.text)![1]!;
    expect((await request(ctx().app).get('/api/tokens').set('authorization', `Bearer ${secret}`)).body.tokens.map((t: { name: string }) => t.name)).to.include('R-eksport');
    const tokenId = (await request(ctx().app).get('/api/tokens').set('authorization', `Bearer ${secret}`)).body.tokens.find((t: { name: string }) => t.name === 'R-eksport').id;
    expect((await request(ctx().app).delete(`/api/tokens/${tokenId}`).set('authorization', `Bearer ${lead.apiToken}`)).status).to.equal(204);
    expect((await request(ctx().app).get('/api/tokens').set('authorization', `Bearer ${secret}`)).status).to.equal(401);
  });

  it('admins read the audit log, filtered by action; leads cannot', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const res = await request(ctx().app).get('/api/audit?action=auth.login').set('authorization', `Bearer ${admin.apiToken}`);
    expect(res.status).to.equal(200);
    expect(res.body.entries.length).to.be.greaterThan(0);
    expect(res.body.entries.every((e: { action: string }) => e.action === 'auth.login')).to.equal(true);
    expect((await admin.agent.get('/admin/audit')).status).to.equal(200);
    const lead = await signIn(ctx(), { role: 'lead' });
    expect((await lead.agent.get('/admin/audit')).status).to.equal(403);
    expect((await request(ctx().app).get('/admin/audit')).status).to.equal(303);
  });
});
