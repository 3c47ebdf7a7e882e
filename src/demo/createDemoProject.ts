import { Invitation, Project, ProjectGroup, Respondent, Round } from '../db/entities/index.js';
import { registerUnits } from '../projects/projectService.js';
import { InvitationService } from '../rounds/invitationService.js';
import { deriveLinkToken } from '../rounds/invitationLinks.js';
import { SubmissionService } from '../responses/submissionService.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { demoAnswers, type DemoPerson } from './demoAnswers.js';
import { seededRandom } from './seededRandom.js';

export interface DemoOptions {
  respondents: number;
  seed: number;
  /** Share of caseworkers answering each round (so pairing is partial, as in HIR: 114 / 111, 82 both). */
  responseRate: number;
  name: string;
  /**
   * Rounds to measure: 2 (default) is START (hir-start) and END (hir-end); 3 or more are R1, R2 …
   * all with hir-start, as JKI measured three times, for the trend.
   */
  rounds?: number;
}

const MUNICIPALITIES = [['Aarhus', ['Team Nord', 'Team Syd']], ['Odense', ['Ressourceforløb']], ['Aalborg', ['Team Øst', 'Team Vest']], ['Køge', ['Jobcenter']]] as const;
const DAY = 86_400_000;

/**
 * A project with START (hir-start) and END (hir-end) rounds (or `rounds` rounds R1, R2 … of
 * hir-start) filled with plausible answers:
 * intervention and control groups, "ved ikke", partial pairing, and an END shift that is larger
 * in the intervention group. Answers go through the real submission service, so they obey every
 * rule of the questionnaire. Returns the project and round ids.
 */
export async function createDemoProject(deps: Pick<ServiceDeps, 'dataSource' | 'catalog' | 'config' | 'secretKey'>, options: DemoOptions): Promise<{ projectId: number; startRoundId: number; endRoundId: number; roundIds: number[]; submitted: number }> {
  const random = seededRandom(options.seed);
  const { dataSource, catalog } = deps;
  const project = await dataSource.getRepository(Project).save({ name: options.name, defaultLanguage: 'da', anonymityK: 5 });
  await dataSource.getRepository(ProjectGroup).save([{ projectId: project.id, name: 'Forsøg', kind: 'intervention' }, { projectId: project.id, name: 'Kontrol', kind: 'control' }]);
  const people = new Map<number, DemoPerson>();
  for (let i = 0; i < options.respondents; i++) {
    const [municipality, teams] = MUNICIPALITIES[i % MUNICIPALITIES.length]!;
    const respondent = await dataSource.getRepository(Respondent).save({
      projectId: project.id, name: `Demo sagsbehandler ${i + 1}`, email: `demo${project.id}-${i + 1}@example.dk`, municipality, team: teams[i % teams.length]!,
      role: 'koordinerende sagsbehandler', groupName: i % 2 === 0 ? 'Forsøg' : 'Kontrol', active: true, externalId: `D${i + 1}`, language: null, erasedAt: null,
    });
    people.set(respondent.id, { optimism: random() * 2 - 1, caseload: 20 + Math.floor(random() * 30) });
  }
  await registerUnits(dataSource.manager, project.id, MUNICIPALITIES.flatMap(([municipality, teams]) => teams.map((team) => ({ municipality, team }))));

  const start = new Date('2025-01-06T08:00:00Z');
  const end = new Date('2025-12-01T08:00:00Z');
  const makeRound = (label: string, questionnaireId: string, opensAt: Date) => dataSource.getRepository(Round).save({
    projectId: project.id, questionnaireVersionId: catalog.latest(questionnaireId)!.versionId, label, status: 'open', opensAt, closesAt: new Date(opensAt.getTime() + 21 * DAY),
    reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
  });
  const measured = options.rounds ?? 2;
  const rounds = measured === 2 ? [await makeRound('START', 'hir-start', start), await makeRound('END', 'hir-end', end)] : [];
  // Three or more: R1, R2 … spread over the year, the same questionnaire every time.
  for (let i = 0; measured > 2 && i < measured; i++) rounds.push(await makeRound(`R${i + 1}`, 'hir-start', new Date(start.getTime() + Math.round((i * (end.getTime() - start.getTime())) / (measured - 1)))));
  const invitations = new InvitationService(deps);
  let submitted = 0;
  for (const [index, round] of rounds.entries()) {
    await dataSource.transaction((manager) => invitations.inviteEligibleRespondents(manager, round, round.opensAt!));
    const answeredAt = new Date(round.opensAt!.getTime() + 3 * DAY);
    const submissions = new SubmissionService(dataSource, catalog, () => answeredAt);
    const questionnaire = catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    for (const invitation of await dataSource.getRepository(Invitation).find({ where: { roundId: round.id }, order: { id: 'ASC' } })) {
      if (random() > options.responseRate) continue;
      const person = people.get(invitation.respondentId!)!;
      const respondent = await dataSource.getRepository(Respondent).findOneByOrFail({ id: invitation.respondentId! });
      // The intervention group moves further than the control group, a step at a time over the rounds.
      const progress = index / (rounds.length - 1);
      const shift = progress * (respondent.groupName === 'Forsøg' ? 0.9 : 0.2);
      const token = deriveLinkToken(deps.secretKey, 'invitation', invitation.tokenNonce!);
      await submissions.submit(token, demoAnswers(questionnaire, person, shift, random), { language: 'da' });
      submitted++;
    }
    await dataSource.getRepository(Round).update(round.id, { status: 'closed' });
  }
  return { projectId: project.id, startRoundId: rounds[0]!.id, endRoundId: rounds.at(-1)!.id, roundIds: rounds.map((r) => r.id), submitted };
}
