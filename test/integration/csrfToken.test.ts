import { expect } from 'chai';
import { UserAccount } from '../../src/db/entities/index.js';
import { signIn } from '../support/auth.js';
import { buildProject } from '../support/builders.js';
import { describeWithEachDatabase } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('the CSRF token is taken from the header or the form field, never the query string', testDatabases, (ctx) => {
  const exists = (email: string) => ctx().dataSource.getRepository(UserAccount).exists({ where: { email } });

  it('refuses a token in the query string, on a form post and on a JSON call', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const form = await admin.agent.post(`/admin/users?_csrf=${encodeURIComponent(admin.csrfToken)}`).type('form').send({ email: 'query@example.dk', name: 'Query', role: 'lead' });
    expect(form.status).to.equal(403);
    const json = await admin.agent.post(`/api/users?_csrf=${encodeURIComponent(admin.csrfToken)}`).send({ email: 'query2@example.dk', name: 'Query', role: 'lead' });
    expect(json.status).to.equal(403);
    expect(json.body.error.code).to.equal('csrf_failed');
    expect(await exists('query@example.dk')).to.equal(false);
    expect(await exists('query2@example.dk')).to.equal(false);
  });

  it('accepts the form field and the x-csrf-token header', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    expect((await admin.agent.post('/admin/users').type('form').send({ email: 'felt@example.dk', name: 'Felt', role: 'lead', _csrf: admin.csrfToken })).status).to.equal(201);
    expect((await admin.agent.post('/api/users').set('x-csrf-token', admin.csrfToken).send({ email: 'header@example.dk', name: 'Header', role: 'lead' })).status).to.equal(201);
    expect(await exists('felt@example.dk')).to.equal(true);
    expect(await exists('header@example.dk')).to.equal(true);
  });

  it('an upload carries the token as a form field; in the query string it is refused unread', async () => {
    const admin = await signIn(ctx(), { role: 'admin' });
    const project = await buildProject(ctx().dataSource);
    const csv = Buffer.from('name,email,municipality,team,role\nAnne,anne@example.dk,Aarhus,Team 1,Sagsbehandler\n');
    const url = `/admin/projects/${project.id}/respondents/import`;
    const inQuery = await admin.agent.post(`${url}?_csrf=${encodeURIComponent(admin.csrfToken)}`).field('step', 'preview').attach('file', csv, { filename: 'a.csv', contentType: 'text/csv' });
    expect(inQuery.status).to.equal(403);
    const inField = await admin.agent.post(url).field('_csrf', admin.csrfToken).field('step', 'preview').attach('file', csv, { filename: 'a.csv', contentType: 'text/csv' });
    expect(inField.status, inField.text.slice(0, 300)).to.equal(200);
    expect(inField.text).to.contain('anne@example.dk');
    const wrongField = await admin.agent.post(url).field('_csrf', 'forkert').field('step', 'preview').attach('file', csv, { filename: 'a.csv', contentType: 'text/csv' });
    expect(wrongField.status).to.equal(403);
  });
});
