import { Router, type Request, type Response } from 'express';
import { requireAdmin } from '../auth/authorize.js';
import { recordAudit } from '../audit/auditLog.js';
import { pickFormFields } from '../responses/formFieldNames.js';
import { formValuesToAnswers } from '../responses/formValuesToAnswers.js';
import { renderForm, type TestModeView } from '../responses/renderForm.js';
import { AppError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { comparisonPageView } from './comparisonPage.js';
import { previewSubmission } from './previewSubmission.js';
import { questionnaireSchemaPath } from './questionnaireApiRoutes.js';
import { refreshCatalog } from './refreshCatalog.js';
import type { CatalogEntry } from './questionnaireCatalog.js';
import { QuestionnaireProblemsError, QuestionnaireService, withDanish, type SaveOutcome } from './questionnaireService.js';
import { questionnaireParamsSchema } from './routes.js';
import { revisionParamsSchema } from './questionnaireSchemas.js';
import { storedRowsView } from './storedRowsView.js';
import type { Language, Questionnaire } from './types.js';

const BASE = '/admin/questionnaires';
const DONE_TEXT: Record<SaveOutcome, string> = {
  created: 'Spørgeskemaet er gemt som revision 1.',
  revised: 'Gemt som en ny revision: den forrige er besvaret eller bruges af en runde og ændres aldrig.',
  updated: 'Den nuværende revision er rettet: ingen runde bruger den, og ingen har svaret på den.',
  unchanged: 'Intet at gemme: teksten er den samme som den nuværende revision.',
};
const PAGE_ERRORS: Record<string, string> = {
  questionnaire_built_in: 'Det er et indbygget spørgeskema (en fil i surveys/ på serveren), som ikke kan rettes her. Kopiér det, og giv kopien et nyt id.',
  questionnaire_exists: 'Der findes allerede et spørgeskema med det id. Giv det nye spørgeskema et andet id, eller ret det eksisterende.',
  questionnaire_conflict: 'En anden gemte spørgeskemaet samtidig. Genindlæs siden, og prøv igen.',
};
/** The privacy notice of a preview: the default texts, for no project in particular. */
const PREVIEW_PROJECT = { id: 0, name: 'Testvisning', anonymityK: 5 };

/** The JSON an admin downloads or edits: pretty, and pointing editors at this server's schema. */
export function editableJson(questionnaire: Questionnaire, publicUrl: string): string {
  return JSON.stringify({ $schema: `${publicUrl}${questionnaireSchemaPath}`, ...questionnaire }, null, 2);
}

interface EditorState {
  text: string;
  problems?: { path: string; message: string }[];
  checkedOk?: boolean;
  error?: string;
}

/** The admin pages: list, one questionnaire with its revisions and editor, new/copy, preview and test, comparison. */
export function questionnaireAdminRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const questionnaires = new QuestionnaireService(deps.dataSource, deps.catalog, deps.clock);
  const admin = requireAdmin();
  const idParams = validateRequest({ params: questionnaireParamsSchema });
  const revisionParams = validateRequest({ params: revisionParamsSchema });
  const crumbs = [{ href: BASE, label: 'Spørgeskemaer' }];
  // The pages show what every instance has saved, not only this one.
  router.use(BASE, admin, async (_req, _res, next) => {
    await refreshCatalog(deps.dataSource, deps.catalog);
    next();
  });

  /** The posted text: an uploaded file wins over the text area. */
  const postedText = (req: Request): string => (req.file ? req.file.buffer.toString('utf8') : typeof req.body?.definition === 'string' ? req.body.definition : '');

  const renderNew = (res: Response, status: number, state: EditorState) =>
    res.status(status).render('admin/questionnaires/new', { title: 'Nyt spørgeskema', nav: 'questionnaires', breadcrumbs: crumbs, editor: state, schemaUrl: `${deps.config.publicUrl}${questionnaireSchemaPath}`, sources: deps.catalog.latestAll().map(summaryOf) });

  async function renderShow(req: Request, res: Response, status: number, id: string, state?: EditorState) {
    const revisions = await questionnaires.revisions(id);
    const latest = deps.catalog.latest(id)!;
    const current = revisions.at(-1)!;
    res.status(status).render('admin/questionnaires/show', {
      title: latest.questionnaire.title.da, nav: 'questionnaires', breadcrumbs: crumbs, questionnaire: summaryOf(latest), revisions: [...revisions].reverse(), current,
      builtIn: deps.catalog.isBuiltIn(id), editor: state ?? { text: editableJson(latest.questionnaire, deps.config.publicUrl) },
      schemaUrl: `${deps.config.publicUrl}${questionnaireSchemaPath}`, flash: typeof req.query.done === 'string' && req.query.done in DONE_TEXT ? { text: DONE_TEXT[req.query.done as SaveOutcome] } : undefined,
    });
  }

  /** "Tjek" shows the problems (or none); "Gem" saves when there are none. */
  async function checkOrSave(req: Request, res: Response, revising?: string): Promise<void> {
    const text = postedText(req);
    const render = (status: number, state: EditorState) => (revising ? renderShow(req, res, status, revising, state) : renderNew(res, status, state));
    if (req.body?.action === 'check') {
      const problems = withDanish(questionnaires.check(text, revising)).map((p) => ({ path: p.path, message: p.messageDa }));
      return void (await render(problems.length ? 400 : 200, { text, problems, checkedOk: !problems.length }));
    }
    try {
      const { outcome, entry } = await questionnaires.save(req, text, { revising, createOnly: !revising });
      res.redirect(303, `${BASE}/${entry.questionnaire.id}?done=${outcome}`);
    } catch (error) {
      if (error instanceof QuestionnaireProblemsError) return void (await render(400, { text, problems: error.problems.map((p) => ({ path: p.path, message: p.messageDa })) }));
      if (error instanceof AppError && PAGE_ERRORS[error.code]) return void (await render(error.status, { text, error: PAGE_ERRORS[error.code] }));
      throw error;
    }
  }

  router.get(BASE, admin, (_req, res) => {
    const all = deps.catalog.latestAll();
    res.render('admin/questionnaires/list', { title: 'Spørgeskemaer', nav: 'questionnaires', questionnaires: all.map((e) => ({ ...summaryOf(e), builtIn: deps.catalog.isBuiltIn(e.questionnaire.id) })) });
  });

  router.get(`${BASE}/new`, admin, (req, res) => {
    const from = typeof req.query.from === 'string' ? req.query.from : undefined;
    const revision = typeof req.query.revision === 'string' ? Number(req.query.revision) : undefined;
    const source = from ? (revision ? deps.catalog.revisions(from).find((e) => e.revision === revision) : deps.catalog.latest(from)) : undefined;
    if (!source) return renderNew(res, 200, { text: '' });
    // A copy starts as a new questionnaire: a new id (the admin changes it) and version 1.
    const copy: Questionnaire = { ...source.questionnaire, id: `${source.questionnaire.id}-kopi`.slice(0, 64), version: '1', title: { da: `${source.questionnaire.title.da} (kopi)`, en: `${source.questionnaire.title.en} (copy)` } };
    renderNew(res, 200, { text: editableJson(copy, deps.config.publicUrl) });
  });
  router.post(BASE, admin, (req, res) => checkOrSave(req, res));

  router.get(`${BASE}/compare`, admin, (req, res) => {
    const view = comparisonPageView(deps.catalog, req.query);
    res.status(view.status).render('admin/questionnaires/compare', { title: 'Sammenlign spørgeskemaer', nav: 'questionnaires', breadcrumbs: crumbs, ...view });
  });

  router.get(`${BASE}/:id`, admin, idParams, async (req, res) => renderShow(req, res, 200, String(req.params.id)));
  router.post(`${BASE}/:id`, admin, idParams, async (req, res) => {
    await questionnaires.revisions(String(req.params.id)); // 404 for an unknown questionnaire
    await checkOrSave(req, res, String(req.params.id));
  });

  router.get(`${BASE}/:id/revisions/:revision/download`, admin, revisionParams, async (req, res) => {
    const entry = questionnaires.revision(String(req.params.id), Number(req.params.revision));
    await recordAudit(deps.dataSource, req, { action: 'questionnaire.download', objectType: 'questionnaire', objectId: entry.questionnaire.id, details: { revision: entry.revision } }, deps.clock());
    res.type('application/json; charset=utf-8').attachment(`${entry.questionnaire.id}-r${entry.revision}.json`).send(editableJson(entry.questionnaire, deps.config.publicUrl));
  });

  const previewUrl = (entry: CatalogEntry) => `${BASE}/${entry.questionnaire.id}/revisions/${entry.revision}/preview`;
  const testMode = (res: Response, entry: CatalogEntry, language: Language): TestModeView => ({
    heading: language === 'da' ? 'Testvisning – intet bliver gemt' : 'Test mode – nothing is stored',
    text: language === 'da'
      ? `Sådan ser revision ${entry.revision} ud for en sagsbehandler. Du kan udfylde og sende den: svarene bliver tjekket og vist, men ikke gemt.`
      : `This is revision ${entry.revision} as a caseworker sees it. You may fill it in and send it: the answers are checked and shown, not stored.`,
    saveHint: language === 'da'
      ? 'I testvisningen gemmes intet, heller ikke i browseren: „Gem og fortsæt senere“ viser blot skemaet igen.'
      : 'Nothing is saved in test mode, not even in this browser: “Save and continue later” only shows the form again.',
    backUrl: `${BASE}/${entry.questionnaire.id}`, backLabel: language === 'da' ? 'Tilbage til spørgeskemaet' : 'Back to the questionnaire',
    csrfToken: String(res.locals.csrfToken),
  });
  // `{period}` reads as in a round opening today (a round's own label or dates decide it for caseworkers).
  const previewRound = () => ({ opensAt: deps.clock(), periodLabelDa: null, periodLabelEn: null });
  const languageOf = (value: unknown): Language => (value === 'en' ? 'en' : 'da');

  router.get(`${BASE}/:id/revisions/:revision/preview`, admin, revisionParams, async (req, res) => {
    const entry = questionnaires.revision(String(req.params.id), Number(req.params.revision));
    const language = languageOf(req.query.lang);
    await renderForm(deps.dataSource, res, 200, {
      questionnaire: entry.questionnaire, project: PREVIEW_PROJECT, round: previewRound(), token: `preview-${entry.versionId}`, urls: { action: previewUrl(entry), draftUrl: '' },
      language, values: {}, issues: [], saved: false, testMode: testMode(res, entry, language),
    });
  });

  router.post(`${BASE}/:id/revisions/:revision/preview`, admin, revisionParams, async (req, res) => {
    const entry = questionnaires.revision(String(req.params.id), Number(req.params.revision));
    const body = (req.body ?? {}) as Record<string, unknown>;
    const language = languageOf(body._lang);
    const values = pickFormFields(entry.questionnaire, body);
    const result = previewSubmission(entry.questionnaire, formValuesToAnswers(entry.questionnaire, values), language, { ignoreHiddenAnswers: true });
    // "Gem og fortsæt senere" saves nothing in a test: the form comes back as it was.
    const saving = body.action === 'save';
    if (saving || !result.valid) {
      return renderForm(deps.dataSource, res, saving ? 200 : 400, {
        questionnaire: entry.questionnaire, project: PREVIEW_PROJECT, round: previewRound(), token: `preview-${entry.versionId}`, urls: { action: previewUrl(entry), draftUrl: '' },
        language, values, issues: saving ? [] : result.issues, saved: false, testMode: testMode(res, entry, language),
      });
    }
    res.render('admin/questionnaires/preview-result', {
      title: 'Testsvar', nav: 'questionnaires', breadcrumbs: [...crumbs, { href: `${BASE}/${entry.questionnaire.id}`, label: entry.questionnaire.title.da }],
      questionnaire: summaryOf(entry), rows: storedRowsView(entry.questionnaire, result.rows), previewUrl: previewUrl(entry),
    });
  });

  return router;
}

function summaryOf(entry: CatalogEntry) {
  return { id: entry.questionnaire.id, title: entry.questionnaire.title.da, version: entry.questionnaire.version, revision: entry.revision, versionId: entry.versionId };
}
