import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { MAX_ROUNDS_FOR_TREND } from '../analysis/segmentDifferencing.js';
import { readsValuesOf, type RoundData } from '../analysis/compareRounds.js';
import { trendOfRounds, type Trend } from '../analysis/trendAnalysis.js';
import { roundNotFound } from '../auth/projectScopedIds.js';
import { Project, ProjectGroup, Round } from '../db/entities/index.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import { BadRequestError, NotFoundError } from '../shared/errors.js';
import { comparisonCacheFor, type ComparisonCache } from './comparisonCache.js';
import { ComparisonRepository, responsesFingerprint } from './comparisonRepository.js';
import { analysisFingerprint, filterKey } from './dataFingerprint.js';
import { isEmptyFilter, type SegmentFilter } from './segmentFilter.js';

export interface TrendRequest {
  projectId: number;
  /** Round ids, each once; shown in ascending order. */
  roundIds: number[];
  paired: boolean;
  excludeDontKnow: boolean;
  filter: SegmentFilter;
}

export interface TrendResponse extends Trend {
  project: { id: number; name: string; anonymityK: number };
  rounds: { roundId: number; label: string; questionnaireId: string }[];
  paired: boolean;
  excludeDontKnow: boolean;
  filter: SegmentFilter;
}

/** The rounds of a trend request, checked to be two or more distinct rounds of the project, in ascending order. */
export async function trendRoundsOf(dataSource: DataSource, projectId: number, roundIds: number[]): Promise<Round[]> {
  const unique = [...new Set(roundIds)].sort((a, b) => a - b);
  if (unique.length !== roundIds.length) throw new BadRequestError('Vælg hver runde højst én gang. (Each round may be chosen once.)', [{ field: 'query.rounds', message: 'a round is named twice' }]);
  if (unique.length < 2) throw new BadRequestError('Vælg mindst to runder. (Choose at least two rounds.)', [{ field: 'query.rounds', message: 'needs at least two rounds' }]);
  const rounds = await dataSource.getRepository(Round).find({ where: { id: In(unique), projectId }, order: { id: 'ASC' } });
  // A round of another project is answered like a missing one, so ids cannot be probed.
  if (rounds.length !== unique.length) throw roundNotFound();
  // The differencing guard counts three or more rounds as a view only in projects this small (see requestableRoundSets).
  if (unique.length > 2 && (await dataSource.getRepository(Round).countBy({ projectId })) > MAX_ROUNDS_FOR_TREND) {
    throw new BadRequestError(`Udviklingen over mere end to runder kan kun vises i projekter med højst ${MAX_ROUNDS_FOR_TREND} runder. Vælg to runder. (A trend over three or more rounds needs a project of at most ${MAX_ROUNDS_FOR_TREND} rounds.)`, [{ field: 'query.rounds', message: 'too many rounds in the project for a trend over three or more' }], 'trend_too_many_rounds');
  }
  return rounds;
}

/** Everything that selects a trend, with filter values in a fixed order so equal requests share a key. */
function cacheKey(projectId: number, rounds: Round[], request: TrendRequest): string {
  return JSON.stringify(['trend', projectId, rounds.map((round) => round.id), request.paired, request.excludeDontKnow, filterKey(request.filter)]);
}

/**
 * The development of a project's answers over two or more rounds (see trendOfRounds), kept like
 * comparisons (comparisonCache.ts): reused while the data fingerprint of its rounds is unchanged.
 */
export class TrendService {
  private readonly repository: ComparisonRepository;
  private readonly cache: ComparisonCache<TrendResponse>;

  constructor(private readonly dataSource: DataSource, private readonly catalog: QuestionnaireCatalog, cacheEntries: number) {
    this.repository = new ComparisonRepository(dataSource, catalog);
    this.cache = comparisonCacheFor(dataSource, 'trend', cacheEntries);
  }

  async trend(request: TrendRequest): Promise<TrendResponse> {
    const project = await this.dataSource.getRepository(Project).findOne({ where: { id: request.projectId } });
    if (!project) throw new NotFoundError('No such project.', 'project_not_found');
    const rounds = await trendRoundsOf(this.dataSource, project.id, request.roundIds);
    const [hasRespondents, groups, responses] = await Promise.all([
      isEmptyFilter(request.filter) || this.repository.projectHasRespondents(project.id, request.filter),
      this.dataSource.getRepository(ProjectGroup).find({ where: { projectId: project.id } }),
      responsesFingerprint(this.dataSource, rounds.map((round) => round.id)),
    ]);
    if (!hasRespondents) {
      throw new BadRequestError('No caseworker in this project matches the filters.', [{ field: 'query', message: 'no caseworker matches the filters' }], 'empty_segment');
    }
    const key = cacheKey(project.id, rounds, request);
    const fingerprint = analysisFingerprint(project, rounds, groups, responses);
    const cached = this.cache.get(key, fingerprint);
    if (cached) return { ...cached, filter: request.filter };
    const computed = await this.computeTrend(request, project, rounds, groups);
    this.cache.set(key, fingerprint, computed);
    return computed;
  }

  private async computeTrend(request: TrendRequest, project: Project, rounds: Round[], groups: ProjectGroup[]): Promise<TrendResponse> {
    const load = async (round: Round): Promise<RoundData> => {
      const questionnaire = this.catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
      return { questionnaire, ...(await this.repository.roundAnswers(round.id, request.filter, questionnaire, readsValuesOf(questionnaire))) };
    };
    const data = await Promise.all(rounds.map(load));
    const trend = trendOfRounds({
      rounds: data, paired: request.paired,
      groups: { intervention: groups.filter((g) => g.kind === 'intervention').map((g) => g.name), control: groups.filter((g) => g.kind === 'control').map((g) => g.name) },
      options: { k: project.anonymityK, excludeDontKnow: request.excludeDontKnow },
    });
    return {
      project: { id: project.id, name: project.name, anonymityK: project.anonymityK },
      rounds: rounds.map((round, i) => ({ roundId: round.id, label: round.label, questionnaireId: data[i]!.questionnaire.id })),
      paired: request.paired, excludeDontKnow: request.excludeDontKnow, filter: request.filter,
      ...trend,
    };
  }
}

/** The trend without its intervention and control lines, for a caller who may not see them. */
export function withoutGroupLines(trend: TrendResponse): TrendResponse {
  const everyone = <T extends { lines: { group: string }[] }>(chart: T): T => ({ ...chart, lines: chart.lines.filter((line) => line.group === 'all') });
  return { ...trend, statements: trend.statements.map(everyone), measures: trend.measures.map(everyone) };
}
