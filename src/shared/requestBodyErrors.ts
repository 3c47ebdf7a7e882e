import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

type PageText = { heading: string; text: string; next: string };

/**
 * A request body Pejling cannot read: the client's fault, so a 4xx with a message in Danish
 * (English in brackets) for the API, and a Danish or English page for people.
 */
export class RequestBodyError extends AppError {
  constructor(status: number, code: string, message: string, readonly page: Record<'da' | 'en', PageText>) {
    super(status, code, message);
  }
}

const next = { da: 'Gå tilbage, og prøv igen. Sker det igen, så kontakt den, der har sendt dig linket.', en: 'Go back and try again. If it happens again, contact whoever sent you the link.' };

const unreadable = (message: string, code = 'unreadable_body', status = 400) => new RequestBodyError(status, code, message, {
  da: { heading: 'Vi kunne ikke læse det, du sendte', text: 'Din browser sendte data, der ikke kunne pakkes ud eller læses.', next: next.da },
  en: { heading: 'We could not read what you sent', text: 'Your browser sent data that could not be unpacked or read.', next: next.en },
});

const unsupported = (code: string, message: string) => new RequestBodyError(415, code, message, {
  da: { heading: 'Vi kunne ikke læse det, du sendte', text: 'Din browser sendte data i et format, vi ikke kan læse.', next: next.da },
  en: { heading: 'We could not read what you sent', text: 'Your browser sent data in a format we cannot read.', next: next.en },
});

const tooLarge = (limit: number | undefined) => new RequestBodyError(413, 'body_too_large', `Indholdet er for stort (the request body is larger than the limit of ${limit ?? 102400} bytes).`, {
  da: { heading: 'Det, du sendte, er for stort', text: 'Der er en grænse for, hvor meget der kan sendes på én gang.', next: next.da },
  en: { heading: 'What you sent is too large', text: 'There is a limit to how much can be sent at once.', next: next.en },
});

/** zlib's errors (gzip, deflate, br) reach us from body-parser as a 400 that keeps zlib's code. */
function isDecompressionError(candidate: { status?: number; errno?: unknown; code?: unknown; type?: unknown }): boolean {
  return candidate.status === 400 && candidate.type === undefined && typeof candidate.errno === 'number' && typeof candidate.code === 'string';
}

/** The errors body-parser (express.json, urlencoded, raw) raises, as responses; undefined for anything else. */
export function requestBodyError(error: unknown): RequestBodyError | undefined {
  const candidate = error as { type?: string; status?: number; limit?: number; encoding?: string; errno?: unknown; code?: unknown } | undefined;
  if (!candidate || typeof candidate !== 'object' || error instanceof AppError) return undefined;
  if (isDecompressionError(candidate)) return unreadable('Indholdet kunne ikke pakkes ud: det er ikke gyldige gzip-, deflate- eller br-data (the request body could not be decompressed: it is corrupt or does not match its Content-Encoding).');
  switch (candidate.type) {
    case 'entity.parse.failed': return unreadable('Indholdet er ikke gyldig JSON (the request body is not valid JSON).', 'malformed_json');
    case 'entity.too.large': return tooLarge(candidate.limit);
    case 'encoding.unsupported': return unsupported('unsupported_content_encoding', `Ukendt Content-Encoding "${candidate.encoding ?? ''}" (unsupported Content-Encoding: send the body as it is, or with gzip, deflate or br).`);
    case 'charset.unsupported': return unsupported('unsupported_charset', 'Indholdet skal være UTF-8 (the request body must be UTF-8).');
  }
  if (typeof candidate.status === 'number' && candidate.status >= 400 && candidate.status < 500 && candidate.type) return unreadable('Indholdet kunne ikke læses (the request body could not be read).', 'bad_request', candidate.status);
  return undefined;
}

/**
 * File uploads (multipart/form-data, read by multer) are never decompressed, so a compressed one
 * is refused up front instead of being parsed as garbage.
 */
export const refuseCompressedUploads: RequestHandler = (req, _res, next) => {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && req.is('multipart/form-data')) {
    return next(unsupported('unsupported_content_encoding', `Filer kan ikke sendes med Content-Encoding "${encoding}" (uploads are read as they are: send them without Content-Encoding).`));
  }
  next();
};
