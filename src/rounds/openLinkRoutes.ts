import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { Project, Round } from '../db/entities/index.js';
import type { Language } from '../questionnaires/types.js';
import { DraftService } from '../responses/draftService.js';
import { answerFormPost, languageOf, type FormTarget } from '../responses/formPost.js';
import { loadPrivacyNotice } from '../projectTexts/privacyNotice.js';
import { renderMessagePage } from '../responses/messagePages.js';
import { renderForm } from '../responses/renderForm.js';
import { draftBodySchema } from '../responses/requestSchemas.js';
import { addressKey, perMinuteLimit } from '../responses/submissionRateLimit.js';
import { SubmissionService } from '../responses/submissionService.js';
import type { FormValues } from '../responses/types.js';
import { pickLanguage } from '../shared/i18n.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { InvitationUnavailableError } from './invitationContext.js';
import { hashInvitationToken, looksLikeInvitationToken } from './invitationTokens.js';
import { findVisitorInvitation, openLinkResolver, type OpenLinkRound } from './openLinkInvitations.js';
import { browserCopyKey, cookieValue, enterCode, readVisitor, type OpenLinkVisitor } from './openLinkResume.js';
import { roundAvailability } from './roundAvailability.js';
import { selfCodeElementsOf, selfCodeFields, selfGeneratedCode, type SelfCodeInput } from './selfGeneratedCode.js';

/**
 * Limits on the open link count what one person does, because a staff meeting may sit behind one
 * network address: code entries per code, form writes per browser (resume cookie), each with a
 * generous ceiling per address against a flood.
 */
const CODE_ENTRIES_PER_CODE = 10;
const CODE_ENTRIES_PER_ADDRESS = 300;
const FORM_WRITES_PER_ADDRESS_FACTOR = 100;

/**
 * The anonymous open link of a round (/a/<token>): the person gives a self-generated code, and
 * their browser gets a resume secret in a cookie. The code pairs answers across rounds; it opens
 * nothing. A draft resumes only in the browser that saved it, and only after the same code is
 * given again; a second browser with the same code starts an empty form and answers too (the
 * analysis then treats the code as ambiguous). Nothing is stored until a draft or answer is saved.
 */
