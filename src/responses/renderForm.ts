import type { Response as ExpressResponse } from 'express';
import type nunjucks from 'nunjucks';
import type { DataSource } from 'typeorm';
import { privacyNoticeOf } from '../projectTexts/privacyNotice.js';
import { loadProjectTexts } from '../projectTexts/projectTextsService.js';
import type { ProjectTextsInput } from '../projectTexts/textSchemas.js';
import type { Project, Round } from '../db/entities/index.js';
import type { Language, Questionnaire } from '../questionnaires/types.js';
import { roundPeriodText } from '../rounds/roundPeriod.js';
import { renderFormPage } from './formQuestions.js';
import type { FormValues, ValidationIssue } from './types.js';

export interface FormRender {
  questionnaire: Questionnaire;
  /** Whose privacy notice the form shows on its first page. */
  project: Pick<Project, 'id' | 'name' | 'anonymityK'>;
  /** The project's texts when the caller already loaded them (alongside other queries); loaded here otherwise. */
  projectTexts?: ProjectTextsInput;
  /** The round answered: its period fills `{period}` in the questions. */
  round: Pick<Round, 'opensAt' | 'periodLabelDa' | 'periodLabelEn'>;
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
  /** Said instead of the form's "saved automatically" hint: a test keeps nothing, neither on the server nor in the browser. */
  saveHint: string;
  csrfToken: string;
}

export async function renderForm(dataSource: DataSource, res: ExpressResponse, status: number, form: FormRender): Promise<void> {
  const env = res.app.get('viewEnvironment') as nunjucks.Environment;
  const page = renderFormPage(env, {
    questionnaire: form.questionnaire,
    values: form.values,
    issues: form.issues,
    language: form.language,
    token: form.token,
    urls: form.urls,
    openLink: form.openLink,
    saved: form.saved,
    draftSavedAt: form.draftSavedAt,
    period: roundPeriodText(form.round, form.language),
  });
  // Personal answers must not sit in shared caches or the back/forward cache of a shared PC.
  res.set('Cache-Control', 'no-store');
  const privacyNotice = privacyNoticeOf(form.projectTexts ?? (await loadProjectTexts(dataSource, form.project.id)), form.project, form.language);
  // The page around the questions is rendered as res.render would (app and response locals first);
  // the questions, already UTF-8, go in at the marker without being decoded and encoded again.
  const { questions, ...shell } = page;
  const html = env.render('form.njk', { ...res.app.locals, ...res.locals, ...shell, questionsHtml: QUESTIONS_MARKER, privacyNotice, testMode: form.testMode });
  const at = html.indexOf(QUESTIONS_MARKER);
  const body = Buffer.concat([Buffer.from(html.slice(0, at)), questions, Buffer.from(html.slice(at + QUESTIONS_MARKER.length))]);
  // res.end, not res.send: send would hash the 80 kB for an ETag, of no use on a no-store page.
  res.status(status).type('html').set('Content-Length', String(body.length)).end(body);
}

/** Where views/form.njk prints `questionsHtml`; control characters no text of the page contains. */
const QUESTIONS_MARKER = '\u0003questions\u0003';
