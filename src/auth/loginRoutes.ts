import { Router, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { recordAudit } from '../audit/auditLog.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { completeSetup, findAccountBySetupToken, verifyCredentials } from './accountService.js';
import { toUser } from './authenticate.js';
import { providerLogoutUrl } from './oidc/oidcClient.js';
import { completePasswordSignIn, needsTwoFactorSetup, TWO_FACTOR_SETUP_PATH } from './passwordSignIn.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { safeNext } from './safeNext.js';
import { passwordSignInAllowed } from './signInConfig.js';
import { regenerateWith, signInSession } from './signInSession.js';

const FAILED_LOGINS_PER_WINDOW = 10;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Time between a correct password and the code from the app. */
const SECOND_FACTOR_TTL_MS = 5 * 60 * 1000;

export function loginRoutes(deps: ServiceDeps): Router {
  const router = Router();
  // The sign-in page offers the provider (when configured) and the password form (unless turned off: then folded away, for the break-glass admin).
  const loginLocals = { title: 'Log ind', oidcName: deps.config.oidc?.displayName, passwordSignIn: deps.config.localSignIn.enabled };
  const loginLimiter = rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: FAILED_LOGINS_PER_WINDOW,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      res.status(429).render('auth/login', { ...loginLocals, email: req.body?.email ?? '', next: safeNext(req.body?.next), error: 'For mange forsøg. Vent et kvarter, og prøv igen.' });
    },
  });

  const renderLogin = (res: Response, status: number, locals: { email?: string; next?: string; error?: string }) =>
    res.status(status).render('auth/login', { ...loginLocals, email: '', next: '/admin/projects', ...locals });

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    renderLogin(res, 200, { next: safeNext(req.query.next) });
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const email = typeof req.body?.email === 'string' ? req.body.email.slice(0, 254) : '';
    const password = typeof req.body?.password === 'string' ? req.body.password.slice(0, 200) : '';
    const next = safeNext(req.body?.next);
    if (!passwordSignInAllowed(deps.config, email)) {
      return renderLogin(res, 403, { email, next, error: `Log ind med adgangskode er slået fra. Brug "Log ind med ${deps.config.oidc?.displayName ?? 'kommunens login'}".` });
    }
    const account = email && password ? await verifyCredentials(deps.dataSource, email, password) : undefined;
    if (!account) {
      // One message for unknown emails and wrong passwords: no way to find out who has an account.
      return renderLogin(res, 401, { email, next, error: 'Forkert e-mail eller adgangskode.' });
    }
    if (account.totpEnabledAt) {
      // Not signed in yet: the session only remembers whose password was right, for the code from the app.
      await regenerateWith(req, (session) => {
        session.pendingSecondFactor = { userId: account.id, credentialsVersion: account.credentialsVersion, next, expiresAt: Date.now() + SECOND_FACTOR_TTL_MS };
      });
      return res.redirect(303, '/login/two-factor');
    }
    res.redirect(303, await completePasswordSignIn(deps, req, account, next));
  });

  /** After Pejling's session: the provider's too, where the person came from it and it supports RP-initiated logout. */
  async function afterLogout(idToken: string | undefined): Promise<string> {
    if (!idToken || !deps.config.oidc) return '/login';
    try {
      return (await providerLogoutUrl(deps.config.oidc, idToken, `${deps.config.publicUrl}/login`)) ?? '/login';
    } catch (error) {
      deps.logger.warn('No RP-initiated logout: provider unreachable', { error: (error as Error).message });
      return '/login';
    }
  }

  router.post('/logout', (req, res, next) => {
    if (!req.session) return res.redirect(303, '/login');
    const idToken = req.session.oidcIdToken;
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie('pejling.sid');
      afterLogout(idToken).then((url) => res.redirect(303, url), next);
    });
  });

  router.get('/setup/:token', async (req, res) => {
    const account = await findAccountBySetupToken(deps.dataSource, req.params.token, deps.clock());
    if (!account) return res.status(404).render('auth/setup-invalid', { title: 'Linket virker ikke' });
    if (!passwordSignInAllowed(deps.config, account.email)) return res.status(403).render('auth/setup-invalid', { title: 'Linket virker ikke', oidcName: deps.config.oidc?.displayName });
    res.render('auth/setup', { title: 'Vælg adgangskode', account: { email: account.email, name: account.name } });
  });

  router.post('/setup/:token', async (req, res) => {
    const account = await findAccountBySetupToken(deps.dataSource, req.params.token, deps.clock());
    if (!account) return res.status(404).render('auth/setup-invalid', { title: 'Linket virker ikke' });
    if (!passwordSignInAllowed(deps.config, account.email)) return res.status(403).render('auth/setup-invalid', { title: 'Linket virker ikke', oidcName: deps.config.oidc?.displayName });
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const repeated = typeof req.body?.passwordRepeat === 'string' ? req.body.passwordRepeat : '';
    const problem = passwordProblem(password) ?? (password === repeated ? undefined : 'De to adgangskoder er ikke ens.');
    if (problem) return res.status(400).render('auth/setup', { title: 'Vælg adgangskode', account: { email: account.email, name: account.name }, error: problem });
    const passwordHash = await hashPassword(password);
    const done = await deps.dataSource.transaction(async (manager) => {
      if (!(await completeSetup(manager, account, passwordHash))) return false;
      await recordAudit(manager, { user: toUser(account, 'session'), ip: req.ip }, { action: 'auth.setup', objectType: 'user', objectId: account.id }, deps.clock());
      return true;
    });
    if (!done) return res.status(404).render('auth/setup-invalid', { title: 'Linket virker ikke' });
    // Choosing a password proves no second factor: an account that has one signs in through it.
    if (account.totpEnabledAt) return res.redirect(303, '/login');
    const setupRequired = needsTwoFactorSetup(deps, account);
    await signInSession(req, account, { method: 'password', twoFactorSetupRequired: setupRequired });
    res.redirect(303, setupRequired ? TWO_FACTOR_SETUP_PATH : '/admin/projects');
  });

  router.get('/api/session', (req, res) => {
    if (!req.user) return res.status(401).json({ error: { code: 'unauthenticated', message: 'Not signed in.' } });
    return res.json({ user: { id: req.user.id, email: req.user.email, name: req.user.name, role: req.user.role }, csrfToken: req.user.via === 'session' ? res.locals.csrfToken : undefined });
  });

  return router;
}
