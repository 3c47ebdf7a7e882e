import type { DataSource } from 'typeorm';
import type { Request, Response as ExpressResponse } from 'express';
import type { Language, Questionnaire } from '../questionnaires/types.js';
import { InvitationUnavailableError, type InvitationContext, type InvitationResolver } from '../rounds/invitationContext.js';
import { pickLanguage } from '../shared/i18n.js';
import type { DraftService } from './draftService.js';
import { pickFormFields } from './formFieldNames.js';
import { formValuesToAnswers } from './formValuesToAnswers.js';
import { renderForm } from './renderForm.js';
import { InvalidAnswersError, type SubmissionService } from './submissionService.js';

/** Where a posted form goes: a personal link's invitation, or an open-link visitor's. */
export interface FormTarget {
  resolve: InvitationResolver;
  /** The form's own address: "saved" comes back to it. */
  formUrl: string;
  thanksUrl: string;
  /** The autosave address and the key of the browser's copy, as the form page renders them. */
  draftUrl: string;
  storageKey: string;
  openLink?: boolean;
}

export function languageOf(value: unknown): Language | undefined {
  return value === 'da' || value === 'en' ? value : undefined;
}

const withLanguage = (url: string, language: Language | undefined, extra = '') => {
  const query = [extra, language ? `lang=${language}` : ''].filter(Boolean).join('&');
  return query ? `${url}?${query}` : url;
};

/**
 * "Gem og fortsæt senere" or "Send svar" from the HTML form: saves the draft or submits, and on
 * invalid answers shows the form again with what the person wrote (it is their work, even where
 * it is wrong), saved as a draft.
 */
export async function answerFormPost(
  deps: { dataSource: DataSource; drafts: DraftService; submissions: SubmissionService },
  req: Request,
  res: ExpressResponse,
  questionnaire: Questionnaire,
  target: FormTarget,
  onUnavailable: (error: InvitationUnavailableError, asked: Language | undefined) => void,
): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const asked = languageOf(body._lang);
  const values = pickFormFields(questionnaire, body);
  try {
    if (body.action === 'save') {
      await deps.drafts.saveFor(target.resolve, values, asked);
      return res.redirect(303, withLanguage(target.formUrl, asked, 'saved=1'));
    }
    await deps.submissions.submitFor(target.resolve, formValuesToAnswers(questionnaire, values), { language: asked, ignoreHiddenAnswers: true });
    return res.redirect(303, withLanguage(target.thanksUrl, asked));
  } catch (error) {
    if (error instanceof InvalidAnswersError) {
      await deps.drafts.saveFor(target.resolve, values, asked);
      // The error carries what target.resolve found: the whole context, which the form needs to render.
      const context = error.context as InvitationContext;
      const language = pickLanguage(asked, context.project.defaultLanguage);
      return renderForm(deps.dataSource, res, 400, {
        questionnaire: context.questionnaire.questionnaire, project: context.project, round: context.round, token: target.storageKey, urls: { action: target.formUrl, draftUrl: target.draftUrl }, openLink: target.openLink,
        language, values, issues: error.issues, saved: false,
      });
    }
    if (error instanceof InvitationUnavailableError) return onUnavailable(error, asked);
    throw error;
  }
}
