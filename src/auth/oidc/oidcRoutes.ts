import { Router, type Request, type Response } from 'express';
import * as client from 'openid-client';
import { UserAccount } from '../../db/entities/index.js';
import { recordAudit } from '../../audit/auditLog.js';
import type { ServiceDeps } from '../../shared/serviceDeps.js';
import { toUser } from '../authenticate.js';
import { safeNext } from '../safeNext.js';
import { signInSession } from '../signInSession.js';
import { accountForClaims, type OidcRefusal } from './oidcAccounts.js';
import { providerConfiguration } from './oidcClient.js';

/** Time to sign in at the provider (its own login, MFA) before the answer no longer counts. */
const FLOW_TTL_MS = 10 * 60 * 1000;

const refusals: Record<OidcRefusal, string> = {
  no_email: 'Kommunens login sendte ikke din e-mailadresse, så Pejling kan ikke finde din konto. Kontakt IT-afdelingen.',
  unknown_person: 'Du har ingen konto i Pejling. Bed en administrator i Pejling om at oprette dig med din arbejdsmail.',
  deactivated: 'Din konto i Pejling er deaktiveret. Bed en administrator i Pejling om at genaktivere den.',
};

/**
 * Single sign-on with the municipality's OpenID Connect provider (Entra ID, AD FS): the
 * authorization code flow with PKCE, state and nonce (openid-client checks all three and the ID
 * token). What the answer must match is kept in the session, and used once.
 */
export function oidcRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const oidc = deps.config.oidc;
  if (!oidc) return router;
  const redirectUri = `${deps.config.publicUrl}/login/oidc/callback`;

  const failed = (res: Response, status: number, text: string) =>
    res.status(status).render('auth/oidc-failed', { title: 'Log ind lykkedes ikke', text, displayName: oidc.displayName });

  router.get('/login/oidc', async (req, res) => {
    const next = safeNext(req.query.next);
    if (req.user) return res.redirect(303, next);
    let configuration: client.Configuration;
    try {
      configuration = await providerConfiguration(oidc);
    } catch (error) {
      deps.logger.warn('OpenID Connect discovery failed', { issuer: oidc.issuerUrl, error: (error as Error).message });
      return failed(res, 503, `${oidc.displayName} svarer ikke lige nu. Prøv igen om lidt.`);
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, next, expiresAt: Date.now() + FLOW_TTL_MS };
    req.session.oidcFlow = flow;
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri, scope: oidc.scopes, state: flow.state, nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256',
    });
    res.redirect(303, url.href);
  });

  router.get('/login/oidc/callback', async (req, res) => {
    const flow = req.session?.oidcFlow;
    if (flow) delete req.session.oidcFlow;
    if (!flow || flow.expiresAt < Date.now()) return failed(res, 400, 'Log ind blev afbrudt eller tog for lang tid. Prøv igen.');
    // The answer as the provider sent it, on the address it was registered with (PUBLIC_URL, maybe behind a proxy).
    const currentUrl = new URL(redirectUri);
    currentUrl.search = new URL(req.originalUrl, 'http://pejling.invalid').search;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(await providerConfiguration(oidc), currentUrl, {
        pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
      });
    } catch (error) {
      const reason = (error as { code?: string; error?: string }).error ?? (error as { code?: string }).code ?? 'error';
      deps.logger.warn('OpenID Connect sign-in failed', { reason, error: (error as Error).message });
      await recordAudit(deps.dataSource, { user: undefined, ip: req.ip }, { action: 'auth.oidc_failed', objectType: 'user', details: { reason } }, deps.clock());
      return failed(res, 401, `${oidc.displayName} godkendte ikke log ind. Prøv igen; sker det igen, så kontakt IT-afdelingen.`);
    }
    const outcome = await accountForClaims(deps.dataSource, oidc, tokens.claims() ?? {}, req.ip, deps.clock());
    if ('refusal' in outcome) {
      await recordAudit(deps.dataSource, { user: undefined, ip: req.ip }, { action: 'auth.oidc_refused', objectType: 'user', details: { reason: outcome.refusal, email: outcome.email } }, deps.clock());
      return failed(res, 403, refusals[outcome.refusal]);
    }
    await signIn(req, outcome.account, tokens.id_token);
    res.redirect(303, flow.next);
  });

  async function signIn(req: Request, account: UserAccount, idToken: string | undefined) {
    await signInSession(req, account, { method: 'oidc', oidcIdToken: idToken });
    const now = deps.clock();
    await deps.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserAccount).update(account.id, { lastLoginAt: now });
      await recordAudit(manager, { user: toUser(account, 'session'), ip: req.ip }, { action: 'auth.login', objectType: 'user', objectId: account.id, details: { method: 'oidc' } }, now);
    });
  }

  return router;
}
