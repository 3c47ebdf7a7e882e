import type { Request } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit/auditLog.js';
import { Project, ProjectTexts, Round } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import { renderInvitationMail, type RenderedMail } from '../mail/invitationMail.js';
import { enqueueMail } from '../mail/outbox.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Language } from '../questionnaires/types.js';
import { BadRequestError, NotFoundError } from '../shared/errors.js';
import { defaultProjectTexts } from './defaultTexts.js';
import { assertKnownPlaceholders } from './placeholders.js';
import type { ProjectTextsInput } from './textSchemas.js';

/** A project's texts as stored, or the defaults; a stored document lacking a later-added field gets the default for it. */
export async function loadProjectTexts(db: DataSource | EntityManager, projectId: number): Promise<ProjectTextsInput> {
  // A raw query: every form page reads the texts, and TypeORM's findOne built its SQL anew each time (7 % of the page's CPU).
  const [row] = (await db.query(contentSql(db instanceof DataSource ? db : db.connection), [projectId])) as { content: string }[];
  return projectTextsFromContent(row?.content);
}

/** A project's texts from the stored JSON (a project_texts row's content), or the defaults when none is stored. */
export function projectTextsFromContent(content: string | null | undefined): ProjectTextsInput {
  const defaults = defaultProjectTexts();
  if (content == null) return defaults;
  const stored = JSON.parse(content) as Partial<ProjectTextsInput>;
  return { ...defaults, ...stored, da: { ...defaults.da, ...stored.da }, en: { ...defaults.en, ...stored.en } };
}

const contentSqlBySource = new WeakMap<DataSource, string>();

/** The SELECT of a project's stored texts, its names from the entity's metadata, written once per data source. */
function contentSql(dataSource: DataSource): string {
  let sql = contentSqlBySource.get(dataSource);
  if (!sql) {
    const metadata = dataSource.getMetadata(ProjectTexts);
    const q = (name: string) => dataSource.driver.escape(name);
    const column = (property: string) => q(metadata.findColumnWithPropertyName(property)!.databaseName);
    sql = `SELECT ${column('content')} AS content FROM ${q(metadata.tableName)} WHERE ${column('projectId')} = ?`;
    contentSqlBySource.set(dataSource, sql);
  }
  return sql;
}

export interface SampleMailOptions {
  language: Language;
  reminder: boolean;
}

interface Deps {
  dataSource: DataSource;
  catalog: QuestionnaireCatalog;
  clock: () => Date;
  publicUrl: string;
  smtpConfigured: boolean;
}

const SAMPLE_NAME = 'Anne Jensen';

export class ProjectTextsService {
  constructor(private readonly deps: Deps) {}

  async project(projectId: number): Promise<Project> {
    const project = await this.deps.dataSource.getRepository(Project).findOne({ where: { id: projectId } });
    if (!project) throw new NotFoundError('Projektet findes ikke (no such project).', 'project_not_found');
    return project;
  }

  async get(projectId: number): Promise<ProjectTextsInput> {
    await this.project(projectId);
    return loadProjectTexts(this.deps.dataSource, projectId);
  }

  /** Store the texts (all of them, validated by the route's schema) after checking every placeholder. */
  async save(req: Request, projectId: number, input: ProjectTextsInput): Promise<ProjectTextsInput> {
    await this.project(projectId);
    assertKnownPlaceholders(input);
    const cleaned: ProjectTextsInput = { ...input, senderName: input.senderName.trim(), replyTo: input.replyTo.trim(), contactEmail: input.contactEmail.trim() };
    const write = () => this.deps.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ProjectTexts);
      const content = JSON.stringify(cleaned);
      if (await repository.exists({ where: { projectId } })) await repository.update({ projectId }, { content, updatedAt: this.deps.clock() });
      else await repository.insert({ projectId, content, updatedAt: this.deps.clock() });
      await recordAudit(manager, req, { action: 'project.texts.update', objectType: 'project', objectId: projectId, details: cleaned }, this.deps.clock());
    });
    try {
      await write();
    } catch (error) {
      // Two first saves at once: the one that lost the insert finds the row now and updates it.
      if (!isUniqueViolation(error)) throw error;
      await write();
    }
    return cleaned;
  }

  /** The mail a sample person would get from these texts (saved or not): the preview and the test mail. */
  async sampleMail(projectId: number, texts: ProjectTextsInput, options: SampleMailOptions): Promise<RenderedMail> {
    const project = await this.project(projectId);
    // The project's newest round makes the most telling sample; a project without rounds borrows any questionnaire.
    const [round] = await this.deps.dataSource.getRepository(Round).find({ where: { projectId }, order: { id: 'DESC' }, take: 1 });
    const questionnaire = (round ? this.deps.catalog.byVersion(round.questionnaireVersionId) : this.deps.catalog.latestAll()[0])?.questionnaire;
    return renderInvitationMail(texts, {
      lang: options.language, reminder: options.reminder, name: SAMPLE_NAME, projectName: project.name,
      questionnaireTitle: questionnaire?.title[options.language] ?? project.name, roundLabel: round?.label ?? 'START',
      closesAt: new Date(this.deps.clock().getTime() + 14 * 24 * 3600_000), link: `${this.deps.publicUrl}/s/eksempel-paa-et-personligt-link`,
    });
  }

  /** Queue the saved texts' mail to the signed-in admin through the outbox, as invitations go. */
  async sendTestMail(req: Request, projectId: number, options: SampleMailOptions): Promise<{ to: string; subject: string; queued: boolean }> {
    const to = req.user?.email;
    if (!to) throw new BadRequestError('Din konto har ingen e-mailadresse (your account has no email address).');
    const mail = await this.sampleMail(projectId, await loadProjectTexts(this.deps.dataSource, projectId), options);
    await this.deps.dataSource.transaction(async (manager) => {
      await enqueueMail(manager, { kind: 'test', invitationId: null, to, subject: mail.subject, text: mail.text, html: mail.html, senderName: mail.senderName, replyTo: mail.replyTo }, this.deps.smtpConfigured, this.deps.clock());
      await recordAudit(manager, req, { action: 'project.texts.test_mail', objectType: 'project', objectId: projectId, details: { to, language: options.language, reminder: options.reminder } }, this.deps.clock());
    });
    return { to, subject: mail.subject, queued: this.deps.smtpConfigured };
  }
}
