import type { DataSource } from 'typeorm';
import { runPrepared } from '../db/preparedStatement.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Language } from '../questionnaires/types.js';
import { answerableByToken, InvitationUnavailableError, type AnswerableLink, type InvitationResolver } from '../rounds/invitationContext.js';
import { AppError } from '../shared/errors.js';
import { answerRows } from './answerRows.js';
import { answerVectorLayout, encodeAnswerVector } from './answerVector.js';
import { dropHiddenAnswers } from './formValuesToAnswers.js';
import { insertResponseRow } from './insertResponseRow.js';
import type { Answers, ValidationIssue } from './types.js';
import { validateAnswers } from './validateAnswers.js';

/** Answers that do not pass validation, with the link as the resolver of the submission found it. */
export class InvalidAnswersError extends AppError {
  constructor(readonly issues: ValidationIssue[], readonly context: AnswerableLink) {
    super(400, 'invalid_answers', `${issues.length} answer(s) need attention`, issues);
  }
}

export interface SubmitOptions {
  /** Language of the validation messages; the project's default when not given. */
  language?: Language;
  /** The HTML form ignores answers to hidden items (see dropHiddenAnswers); the API refuses them. */
  ignoreHiddenAnswers?: boolean;
}

export interface SubmittedResponse {
  responseId: number;
  submittedAt: Date;
  answerCount: number;
}

// Bounded so a long questionnaire never exceeds a driver's limit on bound parameters.
const ANSWER_INSERT_CHUNK = 500;

const answerInsertSqlByCount = new Map<number, string>();

/** The INSERT of `count` answer rows, written once per count (at most ANSWER_INSERT_CHUNK of them): a questionnaire's submissions mostly have one. */
function answerInsertSql(count: number): string {
  let sql = answerInsertSqlByCount.get(count);
  if (!sql) {
    sql = `INSERT INTO answer (response_id, round_id, item_id, sub_id, value_code, value_number, value_text) VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    answerInsertSqlByCount.set(count, sql);
  }
  return sql;
}

export class SubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: QuestionnaireCatalog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Validate and store a response with all its answers in one transaction. The unique index on
   * response.invitation_id makes a second submission fail inside the database, however close
   * together the two requests arrive.
   */
  async submit(token: string, submitted: Answers, options: SubmitOptions = {}): Promise<SubmittedResponse> {
    return this.submitFor(answerableByToken(this.catalog, token), submitted, options);
  }

  /** Submit for whatever invitation the resolver finds (on the open link it may create it). */
  async submitFor(resolve: InvitationResolver<AnswerableLink>, submitted: Answers, options: SubmitOptions = {}): Promise<SubmittedResponse> {
    const now = this.clock();
    // The lookup shares the transaction's connection: one pooled connection per submission, not two.
    return this.dataSource.transaction(async (manager) => {
      const context = await resolve(manager, now);
      const questionnaire = context.questionnaire.questionnaire;
      const language = options.language ?? context.project.defaultLanguage;
      const answers = options.ignoreHiddenAnswers ? dropHiddenAnswers(questionnaire, submitted) : submitted;
      const issues = validateAnswers(questionnaire, answers, language);
      if (issues.length > 0) throw new InvalidAnswersError(issues, context);
      const rows = answerRows(questionnaire, answers);
      try {
        const id = await insertResponseRow(manager, {
          invitationId: context.invitation.id,
          roundId: context.round.id,
          respondentId: context.invitation.respondentId,
          questionnaireVersionId: context.questionnaire.versionId,
          language,
          submittedAt: now,
          answerVector: encodeAnswerVector(answerVectorLayout(questionnaire), rows),
        });
        // One plain multi-row INSERT per chunk: TypeORM's entity insert costs more than the database here.
        for (let start = 0; start < rows.length; start += ANSWER_INSERT_CHUNK) {
          const chunk = rows.slice(start, start + ANSWER_INSERT_CHUNK);
          const values: unknown[] = [];
          for (const row of chunk) values.push(id, context.round.id, row.itemId, row.subId, row.valueCode, row.valueNumber, row.valueText);
          await runPrepared(manager, answerInsertSql(chunk.length), values);
        }
        // Only a draft seen by the lookup is deleted: on MySQL/MariaDB a DELETE that finds no row
        // still locks the gap in the index, and those locks made concurrent submissions queue.
        // A draft saved while the submission runs can survive either way (its own check came first).
        if (context.hasDraft) await manager.query('DELETE FROM draft WHERE invitation_id = ?', [context.invitation.id]);
        return { responseId: id, submittedAt: now, answerCount: rows.length };
      } catch (error) {
        if (isUniqueViolation(error)) throw new InvitationUnavailableError('already_submitted', context);
        throw error;
      }
    });
  }
}