export function openLinkRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const drafts = new DraftService(deps.dataSource, deps.catalog, deps.clock);
  const submissions = new SubmissionService(deps.dataSource, deps.catalog, deps.clock);
  const parseCode = express.urlencoded({ extended: false, limit: '10kb' });
  const parseForm = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 2000 });
  const parseJson = express.json({ limit: '100kb' });
  const cookieOptions = (linkToken: string) => ({ secretKey: deps.secretKey, secure: deps.config.cookieSecure, linkToken });

  // The facts as the code normalises them (case, leading zeros), without a database lookup first.
  const sameCodeKey = (req: Request) => {
    const facts = Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([name]) => name !== '_lang').sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}=${String(value).trim().toLocaleUpperCase('da-DK').replace(/^0+(?=\d)/, '')}`).join('&');
    return `code:${String(req.params.token)}:${createHash('sha256').update(facts).digest('base64url')}`;
  };
  const browserKey = (req: Request) => `browser:${String(req.params.token)}:${createHash('sha256').update(cookieValue(req) ?? '').digest('base64url')}`;
  const codeEntryLimits = [perMinuteLimit(CODE_ENTRIES_PER_ADDRESS, addressKey), perMinuteLimit(CODE_ENTRIES_PER_CODE, sameCodeKey)];
  const formWriteLimits = [
    perMinuteLimit(FORM_WRITES_PER_ADDRESS_FACTOR * deps.config.submissionsPerMinute, addressKey),
    perMinuteLimit(deps.config.submissionsPerMinute, browserKey),
  ];

  async function findRound(token: string): Promise<OpenLinkRound | undefined> {
    if (!looksLikeInvitationToken(token)) return undefined;
    const round = await deps.dataSource.getRepository(Round).findOne({ where: { openLinkHash: hashInvitationToken(token) } });
    if (!round) return undefined;
    const questionnaire = deps.catalog.byVersion(round.questionnaireVersionId);
    if (!questionnaire) throw new Error(`Round ${round.id} refers to unknown questionnaire version ${round.questionnaireVersionId}`);
    return { round, project: await deps.dataSource.getRepository(Project).findOneByOrFail({ id: round.projectId }), questionnaire };
  }

  const renderCodePage = async (res: Response, status: number, language: Language, found: OpenLinkRound, locals: { values?: SelfCodeInput; errors?: Record<string, string> } = {}) => {
    const title = found.questionnaire.questionnaire.title[language];
    const fields = selfCodeFields(selfCodeElementsOf(found.project), language);
    const privacyNotice = await loadPrivacyNotice(deps.dataSource, found.project, language);
    res.status(status).set('Cache-Control', 'no-store').render('open-link', { lang: language, title, questionnaireTitle: title, fields, values: {}, errors: {}, privacyNotice, ...locals });
  };

  /** Answers the request when the round cannot take answers; returns whether it did. */
  function refuseUnlessOpen(res: Response, round: Round, language: Language): boolean {
    const availability = roundAvailability(round, deps.clock());
    if (availability === 'open') return false;
    renderMessagePage(res, availability === 'closed' ? 410 : 403, language, availability, { opensAt: round.opensAt ?? undefined });
    return true;
  }

  /** The round and the visitor behind a form request; answers the request itself when there is none. */
  async function visitorOf(req: Request, res: Response, language: Language | undefined): Promise<{ found: OpenLinkRound; visitor: OpenLinkVisitor } | undefined> {
    const token = String(req.params.token);
    const found = await findRound(token);
    if (!found) return void renderMessagePage(res, 404, pickLanguage(language, 'da'), 'unknown');
    const visitor = readVisitor(req, deps.secretKey, found.round.id);
    // No cookie (another browser, or cookies cleared): the code page, which starts a fresh form.
    if (!visitor) return void res.redirect(303, `/a/${token}${language ? `?lang=${language}` : ''}`);
    return { found, visitor };
  }

  const targetOf = (token: string, visitor: OpenLinkVisitor, found: OpenLinkRound): FormTarget => ({
    resolve: openLinkResolver(found, visitor), formUrl: `/a/${token}/skema`, thanksUrl: `/a/${token}/tak`, draftUrl: `/a/${token}/kladde`, storageKey: browserCopyKey(visitor), openLink: true,
  });

  const renderUnavailable = (res: Response, error: InvitationUnavailableError, language: Language, storageKey: string) => {
    // Coming back after submitting is a plain confirmation, not an error.
    const status = error.reason === 'already_submitted' ? 200 : error.status;
    renderMessagePage(res, status, language, error.reason, { opensAt: error.context?.round.opensAt ?? undefined, token: storageKey });
  };

  router.get('/a/:token', async (req, res) => {
    const found = await findRound(String(req.params.token));
    const language = pickLanguage(req.query.lang, found?.project.defaultLanguage ?? 'da');
    if (!found) return renderMessagePage(res, 404, language, 'unknown');
    if (refuseUnlessOpen(res, found.round, language)) return;
    return renderCodePage(res, 200, language, found);
  });

  router.post('/a/:token', parseCode, ...codeEntryLimits, async (req, res) => {
    const token = String(req.params.token);
    const found = await findRound(token);
    const body = (req.body ?? {}) as SelfCodeInput & { _lang?: string };
    const language = pickLanguage(body._lang, found?.project.defaultLanguage ?? 'da');
    if (!found) return renderMessagePage(res, 404, language, 'unknown');
    if (refuseUnlessOpen(res, found.round, language)) return;
    const result = selfGeneratedCode(selfCodeElementsOf(found.project), body, language);
    if ('errors' in result) return renderCodePage(res, 400, language, found, { values: body, errors: result.errors });
    // The same browser and the same code resume; anything else starts afresh.
    enterCode(req, res, cookieOptions(token), found.round.id, result.code);
    return res.redirect(303, `/a/${token}/skema?lang=${language}`);
  });

  router.get('/a/:token/skema', async (req, res) => {
    const asked = languageOf(req.query.lang);
    const reached = await visitorOf(req, res, asked);
    if (!reached) return;
    const { found, visitor } = reached;
    const storageKey = browserCopyKey(visitor);
    const saved = await findVisitorInvitation(deps.dataSource, found, visitor);
    const draft = saved ? await drafts.load(saved.invitation.id) : undefined;
    const language = pickLanguage(asked ?? draft?.language, found.project.defaultLanguage);
    if (saved?.submittedAt) return renderMessagePage(res, 200, language, 'already_submitted', { token: storageKey });
    if (refuseUnlessOpen(res, found.round, language)) return;
    const target = targetOf(String(req.params.token), visitor, found);
    await renderForm(deps.dataSource, res, 200, {
      questionnaire: found.questionnaire.questionnaire, project: found.project, round: found.round, token: storageKey, urls: { action: target.formUrl, draftUrl: target.draftUrl }, openLink: true,
      language, values: draft?.values ?? {}, issues: [], saved: req.query.saved === '1', draftSavedAt: draft?.updatedAt,
    });
  });

  router.post('/a/:token/skema', ...formWriteLimits, parseForm, async (req, res) => {
    const asked = languageOf((req.body as Record<string, unknown> | undefined)?._lang);
    const reached = await visitorOf(req, res, asked);
    if (!reached) return;
    const { found, visitor } = reached;
    const target = targetOf(String(req.params.token), visitor, found);
    await answerFormPost({ dataSource: deps.dataSource, drafts, submissions }, req, res, found.questionnaire.questionnaire, target,
      (error, language) => renderUnavailable(res, error, pickLanguage(language, found.project.defaultLanguage), target.storageKey));
  });

  // The form's autosave (form.js): the cookie is the credential, so it lives under the link's path.
  router.put('/a/:token/kladde', ...formWriteLimits, parseJson, validateRequest({ body: draftBodySchema }), async (req, res) => {
    const found = await findRound(String(req.params.token));
    const visitor = found && readVisitor(req, deps.secretKey, found.round.id);
    if (!found || !visitor) {
      res.status(403).json({ error: { code: 'open_link_no_visitor', message: 'Skriv din kode på spørgeskemaets side først; kladden gemmes kun i den browser, hvor du begyndte (enter your code on the questionnaire\'s page first).' } });
      return;
    }
    const body = req.body as { language?: Language; values: FormValues };
    try {
      const saved = await drafts.saveFor(openLinkResolver(found, visitor), body.values, body.language);
      res.json({ savedAt: saved.updatedAt.toISOString(), fields: Object.keys(saved.values).length });
    } catch (error) {
      if (!(error instanceof InvitationUnavailableError)) throw error;
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
    }
  });

  router.get('/a/:token/tak', async (req, res) => {
    const asked = languageOf(req.query.lang);
    const reached = await visitorOf(req, res, asked);
    if (!reached) return;
    const saved = await findVisitorInvitation(deps.dataSource, reached.found, reached.visitor);
    const language = pickLanguage(asked, reached.found.project.defaultLanguage);
    if (!saved?.submittedAt) return renderMessagePage(res, 404, language, 'unknown');
    return renderMessagePage(res, 200, language, 'thanks', { token: browserCopyKey(reached.visitor) });
  });

  return router;
}
