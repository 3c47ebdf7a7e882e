import { createHash, randomBytes } from 'node:crypto';

/** 128 random bits, URL-safe: unguessable, and short enough for a link in a mail or an SMS. */
export function generateInvitationToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Only the hash is stored, so a leaked database does not hand out working links. SHA-256 is
 * enough (no salt or slow hash needed): the token has 128 bits of entropy, nothing to guess.
 */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Tokens we issue are 22 base64url characters; anything else is rejected before a lookup. */
export function looksLikeInvitationToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(token);
}
