import type { Response as ExpressResponse } from 'express';
import type { DataSource } from 'typeorm';
import { loadPrivacyNotice } from '../projectTexts/privacyNotice.js';
import type { Language } from '../questionnaires/types.js';
import type { InvitationContext } from '../rounds/invitationContext.js';
import { buildFormView } from './formView.js';
import type { FormValues, ValidationIssue } from './types.js';

export interface FormRender {
  context: InvitationContext;
  token: string;
  language: Language;
  values: FormValues;
  issues: ValidationIssue[];
  saved: boolean;
  draftSavedAt?: Date;
}

export async function renderForm(dataSource: DataSource, res: ExpressResponse, status: number, form: FormRender): Promise<void> {
  const view = buildFormView({
    questionnaire: form.context.questionnaire.questionnaire,
    values: form.values,
    issues: form.issues,
    language: form.language,
    token: form.token,
    saved: form.saved,
    draftSavedAt: form.draftSavedAt,
  });
  // Personal answers must not sit in shared caches or the back/forward cache of a shared PC.
  res.set('Cache-Control', 'no-store');
  const privacyNotice = await loadPrivacyNotice(dataSource, form.context.project, form.language);
  res.status(status).render('form', { ...view, privacyNotice });
}
