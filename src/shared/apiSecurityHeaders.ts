import type { NextFunction, Request, Response } from 'express';

/**
 * The security headers of a JSON answer, after OWASP's REST Security Cheat Sheet ("Security
 * headers"): a JSON body is never a page, so it needs no script, style or font policy, only that
 * nothing renders, frames, sniffs or stores it. Helmet's page set is 12 headers and ≈ 700 bytes;
 * on the caseworker's submission, the busiest request, writing and reading them cost more CPU
 * than validating the answers (bench/submissionBench.ts).
 */
const HEADERS: [string, string][] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cache-Control', 'no-store'],
];

export function apiSecurityHeaders(_req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of HEADERS) res.setHeader(name, value);
  next();
}
