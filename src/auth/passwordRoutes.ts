import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { changeOwnPassword } from './accountActions.js';
import { requireUser } from './authorize.js';
import { csrfTokenFor } from './csrf.js';
import { passwordProblem } from './passwords.js';
import { signInSession } from './signInSession.js';
import { changePasswordSchema } from './userSchemas.js';

const WRONG_PASSWORDS_PER_WINDOW = 10;
const WINDOW_MS = 15 * 60 * 1000;

/**
 * A signed-in person changes their own password (proving the current one). Every session and API
 * token of theirs ends; a browser that made the change gets a fresh session, so only it stays
 * signed in.
 */
export function passwordRoutes(deps: ServiceDeps): Router {
  const router = Router();
  // A stolen session must not become a way to guess the password: wrong guesses are limited per account.
  const guessLimiter = rateLimit({
    windowMs: WINDOW_MS,
    limit: WRONG_PASSWORDS_PER_WINDOW,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `user:${String(req.user?.id)}`,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: () => {
      throw new AppError(429, 'too_many_attempts', 'For mange forsøg. Vent et kvarter, og prøv igen. (Too many attempts; wait 15 minutes.)');
    },
  });

  async function change(req: Request, current: string, next: string) {
    const changed = await changeOwnPassword(deps.dataSource, req.user!.id, { current, next }, req, deps.clock());
    if (req.user!.via === 'session') await signInSession(req, changed.account);
    return changed;
  }

  router.get('/admin/account/password', requireUser(), (req, res) => {
    res.render('admin/account/password', { title: 'Skift adgangskode', nav: 'account', errors: {}, changed: req.query.changed === '1' });
  });

  router.post('/admin/account/password', requireUser(), guessLimiter, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const errors: Record<string, string> = {};
    if (!text('currentPassword')) errors.currentPassword = 'Skriv din nuværende adgangskode.';
    const problem = passwordProblem(text('password'));
    if (problem) errors.password = problem;
    else if (text('password') !== text('passwordRepeat')) errors.passwordRepeat = 'De to adgangskoder er ikke ens.';
    if (Object.keys(errors).length === 0) {
      try {
        await change(req, text('currentPassword'), text('password'));
        return res.redirect(303, '/admin/account/password?changed=1');
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'wrong_password') throw error;
        errors.currentPassword = 'Den nuværende adgangskode er forkert.';
      }
    }
    res.status(400).render('admin/account/password', { title: 'Skift adgangskode', nav: 'account', errors, changed: false });
  });

  router.put('/api/account/password', requireUser(), guessLimiter, validateRequest({ body: changePasswordSchema }), async (req, res) => {
    const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };
    const { revoked } = await change(req, currentPassword, newPassword);
    // The browser's new session needs its own CSRF token; an API-token caller's token is revoked with the rest.
    res.json({ revoked, csrfToken: req.user!.via === 'session' ? csrfTokenFor(req) : undefined });
  });

  return router;
}
