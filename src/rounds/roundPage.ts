import type { Request, Response } from 'express';
import { Project, type Round } from '../db/entities/index.js';
import { ProjectService } from '../projects/projectService.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { toCopenhagenInput } from './copenhagenInput.js';
import { deriveLinkToken, openLinkUrl } from './invitationLinks.js';
import { roundAvailability } from './roundAvailability.js';
import { roundPeriodText } from './roundPeriod.js';
import type { ControlOutcome } from './roundControl.js';
import { monitorForReader, roundMonitor } from './roundMonitor.js';
import { roundComparability } from './roundComparability.js';
import { inviteFilterOf, reminderDaysOf, RoundService } from './roundService.js';

export interface Flash {
  tone: 'success' | 'info' | 'error';
  text: string;
}

/** What any reader sees of a round; the open link only for admins (it lets anyone answer). */
export function publicRoundOf(deps: ServiceDeps, round: Round, forAdmin: boolean) {
  const entry = deps.catalog.byVersion(round.questionnaireVersionId);
  return {
    id: round.id, label: round.label, status: round.status, availability: roundAvailability(round, deps.clock()),
    questionnaireId: entry?.questionnaire.id ?? null, questionnaireRevision: entry?.revision ?? null, questionnaireTitle: entry?.questionnaire.title.da ?? null,
    opensAt: round.opensAt?.toISOString() ?? null, closesAt: round.closesAt?.toISOString() ?? null, opensAtLocal: toCopenhagenInput(round.opensAt), closesAtLocal: toCopenhagenInput(round.closesAt),
    reminderDays: reminderDaysOf(round), recurrenceCron: round.recurrenceCron, parentRoundId: round.parentRoundId, inviteFilter: inviteFilterOf(round),
    periodLabel: round.periodLabelDa || round.periodLabelEn ? { da: round.periodLabelDa, en: round.periodLabelEn } : null,
    period: { da: roundPeriodText(round, 'da'), en: roundPeriodText(round, 'en') },
    openLinkUrl: forAdmin && round.openLinkNonce ? openLinkUrl(deps.config.publicUrl, deriveLinkToken(deps.secretKey, 'open-link', round.openLinkNonce)) : null,
  };
}

/** The message after a round action's redirect (`?done=<outcome>`); anything else shows none. */
const doneMessages: Record<ControlOutcome, Flash> = {
  opened: { tone: 'success', text: 'Runden er åbnet, og invitationerne er lagt i udbakken.' },
  already_open: { tone: 'info', text: 'Runden var allerede åben; intet er ændret.' },
  closed: { tone: 'success', text: 'Runden er lukket. Der kan ikke længere svares.' },
  already_closed: { tone: 'info', text: 'Runden var allerede lukket; intet er ændret.' },
  extended: { tone: 'success', text: 'Lukketiden er flyttet.' },
  unchanged: { tone: 'info', text: 'Runden lukkede allerede på det tidspunkt; intet er ændret.' },
  reminded: { tone: 'success', text: 'Påmindelser er lagt i udbakken til dem, der ikke har svaret.' },
  nobody_to_remind: { tone: 'info', text: 'Ingen påmindelser sendt: alle har svaret, eller har fået en mail inden for det seneste kvarter.' },
  resent: { tone: 'success', text: 'Invitationen er lagt i udbakken igen.' },
  recently_sent: { tone: 'info', text: 'Invitationen blev sendt inden for det seneste kvarter; den sendes ikke igen endnu.' },
};

export function flashOf(done: unknown): Flash | undefined {
  return typeof done === 'string' && Object.hasOwn(doneMessages, done) ? doneMessages[done as ControlOutcome] : undefined;
}

/** The round's page: facts, the admin's actions and the response monitor. */
export async function renderRoundPage(deps: ServiceDeps, req: Request, res: Response, status: number, flash?: Flash, extend?: { value: string; error?: string }): Promise<void> {
  const project = await new ProjectService(deps.dataSource, deps.clock).get(Number(req.params.projectId));
  const round = await new RoundService(deps.dataSource, deps.catalog, deps.secretKey, deps.clock).get(project.id, Number(req.params.roundId));
  const projectRow = await deps.dataSource.getRepository(Project).findOneByOrFail({ id: project.id });
  const monitor = monitorForReader((await roundMonitor(deps.dataSource, [round.id])).get(round.id)!, projectRow, req.user!);
  const shown = publicRoundOf(deps, round, req.user!.role === 'admin');
  const comparability = req.user!.role === 'admin' ? await roundComparability(deps.dataSource, deps.catalog, round) : undefined;
  res.status(status).render('admin/rounds/show', {
    title: `${round.label} – ${project.name}`, nav: 'projects', project, round: shown, monitor, flash, comparability, extendValue: extend?.value ?? shown.closesAtLocal, extendError: extend?.error,
    breadcrumbs: [{ href: '/admin/projects', label: 'Projekter' }, { href: `/admin/projects/${project.id}`, label: project.name }, { href: `/admin/projects/${project.id}/rounds`, label: 'Runder' }],
  });
}
