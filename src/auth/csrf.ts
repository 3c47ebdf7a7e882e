import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { AppError } from '../shared/errors.js';

/**
 * Synchroniser-token CSRF protection (csrf-sync) for everything a signed-in browser changes.
 * Not needed, and not applied, where no cookie authenticates the request: API-token calls and the
 * caseworker's form, whose personal link is itself the credential.
 */
const { generateToken, csrfSynchronisedProtection } = csrfSync({
  // The header (JSON calls) or the form field, never the query string: a URL with the token ends
  // up in logs, browser history and Referer headers. Uploads are parsed before this check
  // (multipartForms.ts), so they carry the field too.
  getTokenFromRequest: (req) => {
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
    return typeof field === 'string' ? field : undefined;
  },
  errorConfig: { statusCode: 403, message: 'csrf', code: 'EBADCSRFTOKEN' },
});

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const COOKIELESS_PATHS = [/^\/s\//, /^\/a\//, /^\/api\/responses\//, /^\/api\/drafts\//];

export function csrfGuard(req: Request, res: Response, next: NextFunction): void {
  // Lazy: a token is made (and stored in the session) only when a page actually renders one.
  Object.defineProperty(res.locals, 'csrfToken', { get: () => (req.session ? generateToken(req) : undefined), enumerable: true, configurable: true });
  if (!UNSAFE_METHODS.has(req.method) || req.user?.via === 'api-token' || COOKIELESS_PATHS.some((pattern) => pattern.test(req.path))) return next();
  csrfSynchronisedProtection(req, res, (error?: unknown) => {
    if (error) return next(new AppError(403, 'csrf_failed', 'The form has expired or did not come from Pejling. Reload the page and try again.'));
    next();
  });
}

export { generateToken as csrfTokenFor };
