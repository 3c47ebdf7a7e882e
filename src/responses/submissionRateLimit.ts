import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { pickLanguage } from '../shared/i18n.js';
import { renderMessagePage } from './messagePages.js';

/**
 * Beyond a limit: a page in the person's language (Danish unless they chose English) for the
 * form, a Danish JSON message for the API. Never express-rate-limit's English text.
 */
export function answerRateLimited(req: Request, res: Response): void {
  if (req.originalUrl.startsWith('/api/') || req.is('application/json')) {
    res.status(429).json({ error: { code: 'rate_limited', message: 'For mange forsøg på kort tid; vent et minut, og prøv igen (too many requests; wait a minute and try again).' } });
    return;
  }
  res.set('Cache-Control', 'no-store');
  renderMessagePage(res, 429, pickLanguage((req.body as { _lang?: unknown } | undefined)?._lang ?? req.query.lang, 'da'), 'rate_limited');
}

/** A per-minute limit keyed by `key`; every refusal answers with answerRateLimited. */
export function perMinuteLimit(limit: number, key: (req: Request) => string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    keyGenerator: key,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => answerRateLimited(req, res),
  });
}

/** The caller's network address as a limit key (IPv6 grouped by /56, as express-rate-limit advises). */
export const addressKey = (req: Request): string => `ip:${ipKeyGenerator(req.ip ?? '')}`;

/**
 * Submissions and draft saves are limited per personal link, not per IP: a whole job centre may
 * sit behind one address, while one link hammering the server is never a person filling in a form.
 */
export function submissionRateLimit(perMinute: number): RequestHandler {
  return perMinuteLimit(perMinute, (req) => `link:${String(req.params.token ?? '')}`);
}
