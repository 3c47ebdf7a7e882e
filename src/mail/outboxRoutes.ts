import { Router } from 'express';
import { MailOutbox } from '../db/entities/index.js';
import { requireAdmin } from '../auth/authorize.js';
import { NotFoundError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { spreadsheetCsv } from '../shared/spreadsheetSafe.js';
import { validateRequest } from '../shared/validateRequest.js';

export const outboxQuerySchema = {
  $id: 'https://pejling.dk/schemas/outbox-query.json',
  type: 'object',
  additionalProperties: false,
  properties: { status: { enum: ['queued', 'sending', 'sent', 'failed', 'held'] }, kind: { enum: ['invitation', 'reminder', 'account', 'test'] } },
} as const;

const mailParams = {
  $id: 'https://pejling.dk/schemas/mail-params.json',
  type: 'object',
  required: ['mailId'],
  properties: { mailId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
} as const;

const LIST_LIMIT = 500;

function publicMail(mail: MailOutbox) {
  return {
    id: mail.id, kind: mail.kind, to: mail.toAddress, subject: mail.subject, status: mail.status, attempts: mail.attempts, lastError: mail.lastError,
    createdAt: mail.createdAt.toISOString(), sentAt: mail.sentAt?.toISOString() ?? null,
  };
}

/** RFC 5322 message with the text part only, for opening a held mail in a mail program. */
function asEml(mail: MailOutbox, from: string): string {
  const encodedSubject = `=?UTF-8?B?${Buffer.from(mail.subject, 'utf8').toString('base64')}?=`;
  return [`From: ${from}`, `To: ${mail.toAddress}`, `Subject: ${encodedSubject}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', mail.textBody].join('\r\n');
}

/**
 * The outbox: everything Pejling mails, with its status. Without SMTP this is how invitations
 * reach people: the admin reads, downloads (CSV for a mail merge, .eml per mail) and sends them.
 */
export function outboxRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const mails = () => deps.dataSource.getRepository(MailOutbox);
  const find = (query: { status?: string; kind?: string }) =>
    mails().find({ where: { ...(query.status ? { status: query.status as MailOutbox['status'] } : {}), ...(query.kind ? { kind: query.kind as MailOutbox['kind'] } : {}) }, order: { id: 'DESC' }, take: LIST_LIMIT });

  router.get('/admin/outbox', requireAdmin(), validateRequest({ query: outboxQuerySchema }), async (req, res) => {
    res.render('admin/outbox/list', { title: 'Udbakke', nav: 'outbox', mails: (await find(req.query)).map(publicMail), query: req.query, smtpConfigured: Boolean(deps.config.smtp) });
  });

  router.get('/admin/outbox.csv', requireAdmin(), validateRequest({ query: outboxQuerySchema }), async (req, res) => {
    const rows = (await find({ status: 'held', ...req.query })).map((mail) => [mail.toAddress, mail.subject, mail.textBody]);
    res.type('text/csv; charset=utf-8').attachment('pejling-udbakke.csv').send('\uFEFF' + spreadsheetCsv([['to', 'subject', 'body'], ...rows], ';'));
  });

  router.get('/admin/outbox/:mailId', requireAdmin(), validateRequest({ params: mailParams }), async (req, res) => {
    const mail = await mails().findOne({ where: { id: Number(req.params.mailId) } });
    if (!mail) throw new NotFoundError('No such mail.');
    res.render('admin/outbox/show', { title: mail.subject, nav: 'outbox', mail: { ...publicMail(mail), text: mail.textBody }, breadcrumbs: [{ href: '/admin/outbox', label: 'Udbakke' }] });
  });

  router.get('/admin/outbox/:mailId/eml', requireAdmin(), validateRequest({ params: mailParams }), async (req, res) => {
    const mail = await mails().findOne({ where: { id: Number(req.params.mailId) } });
    if (!mail) throw new NotFoundError('No such mail.');
    res.type('message/rfc822').attachment(`pejling-${mail.id}.eml`).send(asEml(mail, deps.config.mailFrom));
  });

  router.get('/api/outbox', requireAdmin(), validateRequest({ query: outboxQuerySchema }), async (req, res) => {
    res.json({ mails: (await find(req.query)).map(publicMail) });
  });

  return router;
}
