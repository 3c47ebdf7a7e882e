import type { DataSource } from 'typeorm';
import { Draft } from '../db/entities/index.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Language } from '../questionnaires/types.js';
import { byToken, type InvitationResolver } from '../rounds/invitationContext.js';
import { pickFormFields } from './formFieldNames.js';
import type { FormValues } from './types.js';

export interface SavedDraft {
  values: FormValues;
  language: Language;
  updatedAt: Date;
}

export class DraftService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: QuestionnaireCatalog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Save the form as it is now; drafts are not validated, they may be half done. */
  async save(token: string, rawValues: Record<string, unknown>, askedLanguage?: Language): Promise<SavedDraft> {
    return this.saveFor(byToken(this.catalog, token), rawValues, askedLanguage);
  }

  /**
   * Save a draft for whatever invitation the resolver finds. One transaction: on the open link the
   * resolver creates the invitation with the first draft, and neither exists without the other.
   */
  async saveFor(resolve: InvitationResolver, rawValues: Record<string, unknown>, askedLanguage?: Language): Promise<SavedDraft> {
    const now = this.clock();
    return this.dataSource.transaction(async (manager) => {
      const context = await resolve(manager, now);
      const language = askedLanguage ?? context.project.defaultLanguage;
      const values = pickFormFields(context.questionnaire.questionnaire, rawValues);
      // updateEntity(false): on MySQL a save that changes nothing (same values in the same second)
      // reports no insert id, and TypeORM's read-back of the entity then threw.
      await manager.createQueryBuilder().insert().into(Draft)
        .values({ invitationId: context.invitation.id, answers: JSON.stringify(values), language, updatedAt: now })
        .orUpdate(['answers', 'language', 'updated_at'], ['invitation_id'])
        .updateEntity(false)
        .execute();
      return { values, language, updatedAt: now };
    });
  }

  async load(invitationId: number): Promise<SavedDraft | undefined> {
    const draft = await this.dataSource.getRepository(Draft).findOne({ where: { invitationId } });
    if (!draft) return undefined;
    return { values: JSON.parse(draft.answers) as FormValues, language: draft.language, updatedAt: draft.updatedAt };
  }
}
