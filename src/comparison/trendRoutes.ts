import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { requireProjectAccess } from '../auth/authorize.js';
import { Project } from '../db/entities/index.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { assertFilterVisible, visibleAttributes } from '../projects/reportableAttributes.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { comparisonQuerySchema } from './routes.js';
import { assertViewsCannotBeDifferenced } from './segmentGuard.js';
import { knownSegmentFilter } from './segmentValues.js';
import { trendRoundsOf, TrendService, withoutGroupLines, type TrendResponse } from './trendService.js';

const { municipality, team, group, role, excludeDontKnow } = comparisonQuerySchema.properties;

export const trendQuerySchema = {
  $id: 'https://pejling.dk/schemas/trend-query.json',
  type: 'object',
  additionalProperties: false,
  required: ['rounds'],
  properties: {
    rounds: { type: 'string', pattern: '^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){1,7}$', description: 'Two to eight round ids, comma-separated (e.g. 1,2,3); shown in ascending order' },
    paired: { enum: ['true', 'false'], description: 'Only people who answered every chosen round (default true); the tests across rounds need it' },
    excludeDontKnow, municipality, team, group, role,
  },
} as const;

const list = (value: unknown): string[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value.map(String) : [String(value)]);

export interface TrendQuery {
  projectId: number;
  query: Record<string, unknown>;
  user: { role: string };
}

/**
 * A trend as a caller may see it, under the comparison's anonymity rules: filter values exact and
 * visible to the caller, each view checked against differencing (the people who answered every
 * chosen round when paired, else everyone of each chosen round), per-cell k in the analysis, and
 * intervention and control lines only for callers who see groups and when those cells are safe too.
 */
export async function trendFor(dataSource: DataSource, service: TrendService, request: TrendQuery): Promise<TrendResponse> {
  const q = request.query;
  const requested = { municipality: list(q.municipality), team: list(q.team), group: list(q.group), role: list(q.role) };
  const project = await dataSource.getRepository(Project).findOneByOrFail({ id: request.projectId });
  const rounds = (await trendRoundsOf(dataSource, project.id, String(q.rounds).split(',').map(Number))).map((r) => r.id);
  const visible = visibleAttributes(project, request.user);
  assertFilterVisible(requested, visible);
  const filter = await knownSegmentFilter(dataSource, project.id, requested);
  const paired = q.paired !== 'false';
  const views = paired ? [{ filter, rounds: new Set(rounds) }] : rounds.map((round) => ({ filter, rounds: new Set([round]) }));
  // Guard and trend at once (the database answers one while this process computes the other); nothing is returned unless the guard allows it.
  const [shown, trend] = await Promise.all([
    assertViewsCannotBeDifferenced(dataSource, { projectId: project.id, anonymityK: project.anonymityK, views }, visible, request.user),
    service.trend({ projectId: project.id, roundIds: rounds, paired, excludeDontKnow: q.excludeDontKnow === 'true', filter }),
  ]);
  return visible.has('group') && shown.groupCells ? trend : withoutGroupLines(trend);
}

/** GET /api/projects/:projectId/trend: shares and means over two or more rounds, with tests across them. */
export function trendRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const service = new TrendService(deps.dataSource, deps.catalog, deps.config.comparisonCacheEntries);
  router.get('/api/projects/:projectId/trend', requireProjectAccess(deps.dataSource), validateRequest({ params: projectParamsSchema, query: trendQuerySchema }), async (req, res) => {
    const trend = await trendFor(deps.dataSource, service, { projectId: Number(req.params.projectId), query: req.query as Record<string, unknown>, user: req.user! });
    res.set('Cache-Control', 'no-store').json(trend);
  });
  return router;
}
