import { Router, type Request, type Response } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { requireRoundsOfProject } from '../auth/projectScopedIds.js';
import { ComparisonService } from '../comparison/comparisonService.js';
import { dashboardQuerySchema } from '../dashboards/routes.js';
import { readerComparison, readSelection } from '../dashboards/readerComparison.js';
import { reportCover } from '../dashboards/reportCover.js';
import { segmentOverview } from '../dashboards/segmentOverview.js';
import { Round } from '../db/entities/index.js';
import { visibleAttributes } from '../projects/reportableAttributes.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { ConflictError } from '../shared/errors.js';
import { pickLanguage } from '../shared/i18n.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { codebookEntries, codebookRows } from './codebook.js';
import { assertTwoRounds, pairQuery, roundQuery, type ExportRequests, type ExportRound } from './exportRequest.js';
import { figureTables } from './figureTables.js';
import { pairedTable, wideTable, type RecordTable } from './recordRows.js';
import { XlsxResponseWriter, type XlsxColumn } from './xlsxWriter.js';


/** The codebook sheet's headers: the codebook CSV's columns, in Danish for a reader in Excel. */
const CODEBOOK_COLUMNS: XlsxColumn[] = [
  { header: 'Kolonne', width: 34 }, { header: 'Spørgsmål (id)', width: 28 }, { header: 'Del (id)', width: 20 }, { header: 'Type' },
  { header: 'Tekst (dansk)', width: 60 }, { header: 'Tekst (engelsk)', width: 60 }, { header: 'Kode', format: 'integer' },
  { header: 'Svar (dansk)', width: 24 }, { header: 'Svar (engelsk)', width: 24 }, { header: 'Ved ikke (1 = ja)', format: 'integer' }, { header: 'Runder' },
  { header: 'Ordnet skala (1 = ja)', format: 'integer' },
];

/**
 * The Excel workbooks: wide and paired data (sheet "Data", then the codebook of its columns) and
 * the dashboard's figures (one sheet per section). Streamed, with the CSV exports' access, k and
 * audit rules (src/exports/exportRequest.ts).
 */
export function xlsxRoutes(deps: ServiceDeps, requests: ExportRequests): Router {
  const router = Router();
  const access = [requireProjectAccess(deps.dataSource), validateRequest({ params: projectParamsSchema })];
  const comparisons = new ComparisonService(deps.dataSource, deps.catalog, deps.config.comparisonCacheEntries);

  /** The data sheet first (the tab Excel opens on), then the codebook of its columns. */
  async function sendRecords(res: Response, table: RecordTable, rounds: ExportRound[], filename: string) {
    const workbook = new XlsxResponseWriter(res, filename);
    const data = workbook.sheet('Data', table.header.map((header, i) => ({ header, width: i < table.firstAnswerColumn ? 16 : Math.max(10, header.length + 2) })));
    const columns = new Set(table.columns.map((c) => c.name));
    const entries = codebookEntries(rounds.map((r) => ({ label: r.round.label, columns: r.columns.filter((c) => columns.has(c.name)) })));
    await workbook.table({ name: 'Kodebog', columns: CODEBOOK_COLUMNS, rows: codebookRows(entries) });
    for await (const rows of table.batches) await data.addRows(rows);
    data.commit();
    await workbook.end();
  }

  router.get('/api/projects/:projectId/exports/wide.xlsx', ...access, validateRequest({ query: roundQuery }), async (req, res) => {
    const round = await requests.round(req, req.query.round);
    const reader = await requests.reader(req);
    await requests.audit(req, 'wide', { round: round.round.id, format: 'xlsx' });
    await sendRecords(res, wideTable(deps.dataSource, reader, round), [round], requests.fileName(reader.project, [round.round], 'wide', 'xlsx'));
  });

  router.get('/api/projects/:projectId/exports/paired.xlsx', ...access, validateRequest({ query: pairQuery }), async (req, res) => {
    assertTwoRounds(req.query);
    const baseline = await requests.round(req, req.query.baseline);
    const followUp = await requests.round(req, req.query.followup);
    const reader = await requests.reader(req);
    const table = await pairedTable(deps.dataSource, reader, baseline, followUp);
    await requests.audit(req, 'paired', { baseline: baseline.round.id, followup: followUp.round.id, format: 'xlsx' });
    await sendRecords(res, table, [baseline, followUp], requests.fileName(reader.project, [baseline.round, followUp.round], 'paired', 'xlsx'));
  });

  router.get('/api/projects/:projectId/exports/figures.xlsx', ...access, validateRequest({ query: dashboardQuerySchema }), requireRoundsOfProject(deps.dataSource, ['baseline', 'followup']), async (req: Request, res) => {
    const project = await requests.project(req);
    const q = req.query as Record<string, unknown>;
    const language = pickLanguage(q.lang, project.defaultLanguage);
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: project.id }, order: { opensAt: 'ASC', id: 'ASC' } });
    if (rounds.length < 2) throw new ConflictError('Projektet har brug for mindst to runder, før tallene kan hentes. (The project needs two rounds to compare.)', 'too_few_rounds');
    const read = readSelection(q, rounds);
    const visible = visibleAttributes(project, req.user!);
    const { comparison, filter } = await readerComparison(deps, comparisons, project, visible, req.user!, read);
    const [baseline, followUp] = [read.baseline, read.followUp].map((id) => rounds.find((r) => r.id === id)!) as [Round, Round];
    const overview = await segmentOverview(deps.dataSource, { roundIds: [baseline.id, followUp.id], filter, k: project.anonymityK, submitted: [comparison.n.baseline, comparison.n.followUp] });
    const cover = reportCover({ project, baseline, followUp, paired: read.selection.paired, excludeDontKnow: read.selection.excludeDontKnow, filter: read.filter, n: comparison.n, madeAt: deps.clock() }, language);
    const tables = figureTables({
      comparison, language, questionnaire: deps.catalog.byVersion(followUp.questionnaireVersionId)!.questionnaire,
      overview: overview.map((row) => ({ ...row, label: rounds.find((r) => r.id === row.roundId)!.label })), selection: cover.rows,
    });
    await requests.audit(req, 'figures', { baseline: baseline.id, followup: followUp.id, paired: read.selection.paired, excludeDontKnow: read.selection.excludeDontKnow, filter });
    const workbook = new XlsxResponseWriter(res, requests.fileName(project, [baseline, followUp], 'tal', 'xlsx'));
    for (const table of tables) await workbook.table(table);
    await workbook.end();
  });

  return router;
}
