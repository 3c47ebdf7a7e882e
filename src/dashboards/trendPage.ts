import { Router } from 'express';
import { MAX_ROUNDS_FOR_TREND } from '../analysis/segmentDifferencing.js';
import { requireProjectAccess } from '../auth/authorize.js';
import { trendFor } from '../comparison/trendRoutes.js';
import { TrendService } from '../comparison/trendService.js';
import { Project, Round } from '../db/entities/index.js';
import { ProjectService } from '../projects/projectService.js';
import { visibleAttributes } from '../projects/reportableAttributes.js';
import { AppError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { filterOptions } from './filterOptions.js';
import { buildTrendView } from './trendView.js';

const values = { oneOf: [{ type: 'string', maxLength: 100 }, { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 100 }] } as const;
const roundIds = { oneOf: [{ type: 'string', pattern: '^[0-9,]{0,100}$' }, { type: 'array', items: { type: 'string', pattern: '^[0-9]{1,10}$' }, maxItems: 50 }] } as const;
export const trendPageQuerySchema = {
  $id: 'https://pejling.dk/schemas/trend-page-query.json',
  type: 'object',
  additionalProperties: false,
  properties: { rounds: roundIds, paired: { enum: ['true', 'false'] }, excludeDontKnow: { enum: ['true', 'false'] }, municipality: values, team: values, group: values, role: values },
} as const;

const FILTERS = ['municipality', 'team', 'group', 'role'] as const;
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).filter(Boolean);

/**
 * GET /projects/:projectId/trend: the development over the rounds a lead ticks, a chart and a
 * table per statement and measure (drawn by public/js/dashboard/trend.js from the trend API, the
 * payload the tables are rendered from). A plain GET form, so it works without JavaScript.
 */
export function trendPageRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const service = new TrendService(deps.dataSource, deps.catalog, deps.config.comparisonCacheEntries);
  const projects = new ProjectService(deps.dataSource, deps.clock);
  router.get('/projects/:projectId/trend', requireProjectAccess(deps.dataSource), validateRequest({ query: trendPageQuerySchema }), async (req, res) => {
    const project = await deps.dataSource.getRepository(Project).findOneByOrFail({ id: Number(req.params.projectId) });
    const q = req.query as Record<string, unknown>;
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: project.id }, order: { id: 'ASC' } });
    const asked = list(q.rounds).flatMap((value) => value.split(',')).filter(Boolean).map(Number);
    // By default every round; in a project of more rounds than a trend may span, the last two.
    const chosen = asked.length ? asked : (rounds.length > MAX_ROUNDS_FOR_TREND ? rounds.slice(-2) : rounds).map((r) => r.id);
    const paired = q.paired !== 'false';
    const excludeDontKnow = q.excludeDontKnow === 'true';
    const visible = visibleAttributes(project, req.user!);
    const filter = Object.fromEntries(FILTERS.map((attribute) => [attribute, list(q[attribute])]).filter(([, v]) => v!.length)) as Record<string, string[]>;
    const query = new URLSearchParams({ rounds: chosen.join(','), paired: String(paired), excludeDontKnow: String(excludeDontKnow) });
    for (const [attribute, valuesOf] of Object.entries(filter)) for (const value of valuesOf) query.append(attribute, value);
    const common = {
      lang: 'da', title: `Udvikling over flere runder – ${project.name}`, nav: 'projects', project,
      rounds: rounds.map((r) => ({ id: r.id, label: r.label, chosen: chosen.includes(r.id) })), paired, excludeDontKnow, filter,
      filterOptions: await filterOptions(deps.dataSource, await projects.get(project.id), visible), apiUrl: `/api/projects/${project.id}/trend?${query.toString()}`,
    };
    if (rounds.length < 2) return res.render('dashboards/trend', { ...common, message: 'Projektet har brug for mindst to runder, før en udvikling kan vises.' });
    try {
      const trend = await trendFor(deps.dataSource, service, { projectId: project.id, query: { ...filter, rounds: chosen.join(','), paired: String(paired), excludeDontKnow: String(excludeDontKnow) }, user: req.user! });
      const lastRound = rounds.find((r) => r.id === trend.rounds.at(-1)!.roundId)!;
      const view = buildTrendView(trend, deps.catalog.byVersion(lastRound.questionnaireVersionId)!.questionnaire);
      return res.render('dashboards/trend', { ...common, trend, view });
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return res.status(error.status).render('dashboards/trend', { ...common, message: error.message });
      throw error;
    }
  });
  return router;
}
