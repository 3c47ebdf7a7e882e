import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * The open link's visitor, as their browser's cookie holds them: the round, the code they gave,
 * and a random resume secret. The draft or answer they save is found by the secret's hash alone,
 * so the code (which anyone who knows four facts about a colleague can type) opens nobody's draft.
 * The cookie is encrypted (AES-256-GCM with a key derived from SECRET_KEY): the code is personal,
 * and a cookie cannot be forged or moved to another round.
 */
export interface OpenLinkVisitor {
  roundId: number;
  code: string;
  resumeSecret: string;
}

/**
 * What the cookie holds: the visitor of this browser's latest code entry first, then the codes
 * given before in it, so a mistyped code does not strand the draft of the right one.
 */
interface CookieContent {
  roundId: number;
  visitors: { code: string; resumeSecret: string }[];
}

const REMEMBERED_CODES = 5;

const COOKIE_NAME = 'pejling_open_link';
const MAX_AGE_MS = 180 * 24 * 3600 * 1000;

function cookieKey(secretKey: string): Buffer {
  return createHmac('sha256', secretKey).update('open-link-resume-cookie').digest();
}

export function newResumeSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores: a copy of the database resumes nobody's form. */
export function hashResumeSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The key of the browser's own copy of the answers (form.js keeps one in localStorage): per
 * visitor, so the next person on a shared PC does not get it, and not the secret itself, which
 * scripts never see.
 */
export function browserCopyKey(visitor: OpenLinkVisitor): string {
  return `open-${createHash('sha256').update(`browser-copy:${visitor.resumeSecret}`).digest('base64url').slice(0, 22)}`;
}

function seal(secretKey: string, content: CookieContent): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cookieKey(secretKey), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ r: content.roundId, v: content.visitors.map((v) => [v.code, v.resumeSecret]) }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(secretKey: string, value: string): CookieContent | undefined {
  try {
    const raw = Buffer.from(value, 'base64url');
    if (raw.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', cookieKey(secretKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const parsed = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as { r?: unknown; v?: unknown };
    if (typeof parsed.r !== 'number' || !Array.isArray(parsed.v)) return undefined;
    const visitors = (parsed.v as unknown[]).filter((v): v is [string, string] => Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string');
    return { roundId: parsed.r, visitors: visitors.map(([code, resumeSecret]) => ({ code, resumeSecret })) };
  } catch {
    return undefined;
  }
}

/** The raw cookie, if any (also what the open link's per-browser rate limit counts by). */
export function cookieValue(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE_NAME) return value.join('=');
  }
  return undefined;
}

function readContent(req: Request, secretKey: string, roundId: number): CookieContent | undefined {
  const value = cookieValue(req);
  const content = value ? unseal(secretKey, value) : undefined;
  return content?.roundId === roundId && content.visitors.length > 0 ? content : undefined;
}

/** The visitor of this round's latest code entry in this browser, if it holds a valid cookie. */
export function readVisitor(req: Request, secretKey: string, roundId: number): OpenLinkVisitor | undefined {
  const latest = readContent(req, secretKey, roundId)?.visitors[0];
  return latest ? { roundId, ...latest } : undefined;
}

/**
 * A code entry: the same code in this browser resumes its visitor, a new one starts afresh with a
 * new resume secret. Returns the visitor now current. The cookie is HttpOnly (no script reads
 * it), SameSite=Strict (no other site's page can post with it; the code page, reached from a mail
 * link, needs none) and scoped to this open link's path.
 */
export function enterCode(req: Request, res: Response, options: { secretKey: string; secure: boolean; linkToken: string }, roundId: number, code: string): OpenLinkVisitor {
  const before = readContent(req, options.secretKey, roundId)?.visitors ?? [];
  const current = before.find((visitor) => visitor.code === code) ?? { code, resumeSecret: newResumeSecret() };
  const visitors = [current, ...before.filter((visitor) => visitor !== current)].slice(0, REMEMBERED_CODES);
  res.cookie(COOKIE_NAME, seal(options.secretKey, { roundId, visitors }), {
    httpOnly: true, sameSite: 'strict', secure: options.secure, path: `/a/${options.linkToken}`, maxAge: MAX_AGE_MS, encode: String,
  });
  return { roundId, ...current };
}
