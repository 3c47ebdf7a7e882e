import { Router } from 'express';
import { Invitation, MailOutbox, Project, Round } from '../db/entities/index.js';
import { requireAdmin } from '../auth/authorize.js';
import { NotFoundError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { spreadsheetCsv } from '../shared/spreadsheetSafe.js';
import { validateRequest } from '../shared/validateRequest.js';

export const outboxQuerySchema = {
  $id: 'https://pejling.dk/schemas/outbox-query.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    // '' is the filter form's "Alle".
    status: { enum: ['queued', 'sending', 'sent', 'failed', 'held', ''] }, kind: { enum: ['invitation', 'reminder', 'account', 'test', ''] },
    projectId: { type: 'string', pattern: '^([1-9][0-9]{0,9})?$', description: 'Only mails about this project\'s rounds (empty: all)' },
  },
} as const;

interface OutboxQuery {
  status?: MailOutbox['status'] | '';
  kind?: MailOutbox['kind'] | '';
  projectId?: string;
}

/** A mail with the project it is about (through its invitation's round); account mails have none. */
interface MailWithProject {
  mail: MailOutbox;
  project: { id: number; name: string } | null;
}

const mailParams = {
  $id: 'https://pejling.dk/schemas/mail-params.json',
  type: 'object',
  required: ['mailId'],
  properties: { mailId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
} as const;

const LIST_LIMIT = 500;

function publicMail({ mail, project }: MailWithProject) {
  return {
    id: mail.id, kind: mail.kind, to: mail.toAddress, subject: mail.subject, status: mail.status, attempts: mail.attempts, lastError: mail.lastError,
    createdAt: mail.createdAt.toISOString(), sentAt: mail.sentAt?.toISOString() ?? null, projectId: project?.id ?? null, projectName: project?.name ?? null,
  };
}

/** What the API gives: the list's fields and the bodies as they were (or will be) sent. */
function mailWithBodies(entry: MailWithProject) {
  return { ...publicMail(entry), text: entry.mail.textBody, html: entry.mail.htmlBody };
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
  const find = async (query: OutboxQuery): Promise<MailWithProject[]> => {
    const builder = mails().createQueryBuilder('m')
      .leftJoin(Invitation, 'i', 'i.id = m.invitation_id').leftJoin(Round, 'r', 'r.id = i.round_id').leftJoin(Project, 'p', 'p.id = r.project_id')
      .addSelect('p.id', 'project_id').addSelect('p.name', 'project_name')
      .orderBy('m.id', 'DESC').limit(LIST_LIMIT);
    if (query.status) builder.andWhere('m.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.projectId) builder.andWhere('p.id = :projectId', { projectId: Number(query.projectId) });
    const { entities, raw } = await builder.getRawAndEntities<{ m_id: number; project_id: number | null; project_name: string | null }>();
    const projectOf = new Map(raw.map((row) => [Number(row.m_id), row.project_id === null ? null : { id: Number(row.project_id), name: row.project_name! }]));
    return entities.map((mail) => ({ mail, project: projectOf.get(mail.id) ?? null }));
  };
  const projectsForFilter = () => deps.dataSource.getRepository(Project).find({ select: { id: true, name: true }, order: { name: 'ASC' } });

  router.get('/admin/outbox', requireAdmin(), validateRequest({ query: outboxQuerySchema }), async (req, res) => {
    res.render('admin/outbox/list', { title: 'Udbakke', nav: 'outbox', mails: (await find(req.query)).map(publicMail), query: req.query, projects: await projectsForFilter(), smtpConfigured: Boolean(deps.config.smtp) });
  });

  router.get('/admin/outbox.csv', requireAdmin(), validateRequest({ query: outboxQuerySchema }), async (req, res) => {
    const rows = (await find({ ...req.query, status: (req.query as OutboxQuery).status || 'held' })).map(({ mail, project }) => [mail.toAddress, mail.subject, mail.textBody, project?.name ?? null]);
    res.type('text/csv; charset=utf-8').attachment('pejling-udbakke.csv').send('\uFEFF' + spreadsheetCsv([['to', 'subject', 'body', 'project'], ...rows], ';'));
  });

  router.get('/admin/outbox/:mailId', requireAdmin(), validateRequest({ params: mailParams }), async (req, res) => {
    const mail = await mails().findOne({ where: { id: Number(req.params.mailId) } });
    if (!mail) throw new NotFoundError('No such mail.');
    res.render('admin/outbox/show', { title: mail.subject, nav: 'outbox', mail: { ...publicMail({ mail, project: null }), text: mail.textBody }, breadcrumbs: [{ href: '/admin/outbox', label: 'Udbakke' }] });
  });

  router.get('/admin/outbox/:mailId/eml', requireAdmin(), validateRequest({ params: mailParams }), async (req, res) => {
    const mail = await mails().findOne({ where: { id: Number(req.params.mailId) } });
    if (!mail) throw new NotFoundError('No such mail.');
    res.type('message/rfc822').attachment(`pejling-${mail.id}.eml`).send(asEml(mail, deps.config.mailFrom));
  });

  router.get('/api/outbox', requireAdmin(), validateRequest({ query: outboxQuerySchema }), async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ mails: (await find(req.query)).map(mailWithBodies) });
  });

  return router;
}
