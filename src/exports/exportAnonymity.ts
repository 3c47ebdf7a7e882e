import type { DataSource } from 'typeorm';
import { Round } from '../db/entities/index.js';
import { participantGroups } from '../projects/projectParticipants.js';
import type { RespondentAttribute } from '../projects/reportableAttributes.js';
import { ConflictError } from '../shared/errors.js';

/**
 * Record-level exports show each person's answers beside the attributes the reader may see, so a
 * reader can pick out everyone who shares those attributes; each such group among the project's
 * respondents must hold at least k people, or the export would show, say, a 2-person team's
 * answers. The rounds a pseudonym answered count as well, since the exports of two rounds show
 * them: the 2 people of a unit who skipped a round would otherwise stand apart (the record-level
 * form of "everyone" minus "pairs only"). Groups are told apart exactly as the rows show them:
 * 6 × "T1" and 1 × "t1" are two groups, never one of 7 (participantGroups groups byte for byte
 * on every driver). Admins are not limited: they see the registry anyway.
 */
export async function assertExportKAnonymous(dataSource: DataSource, project: { id: number; anonymityK: number }, visible: Set<RespondentAttribute>, user: { role: string }): Promise<void> {
  if (user.role === 'admin') return;
  const sizes = new Map<string, number>();
  const rounds = await dataSource.getRepository(Round).find({ where: { projectId: project.id }, select: { id: true } });
  for (const group of await participantGroups(dataSource, project.id, rounds.map((r) => r.id))) {
    const key = JSON.stringify([[...visible].sort().map((a) => group.attributes[a]), [...group.rounds].sort()]);
    sizes.set(key, (sizes.get(key) ?? 0) + group.count);
  }
  const smallest = Math.min(...sizes.values());
  if (smallest < project.anonymityK) {
    throw new ConflictError(
      `Eksporten kan ikke hentes: mindst én gruppe af personer med samme synlige oplysninger og samme besvarede runder har færre end ${project.anonymityK} personer (${smallest}). En administrator kan gøre færre oplysninger synlige for projektledere. (Export refused: a group of people with the same visible attributes and answered rounds has fewer than ${project.anonymityK} people.)`,
      'export_below_k',
    );
  }
}
