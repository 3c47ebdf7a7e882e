import type { ErrorRequestHandler, Request } from 'express';
import { AppError } from './errors.js';
import { RequestBodyError, requestBodyError } from './requestBodyErrors.js';
import { isDatabaseUnavailable } from '../db/databaseUnavailable.js';
import type { Logger } from './logger.js';
import { isStaffArea, staffErrorText } from './staffErrorPage.js';

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz' || (!req.accepts('html') && Boolean(req.accepts('json')));
}

/** The one place errors become responses: JSON under /api, an HTML page for browsers. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = error instanceof AppError ? error : requestBodyError(error) ?? (isDatabaseUnavailable(error)
      ? new AppError(503, 'database_unavailable', 'The database cannot be reached right now. Nothing was lost: please try again in a moment.')
      : undefined);
    if (known?.code === 'database_unavailable') logger.warn('database unavailable', { method: req.method, path: req.path });
    const appError = known ?? new AppError(500, 'internal_error', 'Something went wrong on our side. Please try again in a moment.');
    if (!known) logger.error('unhandled error', { method: req.method, path: req.path, error: error instanceof Error ? error.stack : String(error) });
    // A download that fails half-way: close the connection, so the client sees it cut off rather than wait.
    if (res.headersSent) return void res.destroy();
    res.status(appError.status);
    if (wantsJson(req)) {
      res.json({ error: { code: appError.code, message: appError.message, ...(appError.details === undefined ? {} : { details: appError.details }) } });
    } else {
      // Caseworkers keep their answers: the form also keeps a copy in the browser (public/js/form.js).
      if (appError.status === 503) res.set('Retry-After', '30');
      // Admins and leads stay in their own area (Danish, with its menu), not on the caseworker's page.
      if (isStaffArea(req) && !(appError instanceof RequestBodyError)) return res.render('admin/errors/error', { status: appError.status, ...staffErrorText(appError.status, appError.code) });
      const lang = req.query.lang === 'en' ? 'en' : 'da';
      res.render('error', { status: appError.status, code: appError.code, message: appError.message, lang, ...(appError instanceof RequestBodyError ? appError.page[lang] : {}) });
    }
  };
}
