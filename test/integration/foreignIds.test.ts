import { expect } from 'chai';
import request from 'supertest';
import { ApiToken } from '../../src/db/entities/index.js';
import { listAppRoutes } from '../support/appRoutes.js';
import { signIn, type SignedIn } from '../support/auth.js';
import { buildInvitation, buildProject, buildRespondent, buildRound } from '../support/builders.js';
import { describeWithEachDatabase } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** Which id of the row is swapped: a round, a caseworker, an invitation (in the own round) or an API token. */
type Kind = 'round' | 'respondent' | 'invitation' | 'token';

interface Probe {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Express route path (checked against the app's routes); `{id}` is where the probed id goes. */
  route: string;
  url: (p: { project: number; round: number; round2: number; id: number }) => string;
  kind: Kind;
  as: 'admin' | 'lead';
  form?: boolean;
  body?: object;
}

const P = '/admin/projects/:projectId';
const A = '/api/projects/:projectId';
const probes: Probe[] = [
  { method: 'GET', route: `${A}/rounds/:roundId`, url: (p) => `/api/projects/${p.project}/rounds/${p.id}`, kind: 'round', as: 'lead' },
  { method: 'PATCH', route: `${A}/rounds/:roundId`, url: (p) => `/api/projects/${p.project}/rounds/${p.id}`, kind: 'round', as: 'admin', body: { reminderDays: [3] } },
  { method: 'GET', route: `${A}/rounds/:roundId/monitor`, url: (p) => `/api/projects/${p.project}/rounds/${p.id}/monitor`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${P}/rounds/:roundId`, url: (p) => `/admin/projects/${p.project}/rounds/${p.id}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${P}/rounds/:roundId/edit`, url: (p) => `/admin/projects/${p.project}/rounds/${p.id}/edit`, kind: 'round', as: 'admin' },
  { method: 'POST', route: `${P}/rounds/:roundId`, url: (p) => `/admin/projects/${p.project}/rounds/${p.id}`, kind: 'round', as: 'admin', form: true, body: { label: 'X' } },
  { method: 'GET', route: `${P}/rounds/:roundId/links.csv`, url: (p) => `/admin/projects/${p.project}/rounds/${p.id}/links.csv`, kind: 'round', as: 'admin' },
  { method: 'GET', route: `${A}/comparison`, url: (p) => `/api/projects/${p.project}/comparison?baseline=${p.round}&followup=${p.id}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${A}/comparison`, url: (p) => `/api/projects/${p.project}/comparison?baseline=${p.id}&followup=${p.round2}&municipality=Aarhus`, kind: 'round', as: 'lead' },
  { method: 'GET', route: '/projects/:projectId/dashboard', url: (p) => `/projects/${p.project}/dashboard?baseline=${p.round}&followup=${p.id}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: '/projects/:projectId/report', url: (p) => `/projects/${p.project}/report?baseline=${p.id}&followup=${p.round2}&municipality=Aarhus`, kind: 'round', as: 'lead' },
  { method: 'GET', route: '/projects/:projectId/report/page.css', url: (p) => `/projects/${p.project}/report/page.css?baseline=${p.round}&followup=${p.id}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${A}/exports/long.csv`, url: (p) => `/api/projects/${p.project}/exports/long.csv?round=${p.id}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${A}/exports/wide.csv`, url: (p) => `/api/projects/${p.project}/exports/wide.csv?round=${p.id}`, kind: 'round', as: 'admin' },
  { method: 'GET', route: `${A}/exports/paired.csv`, url: (p) => `/api/projects/${p.project}/exports/paired.csv?baseline=${p.round}&followup=${p.id}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${A}/exports/paired.csv`, url: (p) => `/api/projects/${p.project}/exports/paired.csv?baseline=${p.id}&followup=${p.round2}`, kind: 'round', as: 'admin' },
  // Every format of a record export and the figures workbook take rounds from the query the same way.
  ...(['wide.xlsx', 'wide.sav', 'wide.dta'] as const).map((file): Probe => ({ method: 'GET', route: `${A}/exports/${file}`, url: (p) => `/api/projects/${p.project}/exports/${file}?round=${p.id}`, kind: 'round', as: 'lead' })),
  ...(['paired.xlsx', 'paired.sav', 'paired.dta'] as const).map((file): Probe => ({ method: 'GET', route: `${A}/exports/${file}`, url: (p) => `/api/projects/${p.project}/exports/${file}?baseline=${p.round}&followup=${p.id}`, kind: 'round', as: 'lead' })),
  { method: 'GET', route: `${A}/exports/figures.xlsx`, url: (p) => `/api/projects/${p.project}/exports/figures.xlsx?baseline=${p.id}&followup=${p.round2}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${A}/rounds/:roundId/comparability`, url: (p) => `/api/projects/${p.project}/rounds/${p.id}/comparability?with=${p.round2}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${A}/rounds/:roundId/comparability`, url: (p) => `/api/projects/${p.project}/rounds/${p.round}/comparability?with=${p.id}`, kind: 'round', as: 'lead' },
  { method: 'GET', route: `${P}/respondents/:respondentId/edit`, url: (p) => `/admin/projects/${p.project}/respondents/${p.id}/edit`, kind: 'respondent', as: 'admin' },
  { method: 'POST', route: `${P}/respondents/:respondentId`, url: (p) => `/admin/projects/${p.project}/respondents/${p.id}`, kind: 'respondent', as: 'admin', form: true, body: { name: 'X', email: 'x@example.dk', municipality: 'Aarhus', team: 'Team A', role: 'r' } },
  { method: 'POST', route: `${P}/respondents/:respondentId/deactivate`, url: (p) => `/admin/projects/${p.project}/respondents/${p.id}/deactivate`, kind: 'respondent', as: 'admin', form: true },
  { method: 'POST', route: `${P}/respondents/:respondentId/reactivate`, url: (p) => `/admin/projects/${p.project}/respondents/${p.id}/reactivate`, kind: 'respondent', as: 'admin', form: true },
  { method: 'PATCH', route: `${A}/respondents/:respondentId`, url: (p) => `/api/projects/${p.project}/respondents/${p.id}`, kind: 'respondent', as: 'admin', body: { team: 'Team B' } },
  { method: 'POST', route: `${P}/respondents/:respondentId/erase`, url: (p) => `/admin/projects/${p.project}/respondents/${p.id}/erase`, kind: 'respondent', as: 'admin', form: true },
  { method: 'POST', route: `${A}/respondents/:respondentId/erase`, url: (p) => `/api/projects/${p.project}/respondents/${p.id}/erase`, kind: 'respondent', as: 'admin' },
  ...(['open', 'close', 'extend', 'remind'] as const).map((action): Probe => ({ method: 'POST', route: `${A}/rounds/:roundId/${action}`, url: (p) => `/api/projects/${p.project}/rounds/${p.id}/${action}`, kind: 'round', as: 'admin', body: action === 'extend' ? { closesAt: '2030-01-01T09:00' } : undefined })),
  ...(['open', 'close', 'extend', 'remind'] as const).map((action): Probe => ({ method: 'POST', route: `${P}/rounds/:roundId/${action}`, url: (p) => `/admin/projects/${p.project}/rounds/${p.id}/${action}`, kind: 'round', as: 'admin', form: true, body: action === 'extend' ? { closesAt: '2030-01-01T09:00' } : undefined })),
  ...['invitations', 'invitations.csv', 'links', 'links.csv'].map((what): Probe => ({ method: 'GET', route: `${A}/rounds/:roundId/${what}`, url: (p) => `/api/projects/${p.project}/rounds/${p.id}/${what}`, kind: 'round', as: 'admin' })),
  ...['invitations', 'invitations.csv'].map((what): Probe => ({ method: 'GET', route: `${P}/rounds/:roundId/${what}`, url: (p) => `/admin/projects/${p.project}/rounds/${p.id}/${what}`, kind: 'round', as: 'admin' })),
  { method: 'POST', route: `${A}/rounds/:roundId/invitations/:invitationId/resend`, url: (p) => `/api/projects/${p.project}/rounds/${p.round}/invitations/${p.id}/resend`, kind: 'invitation', as: 'admin' },
  { method: 'POST', route: `${P}/rounds/:roundId/invitations/:invitationId/resend`, url: (p) => `/admin/projects/${p.project}/rounds/${p.round}/invitations/${p.id}/resend`, kind: 'invitation', as: 'admin', form: true },
  { method: 'DELETE', route: '/api/tokens/:tokenId', url: (p) => `/api/tokens/${p.id}`, kind: 'token', as: 'lead' },
  { method: 'POST', route: '/admin/tokens/:tokenId/revoke', url: (p) => `/admin/tokens/${p.id}/revoke`, kind: 'token', as: 'lead', form: true },
];

describeWithEachDatabase('an id of another project (or person) answers exactly like a missing one', testDatabases, (ctx) => {
  const MISSING = 987654;
  let own: { project: number; round: number; round2: number } & Record<Exclude<Kind, 'token'>, number>;
  let foreign: Record<Kind, number>;
  let callers: Record<'admin' | 'lead', SignedIn>;

  before(async () => {
    const { dataSource, catalog, clock } = ctx();
    const project = await buildProject(dataSource);
    const other = await buildProject(dataSource, { name: 'Andet projekt' });
    const [round, round2, otherRound] = [
      await buildRound(dataSource, catalog, clock.now(), { projectId: project.id, status: 'scheduled', reminderDays: '[]', inviteFilter: '{}' }),
      await buildRound(dataSource, catalog, clock.now(), { projectId: project.id, label: 'END', questionnaireId: 'hir-end', reminderDays: '[]', inviteFilter: '{}' }),
      await buildRound(dataSource, catalog, clock.now(), { projectId: other.id, reminderDays: '[]', inviteFilter: '{}' }),
    ];
    callers = { admin: await signIn(ctx(), { role: 'admin' }), lead: await signIn(ctx(), { role: 'lead', projectIds: [project.id] }) };
    // The admin is given the other project too: for an admin, nothing but the path separates the two.
    const stranger = await signIn(ctx(), { role: 'lead', projectIds: [other.id] });
    const tokenOf = async (userId: number) => (await dataSource.getRepository(ApiToken).findOneByOrFail({ userId })).id;
    own = { project: project.id, round: round!.id, round2: round2!.id, respondent: (await buildRespondent(dataSource, project.id)).id, invitation: (await buildInvitation(dataSource, round!)).invitation.id };
    foreign = { round: otherRound!.id, respondent: (await buildRespondent(dataSource, other.id)).id, invitation: (await buildInvitation(dataSource, otherRound!)).invitation.id, token: await tokenOf(stranger.user.id) };
  });

  function send(probe: Probe, id: number) {
    const caller = callers[probe.as];
    const url = probe.url({ project: own.project, round: own.round, round2: own.round2, id });
    // Pages with the session (and CSRF field), the JSON API with the API token.
    if (probe.form) return caller.agent.post(url).type('form').send({ ...probe.body, _csrf: caller.csrfToken });
    if (!url.startsWith('/api/')) return caller.agent.get(url);
    const req = request(ctx().app)[probe.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](url).set('authorization', `Bearer ${caller.apiToken}`);
    return probe.body ? req.send(probe.body) : req;
  }

  it('covers every route that takes a round, caseworker or token id', () => {
    const covered = new Set(probes.map((p) => `${p.method} ${p.route}`));
    const scoped = listAppRoutes(ctx().app).filter((r) => /:(roundId|respondentId|tokenId)\b/.test(r.path) || /\/(comparison|dashboard|report|exports\/(long|wide|paired)\.(csv|xlsx|sav|dta)|exports\/figures\.xlsx)$/.test(r.path));
    expect(scoped.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r))).to.deep.equal([]);
  });

  for (const probe of probes) {
    it(`${probe.method} ${probe.url({ project: 0, round: 0, round2: 0, id: 0 }).replace(/\b0\b/g, '…')} (${probe.kind} id, ${probe.as})`, async () => {
      const foreignAnswer = await send(probe, foreign[probe.kind]);
      const missingAnswer = await send(probe, MISSING);
      expect(missingAnswer.status).to.equal(404);
      expect(foreignAnswer.status, 'status').to.equal(404);
      expect(foreignAnswer.headers['content-type']).to.equal(missingAnswer.headers['content-type']);
      expect(foreignAnswer.text, 'body').to.equal(missingAnswer.text);
      // The route is real: the caller's own id is not a 404 (so the two 404s above are not "no such page").
      // A token of the caller's own, fresh for each probe (revoking is what the token routes do).
      const ownId = probe.kind === 'token' ? (await ctx().dataSource.getRepository(ApiToken).save({ userId: callers.lead.user.id, name: 'eget', tokenHash: `${probe.method}-${Date.now()}`.padEnd(64, '0'), lastUsedAt: null, revokedAt: null })).id : own[probe.kind];
      expect((await send(probe, ownId)).status, 'own id').to.not.equal(404);
    });
  }
});
