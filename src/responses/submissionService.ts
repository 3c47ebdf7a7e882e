import type { DataSource } from 'typeorm';
import { runPrepared } from '../db/preparedStatement.js';
import { retryOnLockConflict } from '../db/transactionRetry.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Language } from '../questionnaires/types.js';
import { answerableByToken, InvitationUnavailableError, type AnswerableLink, type InvitationResolver } from '../rounds/invitationContext.js';
import { AppError } from '../shared/errors.js';
import { answerRows } from './answerRows.js';
import { answerVectorLayout, encodeAnswerVector } from './answerVector.js';
import { dropHiddenAnswers } from './formValuesToAnswers.js';
import { answerInsertChunks, answerInsertSql } from './answerInsert.js';
import { insertResponseRow } from './insertResponseRow.js';
import { writeSubmissionBatch, type SubmissionWrites } from './submissionBatch.js';
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

  /**
   * Submit for whatever invitation the resolver finds (on the open link it may create it). On
   * MySQL/MariaDB, for a resolver that only reads (a personal link), the link is looked up and the
   * writes go as one batch (submissionBatch.ts). Otherwise, and on SQLite (in this process, no
   * round trips), everything runs in one transaction, statement by statement: a resolver that
   * writes does so inside it.
   */
  async submitFor(resolve: InvitationResolver<AnswerableLink>, submitted: Answers, options: SubmitOptions = {}): Promise<SubmittedResponse> {
    const now = this.clock();
    return this.dataSource.options.type === 'mysql' && resolve.readsOnly
      ? this.submitInOneBatch(resolve, submitted, options, now)
      : this.submitInTransaction(resolve, submitted, options, now);
  }

  /** The rows a valid submission writes; InvalidAnswersError otherwise. */
  private writesOf(context: AnswerableLink, submitted: Answers, options: SubmitOptions, now: Date): SubmissionWrites {
    const questionnaire = context.questionnaire.questionnaire;
    const language = options.language ?? context.project.defaultLanguage;
    const answers = options.ignoreHiddenAnswers ? dropHiddenAnswers(questionnaire, submitted) : submitted;
    const issues = validateAnswers(questionnaire, answers, language);
    if (issues.length > 0) throw new InvalidAnswersError(issues, context);
    const rows = answerRows(questionnaire, answers);
    return {
      response: {
        invitationId: context.invitation.id,
        roundId: context.round.id,
        respondentId: context.invitation.respondentId,
        questionnaireVersionId: context.questionnaire.versionId,
        language,
        submittedAt: now,
        answerVector: encodeAnswerVector(answerVectorLayout(questionnaire), rows),
      },
      answers: rows,
      draftOfInvitation: context.hasDraft ? context.invitation.id : null,
    };
  }

  private async submitInOneBatch(resolve: InvitationResolver<AnswerableLink>, submitted: Answers, options: SubmitOptions, now: Date): Promise<SubmittedResponse> {
    // Run again, whole, when the database gives the batch up over locks (a deadlock victim, a
    // cluster's certification), as every transaction is (src/db/transactionRetry.ts).
    return retryOnLockConflict(async () => {
      // The lookup and the writes share one pooled connection; the lookup, only reading, runs before the transaction.
      const runner = this.dataSource.createQueryRunner();
      try {
        const context = await resolve(runner.manager, now);
        const writes = this.writesOf(context, submitted, options, now);
        try {
          const id = await writeSubmissionBatch(runner, writes);
          return { responseId: id, submittedAt: now, answerCount: writes.answers.length };
        } catch (error) {
          if (isUniqueViolation(error)) throw new InvitationUnavailableError('already_submitted', context);
          throw error;
        }
      } finally {
        await runner.release();
      }
    });
  }

  private async submitInTransaction(resolve: InvitationResolver<AnswerableLink>, submitted: Answers, options: SubmitOptions, now: Date): Promise<SubmittedResponse> {
    // The lookup shares the transaction's connection: one pooled connection per submission, not two.
    return this.dataSource.transaction(async (manager) => {
      const context = await resolve(manager, now);
      const writes = this.writesOf(context, submitted, options, now);
      try {
        const id = await insertResponseRow(manager, writes.response);
        // One plain multi-row INSERT per chunk: TypeORM's entity insert costs more than the database here.
        for (const chunk of answerInsertChunks(writes.answers, writes.response.roundId, id)) await runPrepared(manager, answerInsertSql(chunk.count, '?'), chunk.values);
        // Only a draft seen by the lookup is deleted (see submissionBatch.ts). A draft saved while
        // the submission runs can survive either way (its own check came first).
        if (writes.draftOfInvitation !== null) await manager.query('DELETE FROM draft WHERE invitation_id = ?', [writes.draftOfInvitation]);
        return { responseId: id, submittedAt: now, answerCount: writes.answers.length };
      } catch (error) {
        if (isUniqueViolation(error)) throw new InvitationUnavailableError('already_submitted', context);
        throw error;
      }
    });
  }
}
