import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config.js';

export interface OutgoingMail {
  /** An address object lets nodemailer encode a Danish sender name properly. */
  from: string | { name: string; address: string };
  replyTo?: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

/** SMTP through nodemailer, with the security the configuration asks for. */
export function smtpTransport(smtp: SmtpConfig): MailTransport {
  const transporter: Transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({ from: mail.from, ...(mail.replyTo ? { replyTo: mail.replyTo } : {}), to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}) });
    },
  };
}
