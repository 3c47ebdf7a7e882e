import type { DataSource } from 'typeorm';
import type { Project } from '../db/entities/index.js';
import type { Language } from '../questionnaires/types.js';
import { contactLine } from './contactLine.js';
import { FALLBACKS } from './defaultTexts.js';
import { fillText, type NoticeValues } from './placeholders.js';
import { loadProjectTexts } from './projectTextsService.js';
import type { ProjectTextsInput } from './textSchemas.js';

/** What views/partials/privacy-notice.njk shows: the notice's paragraphs and the project contact. */
export interface PrivacyNoticeView {
  paragraphs: string[];
  contact: string;
}

export function privacyNoticeOf(texts: ProjectTextsInput, project: Pick<Project, 'name' | 'anonymityK'>, language: Language): PrivacyNoticeView {
  const contact = contactLine(texts, language);
  const values: NoticeValues = { dataansvarlig: texts.dataController.trim() || FALLBACKS.dataController[language], projekt: project.name, kontakt: contact, k: String(project.anonymityK) };
  // Escaped by the template (autoescape): the notice is plain text with blank lines between paragraphs.
  const paragraphs = fillText(texts[language].privacyNotice, values).replace(/\r\n?/g, '\n').trim().split(/\n{2,}/);
  return { paragraphs, contact };
}

/** The privacy notice of a project for the form and the open link. */
export async function loadPrivacyNotice(dataSource: DataSource, project: Pick<Project, 'id' | 'name' | 'anonymityK'>, language: Language): Promise<PrivacyNoticeView> {
  return privacyNoticeOf(await loadProjectTexts(dataSource, project.id), project, language);
}

/** The contact a project has set, for pages that already say "contact the project lead"; undefined when none is set. */
export async function projectContact(dataSource: DataSource, projectId: number): Promise<string | undefined> {
  const texts = await loadProjectTexts(dataSource, projectId);
  return [texts.contactName, texts.contactEmail, texts.contactPhone].some((part) => part.trim()) ? contactLine(texts, 'da') : undefined;
}
