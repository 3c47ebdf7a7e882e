import type { Response as ExpressResponse } from 'express';
import type { DataSource } from 'typeorm';
import { loadPrivacyNotice } from '../projectTexts/privacyNotice.js';
import type { Project } from '../db/entities/index.js';
import type { Language, Questionnaire } from '../questionnaires/types.js';
import { buildFormView } from './formView.js';
import type { FormValues, ValidationIssue } from './types.js';

export interface FormRender {
  questionnaire: Questionnaire;
  /** Whose privacy notice the form shows on its first page. */
  project: Pick<Project, 'id' | 'name' | 'anonymityK'>;
  /** The key of the browser's copy of the answers (a personal link's token, or an open-link key). */
  token: string;
  /** Where the form posts and autosaves, when not the personal link's own addresses. */
  urls?: { action: string; draftUrl: string };
  openLink?: boolean;
  language: Language;
  values: FormValues;
  issues: ValidationIssue[];
  saved: boolean;
  draftSavedAt?: Date;
  /** An admin trying the questionnaire: a banner says so, and the form carries the admin's CSRF token. */
  testMode?: TestModeView;
}

export interface TestModeView {
  heading: string;
  text: string;
  backUrl: string;
  backLabel: string;
  csrfToken: string;
}

export async function renderForm(dataSource: DataSource, res: ExpressResponse, status: number, form: FormRender): Promise<void> {
  const view = buildFormView({
    questionnaire: form.questionnaire,
    values: form.values,
    issues: form.issues,
    language: form.language,
    token: form.token,
    urls: form.urls,
    openLink: form.openLink,
    saved: form.saved,
    draftSavedAt: form.draftSavedAt,
  });
  // Personal answers must not sit in shared caches or the back/forward cache of a shared PC.
  res.set('Cache-Control', 'no-store');
  const privacyNotice = await loadPrivacyNotice(dataSource, form.project, form.language);
  res.status(status).render('form', { ...view, privacyNotice, testMode: form.testMode });
}
