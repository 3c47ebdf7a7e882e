import { expect } from 'chai';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { MailOutbox, Respondent, Round } from '../../src/db/entities/index.js';
import { listAppRoutes } from '../support/appRoutes.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { englishCatalogue, notDanish, readableText } from '../support/danishText.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

interface Rendered { what: string; status: number; html: string }

/** Questionnaire pages are addressed by the questionnaire's id, not a number. */
const QUESTIONNAIRE_PARAMS: Record<string, string> = { id: 'hir-start' };

describeWithEachDatabase('Danish everywhere: admin and lead pages and their error messages', testDatabases, (ctx: () => TestContext) => {
  let admin: SignedIn;
  let lead: SignedIn;
  let ids: Record<string, number>;
  const catalogue = englishCatalogue();

  before(async () => {
    const demo = await createDemoProject(ctx().deps, { respondents: 24, seed: 11, responseRate: 1, name: 'Dansk demo' });
    admin = await signIn(ctx(), { role: 'admin' });
    lead = await signIn(ctx(), { role: 'lead', projectIds: [demo.projectId] });
    const respondent = await ctx().dataSource.getRepository(Respondent).findOneByOrFail({ projectId: demo.projectId });
    const mail = await ctx().dataSource.getRepository(MailOutbox).save({
      kind: 'invitation', invitationId: null, toAddress: 'anne@example.dk', subject: 'Spørgeskema', textBody: 'Hej', htmlBody: null, status: 'held', attempts: 0,
      lastError: null, claimedBy: null, claimedUntil: null, sentAt: null,
    });
    const tokens = await admin.agent.get('/admin/tokens');
    const tokenId = Number(/\/admin\/tokens\/(\d+)\/revoke/.exec(tokens.text)?.[1] ?? 1);
    ids = { projectId: demo.projectId, roundId: demo.startRoundId, respondentId: respondent.id, mailId: mail.id, userId: lead.user.id, tokenId };
  });

  const fill = (path: string) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => String(ids[name] ?? QUESTIONNAIRE_PARAMS[name] ?? 1));
  const isPage = (path: string) => !/\.(csv|R|css)$|\/eml$/.test(path);

  function expectDanish(pages: Rendered[]) {
    expect(pages.length).to.be.greaterThan(0);
    const problems = pages.flatMap((page) => notDanish(page.html, catalogue).map((problem) => `${page.what} (${page.status}): ${problem}`));
    expect(problems, problems.join('\n')).to.deep.equal([]);
  }

  it('the check itself finds English catalogue strings, English messages and untranslated keys', () => {
    expect(catalogue).to.include('Something went wrong');
    expect(notDanish('<p>Skal ligge efter åbningstidspunktet.</p>', catalogue)).to.deep.equal([]);
    expect(notDanish('<p>must be after the opening time</p>', catalogue)).to.have.length.greaterThan(0);
    expect(notDanish('<td>held</td>', catalogue)).to.have.length.greaterThan(0);
    expect(notDanish('<p>Page not found</p>', catalogue)).to.have.length.greaterThan(0);
    expect(notDanish('<p>form.submitFailedText</p>', catalogue)).to.have.length.greaterThan(0);
    expect(readableText('<p>a<code>name, email</code> <span aria-label="Tabel">b</span></p>')).to.equal('Tabel\na\nb');
  });

  it('every admin page, walked from the app\'s routes with a signed-in admin, is Danish', async () => {
    const paths = listAppRoutes(ctx().app).filter((route) => route.method === 'GET' && (route.path.startsWith('/admin') || route.path.startsWith('/projects/')) && isPage(route.path)).map((route) => fill(route.path));
    expect(paths.length).to.be.greaterThan(15);
    const pages: Rendered[] = [];
    for (const path of paths) {
      const res = await admin.agent.get(path);
      if (res.status >= 300 && res.status < 400) continue;
      expect(res.status, path).to.be.lessThan(500);
      if (res.type === 'text/html') pages.push({ what: `admin GET ${path}`, status: res.status, html: res.text });
    }
    expect(pages.some((page) => page.what.includes('/outbox/'))).to.equal(true);
    expect(pages.find((page) => page.what.endsWith('/admin/outbox'))!.html).to.contain('Tilbageholdt');
    expectDanish(pages);
  });

  it('every page a project lead reaches, and every page refused to them, is Danish', async () => {
    const paths = listAppRoutes(ctx().app).filter((route) => route.method === 'GET' && (route.path.startsWith('/admin') || route.path.startsWith('/projects/')) && isPage(route.path)).map((route) => fill(route.path));
    const pages: Rendered[] = [];
    for (const path of paths) {
      const res = await lead.agent.get(path);
      if (res.type === 'text/html') pages.push({ what: `lead GET ${path}`, status: res.status, html: res.text });
    }
    expect(pages.some((page) => page.status === 403)).to.equal(true);
    expect(pages.some((page) => page.status === 200 && page.what.includes('/dashboard'))).to.equal(true);
    expectDanish(pages);
  });

  it('forms submitted empty or invalid answer in Danish, and their error summaries name the field', async () => {
    const { projectId, roundId, respondentId } = ids;
    const post = async (path: string, body: Record<string, unknown>): Promise<Rendered> => {
      const res = await admin.agent.post(path).type('form').send({ _csrf: admin.csrfToken, ...body });
      return { what: `POST ${path} ${JSON.stringify(body)}`, status: res.status, html: res.text };
    };
    const endRound = await ctx().dataSource.getRepository(Round).findOneByOrFail({ projectId, label: 'END' });
    const pages = [
      await post('/admin/users', {}),
      await post('/admin/users', { email: 'ikke en mail', name: '', role: 'chef' }),
      await post('/admin/projects', {}),
      await post('/admin/projects', { name: 'X', defaultLanguage: 'da', anonymityK: '1', groupIntervention: 'A', groupControl: 'a', units: '', leadEmails: 'ingen@example.dk' }),
      await post('/admin/projects', { name: 'X', defaultLanguage: 'da', anonymityK: '5', groupIntervention: '', groupControl: '', units: '', leadEmails: 'ingen@example.dk' }),
      await post(`/admin/projects/${projectId}`, { name: '', defaultLanguage: 'xx', anonymityK: 'fem' }),
      await post(`/admin/projects/${projectId}/respondents/${respondentId}`, {}),
      await post(`/admin/projects/${projectId}/respondents/${respondentId}`, { name: 'A', email: 'a@', municipality: ' ', team: '', role: 'x', groupName: 'Ukendt' }),
      await post(`/admin/projects/${projectId}/rounds`, {}),
      await post(`/admin/projects/${projectId}/rounds`, { label: 'R9', questionnaireId: 'hir-start', opensAt: '2026-05-10T09:00', closesAt: '2026-05-01T09:00', reminderDays: '' }),
      await post(`/admin/projects/${projectId}/rounds`, { label: 'R9', questionnaireId: 'findes-ikke', opensAt: 'i morgen', closesAt: '2026-05-01T09:00', reminderDays: 'x', recurrenceCron: 'hver dag' }),
      await post(`/admin/projects/${projectId}/rounds`, { label: 'R9', questionnaireId: 'hir-start', opensAt: '2026-05-01T09:00', closesAt: '2026-05-03T09:00', reminderDays: '7', recurrenceCron: 'hver dag' }),
      await post(`/admin/projects/${projectId}/rounds/${roundId}`, {}),
      await post(`/admin/projects/${projectId}/rounds/${endRound.id}`, { label: '', questionnaireId: 'hir-end', opensAt: '2026-01-01T09:00', closesAt: '2025-01-01T09:00', reminderDays: '' }),
      await post('/admin/account/password', {}),
      await post('/admin/account/password', { currentPassword: 'forkert', password: 'kort', passwordRepeat: 'anden' }),
      await post('/admin/tokens', {}),
      await post(`/admin/projects/${projectId}/respondents/import`, {}),
      await post(`/admin/projects/${projectId}/respondents/import`, { step: 'confirm', content: Buffer.from('x').toString('base64'), contentHash: 'forkert' }),
      await post(`/admin/users/${admin.user.id}/role`, { role: 'lead' }),
    ];
    const csvPreviews = [
      'navn;email\nA;a@b.dk\n',
      'navn;email;kommune;team;rolle;gruppe;sprog;eksternt id\nA;ikke-mail;Aarhus;Nord;x;Ukendt;fransk;1\nB;;;;;;;1\nA;ikke-mail;Aarhus;Nord;x;;;2\n',
      'name,email,municipality,role,group,group\nA,a@b.dk,Aarhus,x,Forsøg,Forsøg\n',
    ];
    for (const csv of csvPreviews) {
      const res = await admin.agent.post(`/admin/projects/${projectId}/respondents/import`).field('_csrf', admin.csrfToken).field('step', 'preview').attach('file', Buffer.from(csv, 'utf8'), { filename: 'fil.csv', contentType: 'text/csv' });
      pages.push({ what: `import preview ${JSON.stringify(csv)}`, status: res.status, html: res.text });
    }
    const badCsrf = await admin.agent.post('/admin/users').type('form').send({ _csrf: 'forkert', email: 'x@example.dk', name: 'X', role: 'lead' });
    pages.push({ what: 'POST with a wrong CSRF token', status: badCsrf.status, html: badCsrf.text });
    for (const [path, who] of [[`/projects/${projectId}/dashboard?baseline=${roundId}&followup=${roundId}`, admin], [`/projects/${projectId}/dashboard?municipality=Atlantis`, admin], [`/projects/${projectId}/dashboard?baseline=${roundId}&followup=${endRound.id}&team=Team%20Nord&municipality=Odense`, admin], ['/admin/projects/987654', admin], [`/admin/projects/${projectId}/respondents?active=måske`, admin], ['/admin/users', lead]] as const) {
      const res = await who.agent.get(path);
      pages.push({ what: `GET ${path}`, status: res.status, html: res.text });
    }
    expect(pages.filter((page) => page.status >= 400).length).to.be.greaterThan(20);
    expect(pages.every((page) => page.status < 500), pages.filter((p) => p.status >= 500).map((p) => p.what).join(', ')).to.equal(true);
    expectDanish(pages);
    // Error summaries say which field each message is about.
    expect(pages[0]!.html).to.contain('E-mail: Skal udfyldes.');
    expect(pages[2]!.html).to.contain('Navn: Skal udfyldes.');
    expect(pages[8]!.html).to.match(/Navn på runden: Skal udfyldes\./);
    expect(pages[9]!.html).to.contain('Lukker: Skal ligge efter åbningstidspunktet.');
    expect(pages.find((page) => page.what.includes('ikke-mail'))!.html).to.contain('E-mail „ikke-mail“ er ikke en gyldig e-mailadresse');
    expect(pages.find((page) => page.what.includes('followup=' + roundId))!.html).to.contain('Vælg to forskellige runder at sammenligne.');
  });
});
