import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { UserAccount } from '../../db/entities/index.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceDeps } from '../../shared/serviceDeps.js';
import { validateRequest } from '../../shared/validateRequest.js';
import { requireAdmin, requireUser } from '../authorize.js';
import { idParamsSchema } from '../userSchemas.js';
import { groupedSecret, otpauthUri, qrCodeSvg } from './totp.js';
import { confirmSetup, pendingSecret, renewRecoveryCodes, turnOffTwoFactor, unusedRecoveryCodes, verifySecondFactor } from './twoFactorService.js';
import { twoFactorCodeSchema } from './twoFactorSchemas.js';

const WRONG_CODES_PER_WINDOW = 5;
const WINDOW_MS = 15 * 60 * 1000;
const PAGE = '/admin/account/two-factor';

/**
 * A person's own second factor (set-up with a QR code, recovery codes, turning it off) and an
 * admin's reset of someone else's, as pages and as JSON. Every change is in the audit log
 * (twoFactorService.ts).
 */
export function twoFactorRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const codeLimiter = rateLimit({
    windowMs: WINDOW_MS,
    limit: WRONG_CODES_PER_WINDOW,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `two-factor:${String(req.user?.id)}`,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: () => {
      throw new AppError(429, 'too_many_attempts', 'For mange forkerte koder. Vent et kvarter, og prøv igen. (Too many wrong codes; wait 15 minutes.)');
    },
  });
  const account = (req: Request) => deps.dataSource.getRepository(UserAccount).findOneByOrFail({ id: req.user!.id });
  const codeOf = (req: Request) => (typeof req.body?.code === 'string' ? (req.body.code as string).slice(0, 40) : '');
  // Admins must keep theirs where the installation requires it.
  const mayTurnOff = (role: string) => !(deps.config.twoFactorRequiredForAdmins && role === 'admin');

  async function renderPage(req: Request, res: Response, status: number, extra: { error?: string; notice?: string } = {}) {
    const current = await account(req);
    const locals = { title: 'Totrinsbekræftelse', nav: 'two-factor', required: Boolean(req.session?.twoFactorSetupRequired), ...extra };
    if (current.totpEnabledAt) {
      return res.status(status).render('admin/account/two-factor', { ...locals, enabled: true, enabledAt: current.totpEnabledAt, codesLeft: await unusedRecoveryCodes(deps.dataSource, current.id), mayTurnOff: mayTurnOff(current.role) });
    }
    const secret = (await pendingSecret(deps, current.id))!;
    res.set('Cache-Control', 'no-store');
    const uri = otpauthUri(secret, current.email);
    res.status(status).render('admin/account/two-factor', { ...locals, enabled: false, qrSvg: await qrCodeSvg(uri), otpauthUri: uri, secret: groupedSecret(secret) });
  }

  const showCodes = (res: Response, codes: string[], first: boolean) => {
    res.set('Cache-Control', 'no-store');
    res.render('admin/account/recovery-codes', { title: 'Dine reservekoder', nav: 'two-factor', codes, first });
  };

  router.get(PAGE, requireUser(), async (req, res) => renderPage(req, res, 200, { notice: req.query.off === '1' ? 'Totrinsbekræftelse er slået fra.' : undefined }));

  router.post(PAGE, requireUser(), codeLimiter, async (req, res) => {
    try {
      const codes = await confirmSetup(deps, req.user!.id, codeOf(req), req);
      delete req.session.twoFactorSetupRequired;
      return showCodes(res, codes, true);
    } catch (error) {
      if (error instanceof AppError && error.code === 'wrong_code') return renderPage(req, res, 400, { error: 'Koden passer ikke. Skriv den kode, appen viser lige nu (seks cifre).' });
      throw error;
    }
  });

  router.post(`${PAGE}/recovery-codes`, requireUser(), async (req, res) => showCodes(res, await renewRecoveryCodes(deps, req.user!.id, req), false));

  router.post(`${PAGE}/disable`, requireUser(), codeLimiter, async (req, res) => {
    const current = await account(req);
    if (!mayTurnOff(current.role)) return renderPage(req, res, 409, { error: 'Administratorer skal have totrinsbekræftelse her. Den kan ikke slås fra.' });
    if (!(await verifySecondFactor(deps, current.id, codeOf(req), req.ip))) return renderPage(req, res, 400, { error: 'Koden passer ikke eller er allerede brugt.' });
    await turnOffTwoFactor(deps, current.id, req, 'disable');
    res.redirect(303, `${PAGE}?off=1`);
  });

  router.post('/admin/users/:userId/two-factor/reset', requireAdmin(), validateRequest({ params: idParamsSchema('userId') }), async (req, res) => {
    await turnOffTwoFactor(deps, Number(req.params.userId), req, 'reset');
    res.redirect(303, '/admin/users');
  });

  // The same as JSON.
  router.get('/api/account/two-factor', requireUser(), async (req, res) => {
    const current = await account(req);
    res.json({ enabled: Boolean(current.totpEnabledAt), enabledAt: current.totpEnabledAt?.toISOString() ?? null, recoveryCodesLeft: current.totpEnabledAt ? await unusedRecoveryCodes(deps.dataSource, current.id) : 0 });
  });

  router.post('/api/account/two-factor/setup', requireUser(), async (req, res) => {
    const current = await account(req);
    const secret = await pendingSecret(deps, current.id);
    if (!secret) throw new AppError(409, 'two_factor_enabled', 'Totrinsbekræftelse er allerede slået til. (Two-factor is already on.)');
    res.set('Cache-Control', 'no-store').json({ secret, otpauthUri: otpauthUri(secret, current.email) });
  });

  router.post('/api/account/two-factor', requireUser(), codeLimiter, validateRequest({ body: twoFactorCodeSchema }), async (req, res) => {
    const codes = await confirmSetup(deps, req.user!.id, codeOf(req), req);
    if (req.session) delete req.session.twoFactorSetupRequired;
    res.set('Cache-Control', 'no-store').status(201).json({ enabled: true, recoveryCodes: codes });
  });

  router.post('/api/account/two-factor/recovery-codes', requireUser(), async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ recoveryCodes: await renewRecoveryCodes(deps, req.user!.id, req) });
  });

  router.post('/api/account/two-factor/disable', requireUser(), codeLimiter, validateRequest({ body: twoFactorCodeSchema }), async (req, res) => {
    const current = await account(req);
    if (!mayTurnOff(current.role)) throw new AppError(409, 'two_factor_required', 'Administratorer skal have totrinsbekræftelse her. (Admins must keep two-factor on this installation.)');
    if (!(await verifySecondFactor(deps, current.id, codeOf(req), req.ip))) throw new AppError(400, 'wrong_code', 'Koden passer ikke eller er allerede brugt. (The code is wrong or used.)', [{ field: 'body.code', message: 'is wrong' }]);
    await turnOffTwoFactor(deps, current.id, req, 'disable');
    res.json({ enabled: false });
  });

  router.post('/api/users/:userId/two-factor/reset', requireAdmin(), validateRequest({ params: idParamsSchema('userId') }), async (req, res) => {
    await turnOffTwoFactor(deps, Number(req.params.userId), req, 'reset');
    res.json({ enabled: false });
  });

  return router;
}
