import { createHmac, randomBytes } from 'node:crypto';

/** The random part stored with an invitation (or a round's open link). */
export function newLinkNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The token in a personal link: 128 bits of HMAC-SHA256(secret key, nonce). Only its SHA-256 is
 * stored for lookup; the nonce alone is useless without the key, yet with the key the same link
 * can be shown again in a reminder or a CSV export.
 */
export function deriveLinkToken(secretKey: string, purpose: 'invitation' | 'open-link', nonce: string): string {
  return createHmac('sha256', secretKey).update(`${purpose}:${nonce}`).digest().subarray(0, 16).toString('base64url');
}

export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${token}`;
}

export function openLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/a/${token}`;
}
