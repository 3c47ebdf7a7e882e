import { Router, type Response } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { Round } from '../db/entities/index.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { CODEBOOK_HEADER, codebookEntries, codebookRows, columnsOf } from './codebook.js';
import { csvDialect, dialectParameter, validateDialect } from './csvDialect.js';
import { csvFields, CsvResponseWriter, RECORD_DELIMITER } from './csvWriter.js';
import { assertTwoRounds, ExportRequests, pairQuery, roundQuery } from './exportRequest.js';
import { setAttachment } from './fileNames.js';
import { responseBatches, type ExportAnswer } from './exportRows.js';
import { pairedTable, RECORD_ATTRIBUTES, attributeCells, wideTable, type RecordTable } from './recordRows.js';
import { rScript } from './rScript.js';
import { statRoutes } from './statRoutes.js';
import { xlsxRoutes } from './xlsxRoutes.js';

const csvRoundQuery = { ...roundQuery, $id: 'https://pejling.dk/schemas/export-csv-round-query.json', properties: { ...roundQuery.properties, dialect: dialectParameter } } as const;
const csvPairQuery = { ...pairQuery, $id: 'https://pejling.dk/schemas/export-csv-pair-query.json', properties: { ...pairQuery.properties, dialect: dialectParameter } } as const;
const dialectOnlyQuery = { $id: 'https://pejling.dk/schemas/export-codebook-query.json', type: 'object', additionalProperties: false, properties: { dialect: dialectParameter } } as const;

/**
 * Exports for admins and the project's leads: long (one row per answer), wide (one row per
 * response), paired wide (`_start`/`_end`), the codebook and an R script as CSV (`?dialect=excel-da`
 * for Danish Excel), the same tables as Excel workbooks (xlsxRoutes) and as SPSS and Stata files
 * (statRoutes). Respondents appear under a pseudonym (P<id>); no names or emails. Free-text
 * answers go to admins only: they can name people; a lead sees the date of a submission, not its time.
 */
export function exportRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const access = [requireProjectAccess(deps.dataSource), validateRequest({ params: projectParamsSchema }), validateDialect()];
  const requests = new ExportRequests(deps);

  async function sendTable(res: Response, table: RecordTable, filename: string, dialectName: unknown) {
    const csv = new CsvResponseWriter(res, filename, csvDialect(dialectName));
    await csv.write([table.header]);
    for await (const rows of table.batches) await csv.write(rows);
    csv.end();
  }

  router.get('/api/projects/:projectId/exports/long.csv', ...access, validateRequest({ query: csvRoundQuery }), async (req, res) => {
    const { round, columns } = await requests.round(req, req.query.round);
    const reader = await requests.reader(req);
    const dialect = csvDialect(req.query.dialect);
    const labels = new Map(columns.map((c) => [`${c.itemId}\u0000${c.subId}`, new Map(c.labels.map((l) => [l.code, l.da]))]));
    await requests.audit(req, 'long', { round: round.id, dialect: dialect.name });
    const csv = new CsvResponseWriter(res, requests.fileName(reader.project, [round], 'long', 'csv'), dialect);
    await csv.write([[...RECORD_ATTRIBUTES, 'item_id', 'sub_id', 'value_code', 'value_label', 'value_number', 'value_text']]);
    // Millions of lines: the cells shared by many lines (a response's attributes, an item with its
    // code and label) are encoded once, the rest per line.
    const answerCells = new Map<string, string>();
    const answerPart = (a: ExportAnswer) => {
      const key = `${a.itemId}\u0000${a.subId}\u0000${a.valueCode ?? ''}`;
      let encoded = answerCells.get(key);
      if (encoded === undefined) {
        encoded = csvFields([a.itemId, a.subId, a.valueCode, a.valueCode === null ? null : labels.get(`${a.itemId}\u0000${a.subId}`)?.get(a.valueCode) ?? null], dialect);
        answerCells.set(key, encoded);
      }
      return encoded;
    };
    const separator = dialect.delimiter;
    for await (const batch of responseBatches(deps.dataSource, round.id)) {
      const prefixes = new Map(batch.responses.map((r) => [r.responseId, csvFields(attributeCells(r, round.label, reader), dialect)]));
      let chunk = '';
      for (const a of batch.answers) {
        const text = reader.includeText && a.valueText !== null ? csvFields([a.valueText], dialect) : '';
        const number = a.valueNumber === null ? '' : csvFields([a.valueNumber], dialect);
        chunk += `${prefixes.get(a.responseId)!}${separator}${answerPart(a)}${separator}${number}${separator}${text}${RECORD_DELIMITER}`;
      }
      await csv.writeEncoded(chunk);
    }
    csv.end();
  });

  router.get('/api/projects/:projectId/exports/wide.csv', ...access, validateRequest({ query: csvRoundQuery }), async (req, res) => {
    const round = await requests.round(req, req.query.round);
    const reader = await requests.reader(req);
    await requests.audit(req, 'wide', { round: round.round.id, dialect: csvDialect(req.query.dialect).name });
    await sendTable(res, wideTable(deps.dataSource, reader, round), requests.fileName(reader.project, [round.round], 'wide', 'csv'), req.query.dialect);
  });

  router.get('/api/projects/:projectId/exports/paired.csv', ...access, validateRequest({ query: csvPairQuery }), async (req, res) => {
    assertTwoRounds(req.query);
    const baseline = await requests.round(req, req.query.baseline);
    const followUp = await requests.round(req, req.query.followup);
    const reader = await requests.reader(req);
    const table = await pairedTable(deps.dataSource, reader, baseline, followUp);
    await requests.audit(req, 'paired', { baseline: baseline.round.id, followup: followUp.round.id, dialect: csvDialect(req.query.dialect).name });
    await sendTable(res, table, requests.fileName(reader.project, [baseline.round, followUp.round], 'paired', 'csv'), req.query.dialect);
  });

  router.get('/api/projects/:projectId/exports/codebook.csv', ...access, validateRequest({ query: dialectOnlyQuery }), async (req, res) => {
    const project = await requests.project(req);
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: project.id }, order: { id: 'ASC' } });
    const entries = codebookEntries(rounds.map((round) => ({ label: round.label, columns: columnsOf(deps.catalog.byVersion(round.questionnaireVersionId)!.questionnaire) })));
    await requests.audit(req, 'codebook', { dialect: csvDialect(req.query.dialect).name });
    const csv = new CsvResponseWriter(res, requests.fileName(project, [], 'codebook', 'csv'), csvDialect(req.query.dialect));
    await csv.write([CODEBOOK_HEADER, ...codebookRows(entries)]);
    csv.end();
  });

  router.get('/api/projects/:projectId/exports/pejling.R', ...access, (_req, res) => {
    res.type('text/plain; charset=utf-8');
    setAttachment(res, 'pejling.R');
    res.send(rScript());
  });

  router.use(xlsxRoutes(deps, requests));
  router.use(statRoutes(deps, requests));
  return router;
}
