import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { QuestionnaireVersion, Response } from '../db/entities/index.js';
import { QuestionnaireCatalog } from './questionnaireCatalog.js';
import type { Questionnaire } from './types.js';

export function contentHash(definition: string): string {
  return createHash('sha256').update(definition).digest('hex');
}

/**
 * Store the questionnaire files as revisions. An unchanged file reuses its revision; a changed
 * file updates its revision in place while nobody has answered it, and otherwise becomes a new
 * revision so that existing responses keep the exact questionnaire they answered.
 */
export async function syncQuestionnaireVersions(dataSource: DataSource, questionnaires: Questionnaire[]): Promise<QuestionnaireCatalog> {
  await dataSource.transaction(async (manager) => {
    const versions = manager.getRepository(QuestionnaireVersion);
    for (const questionnaire of questionnaires) {
      const definition = JSON.stringify(questionnaire);
      const hash = contentHash(definition);
      const latest = await versions.findOne({ where: { questionnaireId: questionnaire.id }, order: { revision: 'DESC' } });
      if (latest?.contentHash === hash) continue;
      const answered = latest ? await manager.getRepository(Response).exists({ where: { questionnaireVersionId: latest.id } }) : false;
      if (latest && !answered) {
        await versions.update(latest.id, { version: questionnaire.version, contentHash: hash, definition });
      } else {
        await versions.insert({ questionnaireId: questionnaire.id, revision: (latest?.revision ?? 0) + 1, version: questionnaire.version, contentHash: hash, definition });
      }
    }
  });
  const catalog = new QuestionnaireCatalog();
  catalog.markBuiltIn(questionnaires.map((q) => q.id));
  for (const version of await dataSource.getRepository(QuestionnaireVersion).find({ order: { id: 'ASC' } })) catalog.add(version);
  return catalog;
}
