import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  /** The decoded text part. */
  text: string;
  /** The decoded HTML part ('' when there is none). */
  html: string;
  /** The From and Reply-To headers, encoded words decoded. */
  from: string;
  replyTo: string;
}

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return match ? match[1]!.replace(/\r?\n[ \t]/g, ' ').trim() : '';
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?) as nodemailer writes Danish subjects. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

function textPart(raw: string, subtype: 'plain' | 'html' = 'plain'): string {
  const part = new RegExp(`Content-Type: text\\/${subtype}[^\\r\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*?Content-Transfer-Encoding: ([^\\r\\n]+)\\r?\\n\\r?\\n([\\s\\S]*?)(?=\\r?\\n--)`, 'i').exec(raw);
  if (!part) return subtype === 'plain' ? raw : '';
  const [, encoding, body] = part;
  if (/quoted-printable/i.test(encoding!)) return Buffer.from(body!.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  if (/base64/i.test(encoding!)) return Buffer.from(body!.replace(/\s/g, ''), 'base64').toString('utf8');
  return body!;
}

/** A real SMTP server on loopback that keeps what it receives. */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, subject: decodeWords(header(raw, 'Subject')), text: textPart(raw), html: textPart(raw, 'html'), from: decodeWords(header(raw, 'From')), replyTo: decodeWords(header(raw, 'Reply-To')) });
        callback();
      });
    },
  });
  port = 0;

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = ((this.server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    return this.port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }
}
