import type { DataSource } from 'typeorm';
import { Draft } from '../db/entities/index.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Language } from '../questionnaires/types.js';
import { requireAnswerableInvitation } from '../rounds/invitationContext.js';
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
    const now = this.clock();
    const context = await requireAnswerableInvitation(this.dataSource, this.catalog, token, now);
    const language = askedLanguage ?? context.project.defaultLanguage;
    const values = pickFormFields(context.questionnaire.questionnaire, rawValues);
    await this.dataSource.getRepository(Draft).upsert(
      { invitationId: context.invitation.id, answers: JSON.stringify(values), language, updatedAt: now },
      { conflictPaths: ['invitationId'] },
    );
    return { values, language, updatedAt: now };
  }

  async load(invitationId: number): Promise<SavedDraft | undefined> {
    const draft = await this.dataSource.getRepository(Draft).findOne({ where: { invitationId } });
    if (!draft) return undefined;
    return { values: JSON.parse(draft.answers) as FormValues, language: draft.language, updatedAt: draft.updatedAt };
  }
}
