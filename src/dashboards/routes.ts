import { Router, type Request, type Response } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { requireRoundsOfProject } from '../auth/projectScopedIds.js';
import { ComparisonService } from '../comparison/comparisonService.js';
import { isEmptyFilter } from '../comparison/segmentFilter.js';
import { Project, Round } from '../db/entities/index.js';
import { visibleAttributes } from '../projects/reportableAttributes.js';
import { ProjectService } from '../projects/projectService.js';
import { AppError } from '../shared/errors.js';
import type { Language } from '../questionnaires/types.js';
import { dashboardNotice } from './dashboardNotice.js';
import { pickLanguage } from '../shared/i18n.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { chartScales } from './chartScales.js';
import { chartText } from './chartText.js';
import { buildDashboardView } from './dashboardView.js';
import { filterOptions } from './filterOptions.js';
import { FILTERS, readerComparison, readSelection } from './readerComparison.js';
import { reportCover, reportPageCss, type ReportSelection } from './reportCover.js';
import { questionnaireDifferences } from './questionnaireDifferences.js';
import { segmentOverview } from './segmentOverview.js';

const values = { oneOf: [{ type: 'string', maxLength: 100 }, { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 100 }] } as const;
export const dashboardQuerySchema = {
  $id: 'https://pejling.dk/schemas/dashboard-query.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    baseline: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' }, followup: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' },
    paired: { enum: ['true', 'false'] }, excludeDontKnow: { enum: ['true', 'false'] }, lang: { enum: ['da', 'en'] }, sort: { enum: ['questionnaire', 'change'] },
    municipality: values, team: values, group: values, role: values,
  },
} as const;

/** The report's cover for a selection; N only once the comparison has been computed. */
function coverOf(project: ReportSelection['project'], rounds: Round[], read: ReturnType<typeof readSelection>, language: Language, madeAt: Date, n?: ReportSelection['n']) {
  const round = (id: number) => rounds.find((r) => r.id === id) ?? { label: '?', opensAt: null, closesAt: null };
  return reportCover({ project, baseline: round(read.baseline), followUp: round(read.followUp), paired: read.selection.paired, excludeDontKnow: read.selection.excludeDontKnow, filter: read.filter, n, madeAt }, language);
}

/**
 * The project lead's dashboard and its printable report: the same content, two layouts. The
 * dashboard's scripts fetch `…/dashboard/content` (the same content without the page around it)
 * when a filter changes, so the page redraws without a reload.
 */
export function dashboardRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const comparisons = new ComparisonService(deps.dataSource, deps.catalog, deps.config.comparisonCacheEntries);
  const projects = new ProjectService(deps.dataSource, deps.clock);

  async function render(req: Request, res: Response, layout: 'dashboard' | 'report' | 'content') {
    const project = await projects.get(Number(req.params.projectId));
    const q = req.query as Record<string, unknown>;
    const language = pickLanguage(q.lang, project.defaultLanguage);
    const visible = visibleAttributes(await deps.dataSource.getRepository(Project).findOneByOrFail({ id: project.id }), req.user!);
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: project.id }, order: { opensAt: 'ASC', id: 'ASC' } });
    const read = readSelection(q, rounds);
    const { baseline, followUp, filter: requested, selection } = read;
    const query = new URLSearchParams({ baseline: String(baseline), followup: String(followUp), paired: String(selection.paired), excludeDontKnow: String(selection.excludeDontKnow) });
    for (const attribute of FILTERS) for (const value of requested[attribute] ?? []) query.append(attribute, value);
    const common = {
      lang: language, title: `${layout === 'report' ? 'Rapport' : 'Resultater'} – ${project.name}`, nav: 'projects', project, rounds: rounds.map((r) => ({ id: r.id, label: r.label })), selection,
      apiUrl: `/api/projects/${project.id}/comparison?${query.toString()}`, reportUrl: `/projects/${project.id}/report?${query.toString()}&sort=${selection.sort}&lang=${language}`,
      layout, visible: [...visible], filterOptions: await filterOptions(deps.dataSource, project, visible), words: chartText[language],
      pageCssUrl: `/projects/${project.id}/report/page.css?${query.toString()}&lang=${language}`,
      dashboardUrl: `/projects/${project.id}/dashboard?${query.toString()}&sort=${selection.sort}&lang=${language}`,
    };
    if (rounds.length < 2) return res.render(`dashboards/${layout}`, { ...common, message: language === 'da' ? 'Projektet har brug for mindst to runder, før de kan sammenlignes.' : 'The project needs at least two rounds to compare.' });
    try {
      // The reader's comparison and, for the whole project, its overview at once: the database answers one while this
      // process computes the other.
      const [{ comparison, filter }, projectOverview] = await Promise.all([
        readerComparison(deps, comparisons, project, visible, req.user!, read),
        isEmptyFilter(requested) ? segmentOverview(deps.dataSource, { roundIds: [baseline, followUp], filter: requested, k: project.anonymityK, submitted: [0, 0] }) : undefined,
      ]);
      const followRound = rounds.find((r) => r.id === followUp)!;
      const questionnaire = deps.catalog.byVersion(followRound.questionnaireVersionId)!.questionnaire;
      const view = buildDashboardView(comparison, questionnaire, language, selection.sort === 'change');
      const overview = projectOverview ?? await segmentOverview(deps.dataSource, { roundIds: [baseline, followUp], filter, k: project.anonymityK, submitted: [comparison.n.baseline, comparison.n.followUp] });
      return res.render(`dashboards/${layout}`, {
        ...common, view, differences: questionnaireDifferences(deps.catalog, rounds.find((r) => r.id === baseline)!, followRound, language, req.user!.role === 'admin'), scales: chartScales(questionnaire, language), cover: layout === 'report' ? coverOf(project, rounds, read, language, deps.clock(), comparison.n) : undefined,
        overview: overview.map((row) => ({ ...row, label: rounds.find((r) => r.id === row.roundId)!.label })),
      });
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return res.status(error.status).render(`dashboards/${layout}`, { ...common, message: dashboardNotice(error.message, language) });
      throw error;
    }
  }

  const access = [requireProjectAccess(deps.dataSource), validateRequest({ query: dashboardQuerySchema }), requireRoundsOfProject(deps.dataSource, ['baseline', 'followup'])];
  router.get('/projects/:projectId/dashboard', ...access, (req, res) => render(req, res, 'dashboard'));
  router.get('/projects/:projectId/dashboard/content', ...access, (req, res) => render(req, res, 'content'));
  router.get('/projects/:projectId/report', ...access, (req, res) => render(req, res, 'report'));
  router.get('/projects/:projectId/report/page.css', ...access, async (req, res) => {
    const project = await projects.get(Number(req.params.projectId));
    const q = req.query as Record<string, unknown>;
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: project.id }, order: { opensAt: 'ASC', id: 'ASC' } });
    const cover = coverOf(project, rounds, readSelection(q, rounds), pickLanguage(q.lang, project.defaultLanguage), deps.clock());
    res.type('text/css').set('cache-control', 'private, no-store').send(reportPageCss(cover));
  });
  return router;
}
