import type { Response as ExpressResponse } from 'express';
import type { Language, Questionnaire } from '../questionnaires/types.js';
import { buildFormView } from './formView.js';
import type { FormValues, ValidationIssue } from './types.js';

export interface FormRender {
  questionnaire: Questionnaire;
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
}

export function renderForm(res: ExpressResponse, status: number, form: FormRender): void {
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
  res.status(status).render('form', view);
}
