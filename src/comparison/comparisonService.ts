import type { DataSource } from 'typeorm';
import { roundNotFound } from '../auth/projectScopedIds.js';
import { compareRounds, readsValuesOf, type Comparison, type RoundData } from '../analysis/compareRounds.js';
import type { QuestionnaireCatalog } from '../questionnaires/questionnaireCatalog.js';
import type { Questionnaire } from '../questionnaires/types.js';
import { Project, ProjectGroup, Round } from '../db/entities/index.js';
import { BadRequestError, NotFoundError } from '../shared/errors.js';
import { comparisonCacheFor, type ComparisonCache } from './comparisonCache.js';
import { ComparisonRepository, responsesFingerprint } from './comparisonRepository.js';
import { analysisFingerprint, filterKey } from './dataFingerprint.js';
import { isEmptyFilter, type SegmentFilter } from './segmentFilter.js';

export interface ComparisonRequest {
  projectId: number;
  baselineRoundId: number;
  followUpRoundId: number;
  paired: boolean;
  excludeDontKnow: boolean;
  filter: SegmentFilter;
}

export interface ComparisonResponse extends Comparison {
  project: { id: number; name: string; anonymityK: number };
  baseline: { roundId: number; label: string; questionnaireId: string };
  followUp: { roundId: number; label: string; questionnaireId: string };
  paired: boolean;
  excludeDontKnow: boolean;
  filter: SegmentFilter;
}


/** Everything that selects a comparison, with filter values in a fixed order so equal requests share a key. */
function cacheKey(request: ComparisonRequest): string {
  return JSON.stringify([request.projectId, request.baselineRoundId, request.followUpRoundId, request.paired, request.excludeDontKnow, filterKey(request.filter)]);
}

export class ComparisonService {
  private readonly repository: ComparisonRepository;
  private readonly cache: ComparisonCache<ComparisonResponse>;

  constructor(private readonly dataSource: DataSource, private readonly catalog: QuestionnaireCatalog, cacheEntries: number) {
    this.repository = new ComparisonRepository(dataSource, catalog);
    this.cache = comparisonCacheFor(dataSource, 'comparison', cacheEntries);
  }

  async compare(request: ComparisonRequest): Promise<ComparisonResponse> {
    if (request.baselineRoundId === request.followUpRoundId) throw new BadRequestError('Vælg to forskellige runder at sammenligne. (baseline and followup must be two different rounds.)', [{ field: 'query.followup', message: 'is the same round as baseline' }]);
    const project = await this.dataSource.getRepository(Project).findOne({ where: { id: request.projectId } });
    if (!project) throw new NotFoundError('No such project.', 'project_not_found');
    const rounds = await Promise.all([request.baselineRoundId, request.followUpRoundId].map((id) => this.dataSource.getRepository(Round).findOne({ where: { id } })));
    const [baselineRound, followUpRound] = rounds;
    // A round of another project is answered like a missing one, so ids cannot be probed.
    if (!baselineRound || !followUpRound || baselineRound.projectId !== project.id || followUpRound.projectId !== project.id) throw roundNotFound();
    const [hasRespondents, groups, responses] = await Promise.all([
      isEmptyFilter(request.filter) || this.repository.projectHasRespondents(project.id, request.filter),
      this.dataSource.getRepository(ProjectGroup).find({ where: { projectId: project.id }, order: { name: 'ASC' } }),
      responsesFingerprint(this.dataSource, [baselineRound.id, followUpRound.id]),
    ]);
    if (!hasRespondents) {
      throw new BadRequestError('Ingen sagsbehandlere i projektet passer til de valgte filtre. (No caseworker in this project matches the filters.)', [{ field: 'query', message: 'no caseworker matches the filters' }], 'empty_segment');
    }
    const key = cacheKey(request);
    const fingerprint = analysisFingerprint(project, [baselineRound, followUpRound], groups, responses);
    const cached = this.cache.get(key, fingerprint);
    if (cached) return { ...cached, filter: request.filter };
    const computed = await this.computeComparison(request, project, baselineRound, followUpRound, groups);
    this.cache.set(key, fingerprint, computed);
    return computed;
  }

  private questionnaireOf(round: Round): Questionnaire {
    return this.catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
  }

  private async computeComparison(request: ComparisonRequest, project: Project, baselineRound: Round, followUpRound: Round, groups: ProjectGroup[]): Promise<ComparisonResponse> {
    const byKind = { intervention: groups.filter((g) => g.kind === 'intervention').map((g) => g.name), control: groups.filter((g) => g.kind === 'control').map((g) => g.name) };
    // Both rounds are read at once, on two connections: the database reads one while this process decodes the other.
    const load = async (round: Round): Promise<RoundData> => {
      const questionnaire = this.questionnaireOf(round);
      return { questionnaire, ...(await this.repository.roundAnswers(round.id, request.filter, questionnaire, readsValuesOf(questionnaire))) };
    };
    const [baseline, followUp] = await Promise.all([load(baselineRound), load(followUpRound)]);
    const comparison = compareRounds({
      baseline, followUp, paired: request.paired, groups: byKind,
      options: { excludeDontKnow: request.excludeDontKnow, k: project.anonymityK },
    });
    return {
      project: { id: project.id, name: project.name, anonymityK: project.anonymityK },
      baseline: { roundId: baselineRound.id, label: baselineRound.label, questionnaireId: baseline.questionnaire.id },
      followUp: { roundId: followUpRound.id, label: followUpRound.label, questionnaireId: followUp.questionnaire.id },
      paired: request.paired, excludeDontKnow: request.excludeDontKnow, filter: request.filter,
      ...comparison,
    };
  }
}
