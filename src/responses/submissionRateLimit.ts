import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';

/**
 * Submissions and draft saves are limited per personal link, not per IP: a whole job centre may
 * sit behind one address, while one link hammering the server is never a person filling in a form.
 */
export function submissionRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    keyGenerator: (req) => `link:${String(req.params.token ?? '')}`,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    message: { error: { code: 'rate_limited', message: 'Too many requests for this link; wait a minute and try again.' } },
  });
}
