import type { DataSource } from 'typeorm';
import { Invitation, Project, Respondent, Round } from '../db/entities/index.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import { generateInvitationToken, hashInvitationToken } from './invitationTokens.js';

export interface DemoInvitation {
  respondentName: string;
  token: string;
}

const demoCaseworkers = [
  { name: 'Anne Demo', email: 'anne.demo@example.dk', municipality: 'Aarhus', team: 'Team Nord' },
  { name: 'Bo Demo', email: 'bo.demo@example.dk', municipality: 'Aarhus', team: 'Team Syd' },
  { name: 'Camilla Demo', email: 'camilla.demo@example.dk', municipality: 'Odense', team: 'Ressourceforløb' },
  { name: 'Dennis Demo', email: 'dennis.demo@example.dk', municipality: 'Odense', team: 'Ressourceforløb' },
  { name: 'Eva Demo', email: 'eva.demo@example.dk', municipality: 'Aalborg', team: 'Team Øst' },
];

const DEMO_ROUND_DAYS = 30;

/**
 * On a new, empty database: a demo project with an open HIR START round and one personal link
 * per demo caseworker, so a first-time user can try the form at once. Does nothing when any
 * project exists. Tokens are returned (and printed by the server) once; only hashes are kept.
 */
export async function seedDemoProjectIfEmpty(dataSource: DataSource, catalog: QuestionnaireCatalog, now: Date): Promise<DemoInvitation[]> {
  const hirStart = catalog.latest('hir-start');
  if (!hirStart) return [];
  return dataSource.transaction(async (manager) => {
    if ((await manager.getRepository(Project).count()) > 0) return [];
    const project = await manager.getRepository(Project).save({ name: 'Demo: Håndholdt Indsats i Ressourceforløb', defaultLanguage: 'da', anonymityK: 5 });
    const round = await manager.getRepository(Round).save({
      projectId: project.id,
      questionnaireVersionId: hirStart.versionId,
      label: 'START',
      status: 'open',
      opensAt: now,
      closesAt: new Date(now.getTime() + DEMO_ROUND_DAYS * 24 * 3600 * 1000),
    });
    const invitations: DemoInvitation[] = [];
    for (const caseworker of demoCaseworkers) {
      const respondent = await manager.getRepository(Respondent).save({ projectId: project.id, ...caseworker, role: 'koordinerende sagsbehandler', groupName: 'intervention', active: true, externalId: null });
      const token = generateInvitationToken();
      await manager.getRepository(Invitation).insert({ roundId: round.id, respondentId: respondent.id, tokenHash: hashInvitationToken(token), openedAt: null });
      invitations.push({ respondentName: caseworker.name, token });
    }
    return invitations;
  });
}
