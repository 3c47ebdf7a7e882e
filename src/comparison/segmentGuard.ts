import type { DataSource } from 'typeorm';
import { differencingRisk, requestableRoundSets, type DifferencingRisk, type View } from '../analysis/segmentDifferencing.js';
import { ProjectGroup, Round } from '../db/entities/index.js';
import type { RespondentAttribute } from '../projects/reportableAttributes.js';
import { BadRequestError } from '../shared/errors.js';
import { projectParticipation } from './participationCache.js';
import type { SegmentFilter } from './segmentFilter.js';

export interface SegmentRequest {
  projectId: number;
  anonymityK: number;
  baselineRoundId: number;
  followUpRoundId: number;
  paired: boolean;
  filter: SegmentFilter;
}

/** The views a comparison shows: the pairs of its two rounds, or everyone of each round. */
function viewsOf(request: Pick<SegmentRequest, 'baselineRoundId' | 'followUpRoundId' | 'paired' | 'filter'>): View[] {
  return request.paired
    ? [{ filter: request.filter, rounds: new Set([request.baselineRoundId, request.followUpRoundId]) }]
    : [{ filter: request.filter, rounds: new Set([request.baselineRoundId]) }, { filter: request.filter, rounds: new Set([request.followUpRoundId]) }];
}

/** The rounds some people did not all answer: "R3", "både R2 og R3", "alle af R2, R3 og R4". */
function missingRounds(labels: string[]): string {
  if (labels.length === 1) return labels[0]!;
  const listed = `${labels.slice(0, -1).join(', ')} og ${labels.at(-1)!}`;
  return labels.length === 2 ? `både ${listed}` : `alle af ${listed}`;
}

/** A reason a lead can act on: who would be revealed, and what to choose instead. */
function refusal(risk: DifferencingRisk, view: View, labelOf: (round: number) => string, k: number): BadRequestError {
  const missing = [...view.rounds].filter((r) => !risk.largerRounds.includes(r)).map(labelOf);
  const larger = risk.largerRounds.length === 1 ? `alle besvarelser i ${labelOf(risk.round)}`
    : risk.largerRounds.length === 2 ? `parrene ${risk.largerRounds.map(labelOf).join('–')}`
      : `dem, der svarede i alle runderne ${risk.largerRounds.map(labelOf).join(', ')}`;
  const reason = risk.sameSegment && missing.length
    ? `${risk.leftOver} af udsnittets personer svarede i ${labelOf(risk.round)} men ikke i ${missingRounds(missing)}, og deres svar kunne findes ved at trække dette udsnit fra ${larger}. Vælg "alle besvarelser" eller et større udsnit.`
    : `et andet udsnit, som også kan vælges, har kun ${risk.leftOver} personer mere i ${labelOf(risk.round)}, og deres svar kunne findes ved at trække de to fra hinanden. Vælg et større udsnit (flere enheder eller færre filtre) eller alle besvarelser.`;
  return new BadRequestError(
    `Udsnittet kan ikke vises, fordi det ville afsløre svar fra færre end ${k} personer: ${reason} (This view could be subtracted from another view to reveal the answers of ${risk.leftOver} people, fewer than ${k}.)`,
    [{ field: 'query', message: 'view could be differenced below the anonymity threshold' }],
    'segment_differencing',
  );
}

/**
 * The intervention and control cells of the difference in differences inside each view: people of
 * the view in the groups of one kind. They are views a lead who sees groups may request too.
 */
function groupCells(views: View[], groups: ProjectGroup[]): View[] {
  return (['intervention', 'control'] as const).flatMap((kind) => {
    const names = groups.filter((g) => g.kind === kind).map((g) => g.name);
    return views.flatMap((view) => {
      const inCell = view.filter.group?.length ? view.filter.group.filter((name) => names.includes(name)) : names;
      return inCell.length ? [{ filter: { ...view.filter, group: inCell }, rounds: view.rounds }] : [];
    });
  });
}

/**
 * Refuse a comparison whose answers could be subtracted from another view the same caller may
 * request, leaving fewer than k people: a municipality minus its one large team, pairs R1–R2 minus
 * pairs R1–R3 (who skipped R3), everyone minus pairs only. Every round of the project counts, open
 * or closed, whatever the request's rounds. Runs before the analysis, for the API, the dashboard
 * and the report alike; `filterable` is what the caller may filter on. Admins are not limited:
 * they see the registry and every record in the exports anyway.
 *
 * Returns whether the difference in differences may be shown: its intervention and control cells
 * are views as well, and when one of them could be differenced the estimate is left out (the
 * comparison itself stays, as when a cell holds fewer than k).
 */
export async function assertSegmentCannotBeDifferenced(dataSource: DataSource, request: SegmentRequest, filterable: Set<RespondentAttribute>, user: { role: string }): Promise<{ differenceInDifferences: boolean }> {
  const guarded = await assertViewsCannotBeDifferenced(dataSource, { projectId: request.projectId, anonymityK: request.anonymityK, views: viewsOf(request) }, filterable, user);
  return { differenceInDifferences: guarded.groupCells };
}

/**
 * The same guard for any views (a filter and the rounds its people answered, shown in each of
 * them): a trend's people who answered every chosen round, or everyone of each chosen round.
 * Returns whether the views' intervention and control cells are safe to show as well.
 */
export async function assertViewsCannotBeDifferenced(dataSource: DataSource, request: { projectId: number; anonymityK: number; views: View[] }, filterable: Set<RespondentAttribute>, user: { role: string }): Promise<{ groupCells: boolean }> {
  if (user.role === 'admin') return { groupCells: true };
  const rounds = await dataSource.getRepository(Round).find({ where: { projectId: request.projectId }, select: { id: true, label: true }, order: { id: 'ASC' } });
  const roundIds = rounds.map((r) => r.id);
  const participation = await projectParticipation(dataSource, request.projectId, roundIds);
  const requestable = requestableRoundSets(roundIds);
  const labelOf = (id: number) => rounds.find((r) => r.id === id)?.label ?? String(id);
  for (const view of request.views) {
    const risk = differencingRisk(participation, view, requestable, [...filterable], request.anonymityK);
    if (risk) throw refusal(risk, view, labelOf, request.anonymityK);
  }
  if (!filterable.has('group')) return { groupCells: false };
  const groups = await dataSource.getRepository(ProjectGroup).find({ where: { projectId: request.projectId } });
  return { groupCells: groupCells(request.views, groups).every((cell) => differencingRisk(participation, cell, requestable, [...filterable], request.anonymityK) === null) };
}
