import { expect } from 'chai';
import { roundAvailability } from '../../../src/rounds/roundAvailability.js';
import { generateInvitationToken, hashInvitationToken, looksLikeInvitationToken } from '../../../src/rounds/invitationTokens.js';

const now = new Date('2026-03-02T09:00:00Z');
const at = (offsetMinutes: number) => new Date(now.getTime() + offsetMinutes * 60_000);

describe('roundAvailability', () => {
  it('is open between opening and closing', () => {
    expect(roundAvailability({ status: 'open', opensAt: at(-60), closesAt: at(60) }, now)).to.equal('open');
  });
  it('is closed from the closing minute, even before the scheduler marks it closed', () => {
    expect(roundAvailability({ status: 'open', opensAt: at(-60), closesAt: now }, now)).to.equal('closed');
  });
  it('is closed when marked closed', () => {
    expect(roundAvailability({ status: 'closed', opensAt: null, closesAt: null }, now)).to.equal('closed');
  });
  it('is not yet open before its opening time', () => {
    expect(roundAvailability({ status: 'scheduled', opensAt: at(1), closesAt: at(60) }, now)).to.equal('not_yet_open');
    expect(roundAvailability({ status: 'scheduled', opensAt: null, closesAt: null }, now)).to.equal('not_yet_open');
  });
});

describe('invitation tokens', () => {
  it('are 128-bit, URL-safe, distinct, and stored as a SHA-256 hex hash', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateInvitationToken));
    expect(tokens.size).to.equal(1000);
    for (const token of tokens) {
      expect(looksLikeInvitationToken(token)).to.equal(true);
      expect(Buffer.from(token, 'base64url')).to.have.length(16);
    }
    expect(hashInvitationToken('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('rejects strings that cannot be our tokens before any lookup', () => {
    expect(looksLikeInvitationToken('../etc/passwd')).to.equal(false);
    expect(looksLikeInvitationToken('a'.repeat(23))).to.equal(false);
  });
});
