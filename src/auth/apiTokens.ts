import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'pj_';

/** A personal API token: recognisable prefix + 192 random bits. Shown once; only the hash is kept. */
export function generateApiToken(): string {
  return PREFIX + randomBytes(24).toString('base64url');
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith(PREFIX) && /^[A-Za-z0-9_-]{32}$/.test(token.slice(PREFIX.length));
}
