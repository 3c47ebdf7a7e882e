import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcConfig } from '../../src/auth/signInConfig.js';

/** Claims of a person the test provider knows, by login name (its account id and `sub`). */
export type TestPeople = Record<string, { email?: string; name?: string; groups?: string[] }>;

export interface TestOidcProvider {
  issuer: string;
  /** Pejling's OIDC settings for this provider (the admin claim is `groups`, value `pejling-admins`). */
  config(overrides?: Partial<OidcConfig>): OidcConfig;
  /** How long an authorization code lives, in seconds (for the expired-code test). */
  setCodeTtl(seconds: number): void;
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'pejling-test';
const TEST_CLIENT_SECRET = 'hemmelig-klientnoegle-til-test-0123456789';

/**
 * A real OpenID Connect provider (oidc-provider) on a free loopback port, with its development
 * login page (any password; the login name picks the person), RP-initiated logout, PKCE required.
 * `people` may be changed while it runs.
 */
export async function startOidcProvider(options: { redirectUris: string[]; postLogoutRedirectUris: string[]; people: TestPeople }): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let codeTtl = 60;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, redirect_uris: options.redirectUris, post_logout_redirect_uris: options.postLogoutRedirectUris,
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post',
    }],
    findAccount: (_ctx: unknown, id: string) => {
      const person = options.people[id];
      return person ? { accountId: id, claims: () => ({ sub: id, ...person }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'groups'] },
    // Everything the scopes grant goes into the ID token, as Entra ID and AD FS do with their optional claims.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: () => codeTtl, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    config: (overrides = {}) => ({
      issuerUrl: issuer, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, emailClaim: 'email', nameClaim: 'name', adminClaim: 'groups', adminValues: ['pejling-admins'],
      displayName: 'Testkommune', unknownUsers: 'create', scopes: 'openid email profile', ...overrides,
    }),
    setCodeTtl: (seconds) => {
      codeTtl = seconds;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Sign in at the provider as a browser would, without one: follow its redirects, submit its login
 * form (login name, any password) and its consent form, until it sends the browser back to the
 * client. Returns that address (redirect_uri?code=…&state=…).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  };
  const issuerOrigin = new URL(authorizationUrl).origin;
  let url = new URL(authorizationUrl);
  let res = await send(url);
  for (let step = 0; step < 20; step++) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      if (url.origin !== issuerOrigin) return url;
      res = await send(url);
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) throw new Error(`The provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(input[1]!, input[2]!);
    if (fields.get('prompt') === 'login') {
      fields.set('login', login);
      fields.set('password', 'egal');
    }
    url = new URL(form[1]!, url);
    res = await send(url, { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  throw new Error('The provider never sent the browser back');
}
