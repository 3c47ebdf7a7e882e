import express, { Router, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { Invitation, Project, Response as SubmittedResponse, Round } from '../db/entities/index.js';
import type { Language } from '../questionnaires/types.js';
import { loadPrivacyNotice } from '../projectTexts/privacyNotice.js';
import { renderMessagePage } from '../responses/messagePages.js';
import { pickLanguage } from '../shared/i18n.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { deriveLinkToken, newLinkNonce } from './invitationLinks.js';
import { hashInvitationToken, looksLikeInvitationToken } from './invitationTokens.js';
import { roundAvailability } from './roundAvailability.js';
import { selfGeneratedCode, type SelfCodeInput } from './selfGeneratedCode.js';

const CODE_ATTEMPTS_PER_MINUTE = 30;

/**
 * The anonymous open link of a round (/a/<token>): the person gives a self-generated code and
 * gets a personal form. The same code in the same round resumes the same form. The code is not a
 * secret (someone who knows a colleague's answers could type them), so an answer already given
 * under a code is never shown again, only "already answered".
 */
export function openLinkRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const limiter = rateLimit({ windowMs: 60_000, limit: CODE_ATTEMPTS_PER_MINUTE, standardHeaders: 'draft-7', legacyHeaders: false });

  async function findRound(token: string): Promise<{ round: Round; project: Project } | undefined> {
    if (!looksLikeInvitationToken(token)) return undefined;
    const round = await deps.dataSource.getRepository(Round).findOne({ where: { openLinkHash: hashInvitationToken(token) } });
    if (!round) return undefined;
    return { round, project: await deps.dataSource.getRepository(Project).findOneByOrFail({ id: round.projectId }) };
  }

  const renderCodePage = async (res: Response, status: number, language: Language, locals: { round: Round; project: Project; values?: Partial<SelfCodeInput>; errors?: Record<string, string> }) => {
    const questionnaire = deps.catalog.byVersion(locals.round.questionnaireVersionId)!.questionnaire;
    const privacyNotice = await loadPrivacyNotice(deps.dataSource, locals.project, language);
    res.status(status).set('Cache-Control', 'no-store').render('open-link', { lang: language, title: questionnaire.title[language], questionnaireTitle: questionnaire.title[language], values: {}, errors: {}, privacyNotice, ...locals });
  };

  /** Answers the request when the round cannot take answers; returns whether it did. */
  function refuseUnlessOpen(res: Response, round: Round, language: Language): boolean {
    const availability = roundAvailability(round, deps.clock());
    if (availability === 'open') return false;
    renderMessagePage(res, availability === 'closed' ? 410 : 403, language, availability, { opensAt: round.opensAt ?? undefined });
    return true;
  }

  router.get('/a/:token', async (req, res) => {
    const found = await findRound(String(req.params.token));
    const language = pickLanguage(req.query.lang, found?.project.defaultLanguage ?? 'da');
    if (!found) return renderMessagePage(res, 404, language, 'unknown');
    if (refuseUnlessOpen(res, found.round, language)) return;
    return renderCodePage(res, 200, language, { round: found.round, project: found.project });
  });

  router.post('/a/:token', limiter, express.urlencoded({ extended: false, limit: '10kb' }), async (req, res) => {
    const found = await findRound(String(req.params.token));
    const body = (req.body ?? {}) as Partial<SelfCodeInput> & { _lang?: string };
    const language = pickLanguage(body._lang, found?.project.defaultLanguage ?? 'da');
    if (!found) return renderMessagePage(res, 404, language, 'unknown');
    if (refuseUnlessOpen(res, found.round, language)) return;
    const result = selfGeneratedCode(body, language);
    if ('errors' in result) return renderCodePage(res, 400, language, { round: found.round, project: found.project, values: body, errors: result.errors });
    const invitations = deps.dataSource.getRepository(Invitation);
    let invitation = await invitations.findOne({ where: { roundId: found.round.id, selfCode: result.code } });
    if (invitation && (await deps.dataSource.getRepository(SubmittedResponse).exists({ where: { invitationId: invitation.id } }))) {
      return renderMessagePage(res, 409, language, 'already_submitted');
    }
    if (!invitation) {
      const nonce = newLinkNonce();
      invitation = await invitations.save({
        roundId: found.round.id, respondentId: null, tokenNonce: nonce, tokenHash: hashInvitationToken(deriveLinkToken(deps.secretKey, 'invitation', nonce)),
        openedAt: null, sentAt: null, reminderCount: 0, lastRemindedAt: null, selfCode: result.code,
      });
    }
    return res.redirect(303, `/s/${deriveLinkToken(deps.secretKey, 'invitation', invitation.tokenNonce!)}?lang=${language}`);
  });

  return router;
}
