import type { DataSource } from 'typeorm';
import { Invitation, ProjectGroup, Respondent, type Round } from '../../src/db/entities/index.js';
import { answerableItems } from '../../src/questionnaires/answerableItems.js';
import type { QuestionnaireCatalog } from '../../src/questionnaires/questionnaireCatalog.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { buildValidAnswers } from './answerBuilders.js';
import { buildProject, buildRound } from './builders.js';

export const K = 5;
/** Units around k: a municipality of a 2- and a 5-person team, another of a 4- and a 7-person team. */
export const TEAMS = [['Aarhus', 'Team 2', 2], ['Aarhus', 'Team 5', 5], ['Odense', 'Team 4', 4], ['Odense', 'Team 7', 7]] as const;
export const GROUPS = ['Forsøg', 'Kontrol'] as const;
export const ROLES = ['koordinerende sagsbehandler', 'virksomhedskonsulent'] as const;

export interface FixturePerson {
  respondentId: number;
  municipality: string;
  team: string;
  group: string;
  role: string;
  answeredEnd: boolean;
}

export interface AnonymityFixture {
  projectId: number;
  start: Round;
  end: Round;
  people: FixturePerson[];
}

/**
 * 18 caseworkers, all answering START; five of Team 7 skip END (so "everyone" and "pairs only"
 * differ by exactly k in Team 7 and by fewer than k in several segments). Likert answers vary by
 * person and round so distributions are not all one category.
 */
export async function buildAnonymityFixture(dataSource: DataSource, catalog: QuestionnaireCatalog, now: Date): Promise<AnonymityFixture> {
  const project = await buildProject(dataSource, { name: 'Anonymitet', anonymityK: K });
  await dataSource.getRepository(ProjectGroup).save([{ projectId: project.id, name: GROUPS[0], kind: 'intervention' }, { projectId: project.id, name: GROUPS[1], kind: 'control' }]);
  const start = await buildRound(dataSource, catalog, now, { projectId: project.id, label: 'START', questionnaireId: 'hir-start' });
  const end = await buildRound(dataSource, catalog, now, { projectId: project.id, label: 'END', questionnaireId: 'hir-end' });
  const submissions = new SubmissionService(dataSource, catalog, () => now);
  const people: FixturePerson[] = [];
  let index = 0;
  for (const [municipality, team, size] of TEAMS) {
    for (let i = 0; i < size; i++, index++) {
      const person = {
        municipality, team, group: GROUPS[i % 2]!, role: (team === 'Team 7' && i >= 5) || (team === 'Team 5' && i === 4) ? ROLES[1] : ROLES[0],
        answeredEnd: !(team === 'Team 7' && i < 5),
      };
      const respondent = await dataSource.getRepository(Respondent).save({
        projectId: project.id, name: `Person ${index}`, email: `anon${project.id}-${index}@example.dk`, municipality, team, role: person.role,
        groupName: person.group, active: true, externalId: null, language: null, erasedAt: null,
      });
      for (const round of person.answeredEnd ? [start, end] : [start]) {
        const token = generateInvitationToken();
        await dataSource.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent.id, tokenHash: hashInvitationToken(token), openedAt: null });
        const questionnaire = catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
        await submissions.submit(token, buildValidAnswers(questionnaire, likertAnswers(questionnaire, index + (round === end ? 1 : 0))), { language: 'da' });
      }
      people.push({ respondentId: respondent.id, ...person });
    }
  }
  return { projectId: project.id, start, end, people };
}

/** A different substantive answer per person and statement, so every distribution has several categories. */
function likertAnswers(questionnaire: Parameters<typeof answerableItems>[0], seed: number): Record<string, number> {
  const answers: Record<string, number> = {};
  answerableItems(questionnaire).forEach((item, position) => {
    if (item.kind !== 'likert' || item.showIf) return;
    const substantive = item.scale.options.filter((o) => !o.dontKnow);
    answers[item.id] = substantive[(seed + position) % substantive.length]!.code;
  });
  return answers;
}
