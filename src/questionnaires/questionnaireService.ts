import type { Request } from 'express';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit/auditLog.js';
import { QuestionnaireVersion, Response, Round } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/uniqueViolation.js';
import { AppError, NotFoundError } from '../shared/errors.js';
import { checkQuestionnaireText, type CheckedQuestionnaire } from './loadQuestionnaires.js';
import { problemsInDanish } from './problemsInDanish.js';
import type { CatalogEntry, QuestionnaireCatalog } from './questionnaireCatalog.js';
import { contentHash } from './syncQuestionnaireVersions.js';

/** What saving did: a new questionnaire, a new revision, the unused current revision changed, or nothing. */
export type SaveOutcome = 'created' | 'revised' | 'updated' | 'unchanged';

export interface QuestionnaireProblem {
  path: string;
  /** As the start-up log and `npm run validate-surveys` say it. */
  message: string;
  messageDa: string;
}

/** The checker found problems: each one with its JSON path, in English and Danish. */
export class QuestionnaireProblemsError extends AppError {
  constructor(readonly problems: QuestionnaireProblem[]) {
    super(400, 'questionnaire_invalid', `The questionnaire has ${problems.length} problem(s)`, problems);
  }
}

export interface RevisionSummary {
  versionId: number;
  revision: number;
  version: string;
  createdAt: Date;
  responses: number;
  rounds: number;
  /** Answered or pinned by a round: saving makes a new revision instead of changing this one. */
  locked: boolean;
}

/** The checker's problems with the Danish message beside each English one. */
export function withDanish(checked: CheckedQuestionnaire): QuestionnaireProblem[] {
  const danish = problemsInDanish(checked.problems);
  return checked.problems.map((p, i) => ({ path: p.path, message: p.message, messageDa: danish[i]!.message }));
}

/**
 * Questionnaires written in the app (the files in surveys/ are the built-in ones and are revised
 * by changing the file). Every text is checked by the same checker as the files at start-up.
 */
export class QuestionnaireService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: QuestionnaireCatalog,
    private readonly clock: () => Date,
  ) {}

  /** Check a text; `revising` is the id a new revision must keep. */
  check(text: string, revising?: string): CheckedQuestionnaire {
    return checkQuestionnaireText(text, revising ? { id: revising, what: 'the questionnaire being revised' } : undefined);
  }

  /**
   * Save a checked questionnaire: new, a new revision when its current one is answered or a round
   * points at it (a pinned revision never changes), otherwise an update of the current one.
   */
  async save(req: Request, text: string, options: { revising?: string; createOnly?: boolean } = {}): Promise<{ outcome: SaveOutcome; entry: CatalogEntry }> {
    const checked = this.check(text, options.revising);
    if (!checked.questionnaire) throw new QuestionnaireProblemsError(withDanish(checked));
    const questionnaire = checked.questionnaire;
    const id = questionnaire.id;
    if (this.catalog.isBuiltIn(id)) {
      throw new AppError(409, 'questionnaire_built_in', `"${id}" is a built-in questionnaire (a file in surveys/); copy it under a new id to change it.`);
    }
    if (options.createOnly && this.catalog.latest(id)) throw new AppError(409, 'questionnaire_exists', `A questionnaire with id "${id}" already exists; give the new one another id.`);
    const definition = JSON.stringify(questionnaire);
    const hash = contentHash(definition);
    const now = this.clock();
    try {
      const { outcome, row } = await this.dataSource.transaction(async (manager) => {
        const versions = manager.getRepository(QuestionnaireVersion);
        const latest = await versions.findOne({ where: { questionnaireId: id }, order: { revision: 'DESC' } });
        if (latest?.contentHash === hash) return { outcome: 'unchanged' as const, row: latest };
        const locked = latest ? await isLocked(manager, latest.id) : false;
        let outcome: SaveOutcome;
        if (latest && !locked) {
          await versions.update(latest.id, { version: questionnaire.version, contentHash: hash, definition });
          outcome = 'updated';
        } else {
          await versions.insert({ questionnaireId: id, revision: (latest?.revision ?? 0) + 1, version: questionnaire.version, contentHash: hash, definition });
          outcome = latest ? 'revised' : 'created';
        }
        const row = await versions.findOneOrFail({ where: { questionnaireId: id }, order: { revision: 'DESC' } });
        await recordAudit(manager, req, { action: `questionnaire.${outcome === 'updated' ? 'update' : outcome === 'revised' ? 'revise' : 'create'}`, objectType: 'questionnaire', objectId: id, details: { revision: row.revision, version: row.version, contentHash: hash } }, now);
        return { outcome, row };
      });
      return { outcome, entry: this.catalog.add(row) };
    } catch (error) {
      // Two admins saving the first or next revision at once: one wins, the other is told to look again.
      if (isUniqueViolation(error)) throw new AppError(409, 'questionnaire_conflict', `Someone saved "${id}" at the same time; reload and try again.`);
      throw error;
    }
  }

  /** Every revision of a questionnaire, oldest first, with what uses it. */
  async revisions(questionnaireId: string): Promise<RevisionSummary[]> {
    const rows = await this.dataSource.getRepository(QuestionnaireVersion).find({ where: { questionnaireId }, order: { revision: 'ASC' }, select: { id: true, revision: true, version: true, createdAt: true } });
    if (!rows.length) throw new NotFoundError(`No questionnaire with id "${questionnaireId}".`, 'questionnaire_not_found');
    const ids = rows.map((r) => r.id);
    const count = async (table: 'response' | 'round') => {
      const counted = await this.dataSource.getRepository(table === 'response' ? Response : Round).createQueryBuilder('t')
        .select('t.questionnaire_version_id', 'versionId').addSelect('COUNT(*)', 'n').where({ questionnaireVersionId: In(ids) }).groupBy('t.questionnaire_version_id').getRawMany<{ versionId: number; n: number | string }>();
      return new Map(counted.map((c) => [Number(c.versionId), Number(c.n)]));
    };
    const [responses, rounds] = [await count('response'), await count('round')];
    return rows.map((r) => {
      const summary = { versionId: r.id, revision: r.revision, version: r.version, createdAt: r.createdAt, responses: responses.get(r.id) ?? 0, rounds: rounds.get(r.id) ?? 0 };
      return { ...summary, locked: summary.responses > 0 || summary.rounds > 0 };
    });
  }

  /** One stored revision, or 404. */
  revision(questionnaireId: string, revision: number): CatalogEntry {
    const entry = this.catalog.revisions(questionnaireId).find((candidate) => candidate.revision === revision);
    if (!entry) throw new NotFoundError(`Questionnaire "${questionnaireId}" has no revision ${revision}.`, 'questionnaire_not_found');
    return entry;
  }
}

async function isLocked(manager: EntityManager, versionId: number): Promise<boolean> {
  return (await manager.getRepository(Response).exists({ where: { questionnaireVersionId: versionId } })) || (await manager.getRepository(Round).exists({ where: { questionnaireVersionId: versionId } }));
}
