import { answerRows, type AnswerRow } from '../responses/answerRows.js';
import { dropHiddenAnswers } from '../responses/formValuesToAnswers.js';
import type { Answers, ValidationIssue } from '../responses/types.js';
import { validateAnswers } from '../responses/validateAnswers.js';
import type { Language, Questionnaire } from './types.js';

export interface PreviewResult {
  valid: boolean;
  issues: ValidationIssue[];
  /** The `answer` rows a real submission would store (empty when not valid). */
  rows: AnswerRow[];
}

/**
 * A test submission: the same validation and the same rows as SubmissionService, and nothing
 * written anywhere, so an admin can try a questionnaire before caseworkers get it.
 */
export function previewSubmission(questionnaire: Questionnaire, submitted: Answers, language: Language, options: { ignoreHiddenAnswers?: boolean } = {}): PreviewResult {
  const answers = options.ignoreHiddenAnswers ? dropHiddenAnswers(questionnaire, submitted) : submitted;
  const issues = validateAnswers(questionnaire, answers, language);
  if (issues.length) return { valid: false, issues, rows: [] };
  return { valid: true, issues: [], rows: answerRows(questionnaire, answers) };
}
