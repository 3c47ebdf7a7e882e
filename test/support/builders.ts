import type { DataSource } from 'typeorm';
import { Invitation, Project, Respondent, Round } from '../../src/db/entities/index.js';
import type { QuestionnaireCatalog } from '../../src/questionnaires/questionnaireCatalog.js';
import { generateInvitationToken, hashInvitationToken } from '../../src/rounds/invitationTokens.js';

const DAY = 24 * 3600 * 1000;

export async function buildProject(dataSource: DataSource, overrides: Partial<Project> = {}): Promise<Project> {
  return dataSource.getRepository(Project).save({ name: 'Testprojekt', defaultLanguage: 'da', anonymityK: 5, ...overrides });
}

export async function buildRound(
  dataSource: DataSource,
  catalog: QuestionnaireCatalog,
  now: Date,
  overrides: Partial<Round> & { questionnaireId?: string } = {},
): Promise<Round> {
  const { questionnaireId = 'hir-start', ...rest } = overrides;
  const projectId = rest.projectId ?? (await buildProject(dataSource)).id;
  const versionId = rest.questionnaireVersionId ?? catalog.latest(questionnaireId)!.versionId;
  return dataSource.getRepository(Round).save({
    label: 'START', status: 'open', opensAt: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + 14 * DAY),
    ...rest, projectId, questionnaireVersionId: versionId,
  });
}

let respondentCounter = 0;

/** A caseworker in the registry (no invitation). */
export async function buildRespondent(dataSource: DataSource, projectId: number, overrides: Partial<Respondent> = {}): Promise<Respondent> {
  const n = ++respondentCounter;
  return dataSource.getRepository(Respondent).save({
    projectId, name: `Sagsbehandler ${n}`, email: `sb${n}@example.dk`, municipality: 'Aarhus', team: 'Team A', role: 'koordinerende sagsbehandler',
    groupName: null, active: true, externalId: null, language: null, erasedAt: null, ...overrides,
  });
}

/** A caseworker with a personal link to a round; returns the token (only its hash is stored). */
export async function buildInvitation(dataSource: DataSource, round: Round, overrides: Partial<Respondent> = {}): Promise<{ token: string; invitation: Invitation; respondent: Respondent }> {
  const n = ++respondentCounter;
  const respondent = await dataSource.getRepository(Respondent).save({
    projectId: round.projectId, name: `Sagsbehandler ${n}`, email: `sb${n}@example.dk`, municipality: 'Aarhus', team: 'Team A',
    role: 'koordinerende sagsbehandler', groupName: 'intervention', active: true, externalId: null, ...overrides,
  });
  const token = generateInvitationToken();
  const invitation = await dataSource.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent.id, tokenHash: hashInvitationToken(token), openedAt: null });
  return { token, invitation, respondent };
}
