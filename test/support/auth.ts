import request from 'supertest';
import { ApiToken, ProjectLead, UserAccount } from '../../src/db/entities/index.js';
import type { UserRole } from '../../src/db/entities/UserAccount.js';
import { generateApiToken, hashApiToken } from '../../src/auth/apiTokens.js';
import { hashPassword } from '../../src/auth/passwords.js';
import type { TestContext } from './testContext.js';

export const TEST_PASSWORD = 'korrekt hest batteri hæfteklamme';
let passwordHash: Promise<string> | undefined;
let userCounter = 0;

export interface SignedIn {
  /** A supertest agent carrying the session cookie. */
  agent: request.Agent;
  /** Send as `_csrf` in forms or `x-csrf-token` on JSON requests made with the agent. */
  csrfToken: string;
  user: UserAccount;
  /** A personal API token of the same user (Authorization: Bearer …). */
  apiToken: string;
}

export async function buildUser(ctx: TestContext, overrides: Partial<UserAccount> & { role?: UserRole } = {}): Promise<UserAccount> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = ++userCounter;
  return ctx.dataSource.getRepository(UserAccount).save({
    email: `user${n}-${Date.now()}@example.dk`, name: `Bruger ${n}`, role: 'admin', passwordHash: await passwordHash,
    setupTokenHash: null, setupExpiresAt: null, active: true, lastLoginAt: null, ...overrides,
  });
}

/** Extract the hidden _csrf field of a rendered form. */
export function csrfFromHtml(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1]!;
}

/** A signed-in browser (through the real login form) and an API token, for an admin or a lead. */
export async function signIn(ctx: TestContext, options: { role: UserRole; projectIds?: number[]; user?: UserAccount }): Promise<SignedIn> {
  const user = options.user ?? (await buildUser(ctx, { role: options.role }));
  for (const projectId of options.projectIds ?? []) await ctx.dataSource.getRepository(ProjectLead).save({ projectId, userId: user.id });
  const agent = request.agent(ctx.app);
  const loginPage = await agent.get('/login');
  const login = await agent.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD, _csrf: csrfFromHtml(loginPage.text) });
  if (login.status !== 303) throw new Error(`login failed with ${login.status}`);
  const session = await agent.get('/api/session');
  const apiToken = generateApiToken();
  // Made under the account's current credentials version, as POST /api/tokens would.
  const { credentialsVersion } = await ctx.dataSource.getRepository(UserAccount).findOneByOrFail({ id: user.id });
  await ctx.dataSource.getRepository(ApiToken).save({ userId: user.id, name: 'test', tokenHash: hashApiToken(apiToken), credentialsVersion, lastUsedAt: null, revokedAt: null });
  return { agent, csrfToken: session.body.csrfToken as string, user, apiToken };
}
