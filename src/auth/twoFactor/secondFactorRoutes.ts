import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { UserAccount } from '../../db/entities/index.js';
import { recordAudit } from '../../audit/auditLog.js';
import type { ServiceDeps } from '../../shared/serviceDeps.js';
import { toUser } from '../authenticate.js';
import { completePasswordSignIn } from '../passwordSignIn.js';
import { verifySecondFactor } from './twoFactorService.js';

/** Wrong codes per account per window: six digits must not be guessable by trying. */
const WRONG_CODES_PER_WINDOW = 5;
const WINDOW_MS = 15 * 60 * 1000;

/** The pending sign-in, if the password was right a moment ago in this browser. */
function pending(req: Request) {
  const state = req.session?.pendingSecondFactor;
  return state && state.expiresAt > Date.now() ? state : undefined;
}

/** The second step of a password sign-in for an account with two-factor: a code from the app, or a recovery code. */
export function secondFactorRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const render = (res: Response, status: number, error?: string) => res.status(status).render('auth/two-factor', { title: 'Kode fra din app', error });
  const limiter = rateLimit({
    windowMs: WINDOW_MS,
    limit: WRONG_CODES_PER_WINDOW,
    skipSuccessfulRequests: true,
    // Per account, not per address: whoever has the password may try from many addresses.
    keyGenerator: (req) => {
      const userId = pending(req)?.userId;
      return userId ? `second-factor:${userId}` : `second-factor-ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => render(res, 429, 'For mange forkerte koder. Vent et kvarter, og prøv igen.'),
  });

  router.get('/login/two-factor', (req, res) => {
    if (!pending(req)) return res.redirect(303, '/login');
    render(res, 200);
  });

  router.post('/login/two-factor', limiter, async (req, res) => {
    const state = pending(req);
    if (!state) return res.redirect(303, '/login');
    const code = typeof req.body?.code === 'string' ? req.body.code.slice(0, 40) : '';
    if (!code.trim()) return render(res, 400, 'Skriv koden fra din app.');
    const account = await deps.dataSource.getRepository(UserAccount).findOne({ where: { id: state.userId, active: true, credentialsVersion: state.credentialsVersion } });
    if (!account) {
      delete req.session.pendingSecondFactor;
      return res.redirect(303, '/login');
    }
    const factor = await verifySecondFactor(deps, account.id, code, req.ip);
    if (!factor) {
      await recordAudit(deps.dataSource, { user: toUser(account, 'session'), ip: req.ip }, { action: 'auth.second_factor_failed', objectType: 'user', objectId: account.id }, deps.clock());
      return render(res, 401, 'Koden passer ikke eller er allerede brugt. Skriv den kode, appen viser nu, eller en ubrugt reservekode.');
    }
    res.redirect(303, await completePasswordSignIn(deps, req, account, state.next, factor));
  });

  return router;
}
