import { createHash, randomInt } from 'node:crypto';

const CODES_PER_SET = 10;
// Letters and digits that cannot be mistaken for one another when read off paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxxx-xxxxx` from 31 characters: about 50 bits of chance each, so a fast hash suffices to store them. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: CODES_PER_SET }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Whatever the person typed (capitals, spaces, no dash) hashes as the code it stands for. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code.trim());
}
