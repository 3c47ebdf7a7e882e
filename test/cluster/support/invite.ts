import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Invitation, Respondent, Round } from '../../../src/db/entities/index.js';
import { generateInvitationToken, hashInvitationToken } from '../../../src/rounds/invitationTokens.js';

/**
 * A caseworker and a personal link to an open round, in one transaction; returns the token.
 * The instances' schedulers invite every eligible caseworker into open rounds each second, so a
 * caseworker saved on its own would be invited by them before the test could (test/support's
 * buildInvitation saves the two rows apart), and the test's invitation would hit the unique index.
 */
export async function inviteCaseworker(dataSource: DataSource, round: Round, groupName: string | null = null): Promise<string> {
  const token = generateInvitationToken();
  const id = randomUUID().slice(0, 8);
  await dataSource.transaction(async (manager) => {
    const respondent = await manager.getRepository(Respondent).save({
      projectId: round.projectId, name: `Sagsbehandler ${id}`, email: `sb-${id}@example.dk`, municipality: 'Aarhus', team: 'Team A',
      role: 'koordinerende sagsbehandler', groupName, active: true, externalId: null,
    });
    await manager.getRepository(Invitation).save({ roundId: round.id, respondentId: respondent.id, tokenHash: hashInvitationToken(token), openedAt: null });
  });
  return token;
}
