import express, { Router, type Response as ExpressResponse } from 'express';
import type { DataSource } from 'typeorm';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Language } from '../questionnaires/types.js';
import { byToken, findInvitationContext, InvitationUnavailableError, markInvitationOpened, requireAnswerableInvitation } from '../rounds/invitationContext.js';
import { pickLanguage } from '../shared/i18n.js';
import type { DraftService } from './draftService.js';
import { answerFormPost, languageOf } from './formPost.js';
import { renderForm } from './renderForm.js';
import { renderMessagePage } from './messagePages.js';
import { projectContact } from '../projectTexts/privacyNotice.js';
import { submissionRateLimit } from './submissionRateLimit.js';
import type { SubmissionService } from './submissionService.js';

interface FormRouteDeps {
  submissionsPerMinute: number;
  dataSource: DataSource;
  catalog: QuestionnaireCatalog;
  submissions: SubmissionService;
  drafts: DraftService;
  clock: () => Date;
}

const TOKEN_PATH = '/s/:token';

/** The caseworker's form: server-rendered, works without JavaScript, keeps answers on every error. */
export function responseFormRoutes(deps: FormRouteDeps): Router {
  const router = Router();
  const parseForm = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 2000 });

  router.get(TOKEN_PATH, async (req, res) => {
    const token = req.params.token;
    const asked = languageOf(req.query.lang);
    try {
      // The lookup reads the project's texts too, and knows whether there is a draft: a returning visitor's page costs one round trip.
      const context = await requireAnswerableInvitation(deps.dataSource, deps.catalog, token, deps.clock(), { withProjectTexts: true });
      const [draft] = await Promise.all([
        context.hasDraft ? deps.drafts.load(context.invitation.id) : undefined,
        markInvitationOpened(deps.dataSource, context.invitation, deps.clock()),
      ]);
      const projectTexts = context.projectTexts;
      const language = pickLanguage(asked ?? draft?.language, context.project.defaultLanguage);
      await renderForm(deps.dataSource, res, 200, { questionnaire: context.questionnaire.questionnaire, project: context.project, projectTexts, round: context.round, token, language, values: draft?.values ?? {}, issues: [], saved: req.query.saved === '1', draftSavedAt: draft?.updatedAt });
    } catch (error) {
      if (error instanceof InvitationUnavailableError) return renderUnavailable(deps.dataSource, res, token, error, asked, 'view');
      throw error;
    }
  });

  router.post(TOKEN_PATH, submissionRateLimit(deps.submissionsPerMinute), parseForm, async (req, res) => {
    const token = String(req.params.token);
    const context = await findInvitationContext(deps.dataSource, deps.catalog, token);
    if (!context) return renderUnavailable(deps.dataSource, res, token, new InvitationUnavailableError('unknown'), languageOf((req.body as Record<string, unknown> | undefined)?._lang), 'submit');
    const encoded = encodeURIComponent(token);
    await answerFormPost(deps, req, res, context.questionnaire.questionnaire, {
      resolve: byToken(deps.catalog, token), formUrl: `/s/${encoded}`, thanksUrl: `/s/${encoded}/tak`, draftUrl: `/api/drafts/${encoded}`, storageKey: token,
    }, (error, asked) => renderUnavailable(deps.dataSource, res, token, error, asked, 'submit'));
  });

  router.get(`${TOKEN_PATH}/tak`, async (req, res) => {
    const context = await findInvitationContext(deps.dataSource, deps.catalog, req.params.token);
    const language = pickLanguage(languageOf(req.query.lang), context?.project.defaultLanguage ?? 'da');
    if (!context?.submittedAt) return renderMessagePage(res, 404, language, 'unknown');
    return renderMessagePage(res, 200, language, 'thanks', { token: req.params.token });
  });

  return router;
}

async function renderUnavailable(dataSource: DataSource, res: ExpressResponse, token: string, error: InvitationUnavailableError, asked: Language | undefined, during: 'view' | 'submit'): Promise<void> {
  const language = pickLanguage(asked, error.context?.project.defaultLanguage ?? 'da');
  // Someone opening their link again after submitting gets a plain confirmation, not an error.
  const status = error.reason === 'already_submitted' && during === 'view' ? 200 : error.status;
  // "Kontakt projektlederen" is only useful with the project's own contact beside it.
  const contact = error.context ? await projectContact(dataSource, error.context.project.id) : undefined;
  renderMessagePage(res, status, language, error.reason, { opensAt: error.context?.round.opensAt ?? undefined, token, contact });
}
