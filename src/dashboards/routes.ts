import { Router, type Request, type Response } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { ComparisonService } from '../comparison/comparisonService.js';
import { assertSegmentCannotBeDifferenced } from '../comparison/segmentGuard.js';
import { Project, Round } from '../db/entities/index.js';
import { assertFilterVisible, visibleAttributes } from '../projects/reportableAttributes.js';
import { ProjectService } from '../projects/projectService.js';
import { roundMonitor } from '../rounds/roundMonitor.js';
import { AppError } from '../shared/errors.js';
import { pickLanguage } from '../shared/i18n.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { buildDashboardView } from './dashboardView.js';

const values = { oneOf: [{ type: 'string', maxLength: 100 }, { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 100 }] } as const;
export const dashboardQuerySchema = {
  $id: 'https://pejling.dk/schemas/dashboard-query.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    baseline: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, followup: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' },
    paired: { enum: ['true', 'false'] }, excludeDontKnow: { enum: ['true', 'false'] }, lang: { enum: ['da', 'en'] }, sort: { enum: ['questionnaire', 'change'] },
    municipality: values, group: values,
  },
} as const;

const list = (value: unknown): string[] | undefined => {
  const items = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).filter(Boolean);
  return items.length ? items : undefined;
};

/** The project lead's dashboard and its printable report: the same content, two layouts. */
export function dashboardRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const comparisons = new ComparisonService(deps.dataSource, deps.catalog, deps.config.comparisonCacheEntries);
  const projects = new ProjectService(deps.dataSource, deps.clock);

  async function render(req: Request, res: Response, layout: 'dashboard' | 'report') {
    const project = await projects.get(Number(req.params.projectId));
    const q = req.query as Record<string, unknown>;
    const language = pickLanguage(q.lang, project.defaultLanguage);
    const visible = visibleAttributes(await deps.dataSource.getRepository(Project).findOneByOrFail({ id: project.id }), req.user!);
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: project.id }, order: { opensAt: 'ASC', id: 'ASC' } });
    const baseline = Number(q.baseline ?? rounds[0]?.id);
    const followUp = Number(q.followup ?? rounds[1]?.id);
    const selection = { baseline, followUp, paired: q.paired !== 'false', excludeDontKnow: q.excludeDontKnow === 'true', municipality: list(q.municipality), group: list(q.group), sort: q.sort === 'change' ? 'change' : 'questionnaire' };
    const query = new URLSearchParams({ baseline: String(baseline), followup: String(followUp), paired: String(selection.paired), excludeDontKnow: String(selection.excludeDontKnow) });
    for (const m of selection.municipality ?? []) query.append('municipality', m);
    for (const g of selection.group ?? []) query.append('group', g);
    const common = {
      lang: language, title: `${layout === 'report' ? 'Rapport' : 'Resultater'} – ${project.name}`, nav: 'projects', project, rounds: rounds.map((r) => ({ id: r.id, label: r.label })), selection,
      apiUrl: `/api/projects/${project.id}/comparison?${query.toString()}`, reportUrl: `/projects/${project.id}/report?${query.toString()}&sort=${selection.sort}&lang=${language}`,
      layout, visible: [...visible],
    };
    if (rounds.length < 2) return res.render(`dashboards/${layout}`, { ...common, message: language === 'da' ? 'Projektet har brug for mindst to runder, før de kan sammenlignes.' : 'The project needs at least two rounds to compare.' });
    try {
      const filter = { municipality: selection.municipality, group: selection.group };
      assertFilterVisible(filter, visible);
      const shown = await assertSegmentCannotBeDifferenced(deps.dataSource, { projectId: project.id, anonymityK: project.anonymityK, baselineRoundId: baseline, followUpRoundId: followUp, paired: selection.paired, filter }, visible, req.user!);
      const compared = await comparisons.compare({ projectId: project.id, baselineRoundId: baseline, followUpRoundId: followUp, paired: selection.paired, excludeDontKnow: selection.excludeDontKnow, filter });
      const comparison = visible.has('group') && shown.differenceInDifferences ? compared : { ...compared, differenceInDifferences: null };
      const followRound = rounds.find((r) => r.id === followUp)!;
      const view = buildDashboardView(comparison, deps.catalog.byVersion(followRound.questionnaireVersionId)!.questionnaire, language, selection.sort === 'change');
      const monitors = await roundMonitor(deps.dataSource, [baseline, followUp]);
      return res.render(`dashboards/${layout}`, { ...common, view, overview: [baseline, followUp].map((id) => ({ label: rounds.find((r) => r.id === id)!.label, ...monitors.get(id)!.total })) });
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return res.status(error.status).render(`dashboards/${layout}`, { ...common, message: error.message });
      throw error;
    }
  }

  const access = [requireProjectAccess(deps.dataSource), validateRequest({ query: dashboardQuerySchema })];
  router.get('/projects/:projectId/dashboard', ...access, (req, res) => render(req, res, 'dashboard'));
  router.get('/projects/:projectId/report', ...access, (req, res) => render(req, res, 'report'));
  return router;
}
