import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const PERIOD_SECONDS = 30;
/** One step either side: a phone clock a little off, or a code typed as it changed, still counts. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: 'Pejling', label: accountEmail, secret });
}

/** The QR code as SVG markup, put inline in the page (no data: URL or script needed under the CSP). */
export async function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** Groups of four, as authenticator apps show a key typed by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * The time step of a valid code, or undefined. Codes of the last accepted step and older are
 * refused (`afterTimeStep`), so a code works once.
 */
export async function acceptedTimeStep(secret: string, code: string, now: Date, lastStep: number | null): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return undefined;
  const result = await verify({
    secret, token, epoch: Math.floor(now.getTime() / 1000), period: PERIOD_SECONDS, epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
