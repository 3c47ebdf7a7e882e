import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { UserAccount } from '../db/entities/index.js';
import { recordAudit } from '../audit/auditLog.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { completeSetup, findAccountBySetupToken, verifyCredentials } from './accountService.js';
import { csrfTokenFor } from './csrf.js';
import { passwordProblem } from './passwords.js';

const FAILED_LOGINS_PER_WINDOW = 10;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Only same-site paths: `next=//evil.example` must not turn the login into an open redirect. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/admin/projects';
}

function signInSession(req: Request, userId: number): Promise<void> {
  // A new session id at sign-in, so a session id planted before login is worthless after it.
  return new Promise((resolve, reject) => req.session.regenerate((error) => {
    if (error) return reject(error);
    req.session.userId = userId;
    csrfTokenFor(req, true);
    req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
  }));
}

export function loginRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: FAILED_LOGINS_PER_WINDOW,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      res.status(429).render('auth/login', { title: 'Log ind', email: req.body?.email ?? '', next: safeNext(req.body?.next), error: 'For mange forsøg. Vent et kvarter, og prøv igen.' });
    },
  });

  const renderLogin = (res: Response, status: number, locals: { email?: string; next?: string; error?: string }) =>
    res.status(status).render('auth/login', { title: 'Log ind', email: '', next: '/admin/projects', ...locals });

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    renderLogin(res, 200, { next: safeNext(req.query.next) });
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const email = typeof req.body?.email === 'string' ? req.body.email.slice(0, 254) : '';
    const password = typeof req.body?.password === 'string' ? req.body.password.slice(0, 200) : '';
    const next = safeNext(req.body?.next);
    const account = email && password ? await verifyCredentials(deps.dataSource, email, password) : undefined;
    if (!account) {
      // One message for unknown emails and wrong passwords: no way to find out who has an account.
      return renderLogin(res, 401, { email, next, error: 'Forkert e-mail eller adgangskode.' });
    }
    await signInSession(req, account.id);
    const now = deps.clock();
    await deps.dataSource.getRepository(UserAccount).update(account.id, { lastLoginAt: now });
    await recordAudit(deps.dataSource, { user: { id: account.id, email: account.email, name: account.name, role: account.role, via: 'session' }, ip: req.ip }, { action: 'auth.login', objectType: 'user', objectId: account.id }, now);
    res.redirect(303, next);
  });

  router.post('/logout', (req, res, next) => {
    if (!req.session) return res.redirect(303, '/login');
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie('pejling.sid');
      res.redirect(303, '/login');
    });
  });

  router.get('/setup/:token', async (req, res) => {
    const account = await findAccountBySetupToken(deps.dataSource, req.params.token, deps.clock());
    if (!account) return res.status(404).render('auth/setup-invalid', { title: 'Linket virker ikke' });
    res.render('auth/setup', { title: 'Vælg adgangskode', account: { email: account.email, name: account.name } });
  });

  router.post('/setup/:token', async (req, res) => {
    const account = await findAccountBySetupToken(deps.dataSource, req.params.token, deps.clock());
    if (!account) return res.status(404).render('auth/setup-invalid', { title: 'Linket virker ikke' });
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const repeated = typeof req.body?.passwordRepeat === 'string' ? req.body.passwordRepeat : '';
    const problem = passwordProblem(password) ?? (password === repeated ? undefined : 'De to adgangskoder er ikke ens.');
    if (problem) return res.status(400).render('auth/setup', { title: 'Vælg adgangskode', account: { email: account.email, name: account.name }, error: problem });
    await completeSetup(deps.dataSource, account, password);
    await signInSession(req, account.id);
    await recordAudit(deps.dataSource, { user: { id: account.id, email: account.email, name: account.name, role: account.role, via: 'session' }, ip: req.ip }, { action: 'auth.setup', objectType: 'user', objectId: account.id }, deps.clock());
    res.redirect(303, '/admin/projects');
  });

  router.get('/api/session', (req, res) => {
    if (!req.user) return res.status(401).json({ error: { code: 'unauthenticated', message: 'Not signed in.' } });
    return res.json({ user: { id: req.user.id, email: req.user.email, name: req.user.name, role: req.user.role }, csrfToken: req.user.via === 'session' ? res.locals.csrfToken : undefined });
  });

  return router;
}
