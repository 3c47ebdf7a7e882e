import type { ComparisonResponse, ComparisonService } from '../comparison/comparisonService.js';
import type { SegmentFilter } from '../comparison/segmentFilter.js';
import { assertSegmentCannotBeDifferenced } from '../comparison/segmentGuard.js';
import { knownSegmentFilter } from '../comparison/segmentValues.js';
import type { Round } from '../db/entities/index.js';
import { assertFilterVisible, type RespondentAttribute } from '../projects/reportableAttributes.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';

export const FILTERS = ['municipality', 'team', 'group', 'role'] as const;

const list = (value: unknown): string[] | undefined => {
  const items = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).filter(Boolean);
  return items.length ? items : undefined;
};

export type Selection = ReturnType<typeof readSelection>;

/** The rounds, population and filters a dashboard query asks for (the first two rounds by default). */
export function readSelection(q: Record<string, unknown>, rounds: Round[]) {
  const baseline = Number(q.baseline ?? rounds[0]?.id);
  const followUp = Number(q.followup ?? rounds[1]?.id);
  const filter = Object.fromEntries(FILTERS.map((attribute) => [attribute, list(q[attribute])])) as Record<(typeof FILTERS)[number], string[] | undefined>;
  const selection = { baseline, followUp, paired: q.paired !== 'false', excludeDontKnow: q.excludeDontKnow === 'true', ...filter, sort: q.sort === 'change' ? 'change' : 'questionnaire' };
  return { baseline, followUp, filter, selection };
}

/**
 * The comparison a reader may see for a selection, under every rule the dashboard applies: filters
 * only on visible attributes, the differencing guard, and the intervention-vs-control comparison
 * only for a reader who sees groups and where the guard allows it. The dashboard, the report and
 * the figures workbook all take their numbers from here.
 */
export async function readerComparison(
  deps: Pick<ServiceDeps, 'dataSource'>, comparisons: ComparisonService,
  project: { id: number; anonymityK: number }, visible: Set<RespondentAttribute>, user: { role: string }, read: Selection,
): Promise<{ comparison: ComparisonResponse; filter: SegmentFilter }> {
  assertFilterVisible(read.filter, visible);
  const filter = await knownSegmentFilter(deps.dataSource, project.id, read.filter);
  const request = { projectId: project.id, baselineRoundId: read.baseline, followUpRoundId: read.followUp, paired: read.selection.paired, filter };
  // The guard and the comparison at once; nothing is shown unless the guard allows it (a refused view's comparison only
  // waits in the cache).
  const [shown, compared] = await Promise.all([
    assertSegmentCannotBeDifferenced(deps.dataSource, { ...request, anonymityK: project.anonymityK }, visible, user),
    comparisons.compare({ ...request, excludeDontKnow: read.selection.excludeDontKnow }),
  ]);
  return { comparison: visible.has('group') && shown.differenceInDifferences ? compared : { ...compared, differenceInDifferences: null }, filter };
}
