import { Router } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { requireRoundsOfProject } from '../auth/projectScopedIds.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { Project } from '../db/entities/index.js';
import { assertFilterVisible, visibleAttributes } from '../projects/reportableAttributes.js';
import { ComparisonService } from './comparisonService.js';
import { assertSegmentCannotBeDifferenced } from './segmentGuard.js';
import { knownSegmentFilter } from './segmentValues.js';

const values = { oneOf: [{ type: 'string', minLength: 1, maxLength: 100 }, { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 100 }] } as const;

export const comparisonQuerySchema = {
  $id: 'https://pejling.dk/schemas/comparison-query.json',
  type: 'object',
  additionalProperties: false,
  required: ['baseline', 'followup'],
  properties: {
    baseline: { type: 'string', pattern: '^[1-9][0-9]{0,9}$', description: 'Round id of the baseline (e.g. START)' },
    followup: { type: 'string', pattern: '^[1-9][0-9]{0,9}$', description: 'Round id of the follow-up (e.g. END)' },
    paired: { enum: ['true', 'false'], description: 'Only people who answered both rounds (default true)' },
    excludeDontKnow: { enum: ['true', 'false'], description: 'Leave "ved ikke" out of distributions and shares (default false)' },
    municipality: values, team: values, group: values, role: values,
  },
} as const;

const list = (value: unknown): string[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value.map(String) : [String(value)]);

/** GET /api/projects/:projectId/comparison: the before/after analysis of two rounds. */
export function comparisonRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const service = new ComparisonService(deps.dataSource, deps.catalog, deps.config.comparisonCacheEntries);
  router.get('/api/projects/:projectId/comparison', requireProjectAccess(deps.dataSource), validateRequest({ params: projectParamsSchema, query: comparisonQuerySchema }), requireRoundsOfProject(deps.dataSource, ['baseline', 'followup']), async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const requested = { municipality: list(q.municipality), team: list(q.team), group: list(q.group), role: list(q.role) };
    const project = await deps.dataSource.getRepository(Project).findOneByOrFail({ id: Number(req.params.projectId) });
    const visible = visibleAttributes(project, req.user!);
    assertFilterVisible(requested, visible);
    const filter = await knownSegmentFilter(deps.dataSource, project.id, requested);
    const segment = { projectId: project.id, baselineRoundId: Number(q.baseline), followUpRoundId: Number(q.followup), paired: q.paired !== 'false', filter };
    // Guard and comparison at once (the database answers one while this process computes the other); nothing is sent unless the guard allows it.
    const [shown, comparison] = await Promise.all([
      assertSegmentCannotBeDifferenced(deps.dataSource, { ...segment, anonymityK: project.anonymityK }, visible, req.user!),
      service.compare({ ...segment, excludeDontKnow: q.excludeDontKnow === 'true' }),
    ]);
    // Intervention vs control splits by group: not for leads of a project that keeps groups private, nor when a group's cell could be differenced.
    res.set('Cache-Control', 'no-store').json(visible.has('group') && shown.differenceInDifferences ? comparison : { ...comparison, differenceInDifferences: null });
  });
  return router;
}
