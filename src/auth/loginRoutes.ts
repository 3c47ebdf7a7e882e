import { Router, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { UserAccount } from '../db/entities/index.js';
import { recordAudit } from '../audit/auditLog.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { completeSetup, findAccountBySetupToken, verifyCredentials } from './accountService.js';
import { toUser } from './authenticate.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { signInSession } from './signInSession.js';

const FAILED_LOGINS_PER_WINDOW = 10;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Only same-site paths: `next=//evil.example` must not turn the login into an open redirect. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/admin/projects';
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
    await signInSession(req, account);
    const now = deps.clock();
    await deps.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserAccount).update(account.id, { lastLoginAt: now });
      await recordAudit(manager, { user: toUser(account, 'session'), ip: req.ip }, { action: 'auth.login', objectType: 'user', objectId: account.id }, now);
    });
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
    const passwordHash = await hashPassword(password);
    const done = await deps.dataSource.transaction(async (manager) => {
      if (!(await completeSetup(manager, account, passwordHash))) return false;
      await recordAudit(manager, { user: toUser(account, 'session'), ip: req.ip }, { action: 'auth.setup', objectType: 'user', objectId: account.id }, deps.clock());
      return true;
    });
    if (!done) return res.status(404).render('auth/setup-invalid', { title: 'Linket virker ikke' });
    await signInSession(req, account);
    res.redirect(303, '/admin/projects');
  });

  router.get('/api/session', (req, res) => {
    if (!req.user) return res.status(401).json({ error: { code: 'unauthenticated', message: 'Not signed in.' } });
    return res.json({ user: { id: req.user.id, email: req.user.email, name: req.user.name, role: req.user.role }, csrfToken: req.user.via === 'session' ? res.locals.csrfToken : undefined });
  });

  return router;
}
