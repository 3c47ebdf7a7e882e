import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import { TWO_FACTOR_SETUP_PATH } from '../passwordSignIn.js';
import '../types.js';

// What an admin who must set up a second factor can still reach: that set-up, and signing out.
const OPEN_PATHS = [TWO_FACTOR_SETUP_PATH, '/api/account/two-factor', '/api/session', '/logout'];

/**
 * Where the installation requires a second factor for admins (TWO_FACTOR_REQUIRED_FOR_ADMINS), an
 * admin who signed in with only a password reaches nothing but the set-up until it is done.
 */
export function requireTwoFactorEnrolment(req: Request, res: Response, next: NextFunction): void {
  if (!req.user || req.user.via !== 'session' || !req.session?.twoFactorSetupRequired) return next();
  if (OPEN_PATHS.some((path) => req.path === path || req.path.startsWith(`${path}/`))) return next();
  if (req.method === 'GET' && !req.path.startsWith('/api/')) return res.redirect(303, TWO_FACTOR_SETUP_PATH);
  throw new AppError(403, 'two_factor_required', 'Slå totrinsbekræftelse til først under /admin/account/two-factor. (Set up two-factor first.)');
}
