import { Router, type Request, type Response } from 'express';
import { requireProjectAccess } from '../auth/authorize.js';
import { recordAudit } from '../audit/auditLog.js';
import { Project, Round } from '../db/entities/index.js';
import { maskAttributes, visibleAttributes, type RespondentAttribute } from '../projects/reportableAttributes.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { roundNotFound } from '../auth/projectScopedIds.js';
import { BadRequestError } from '../shared/errors.js';
import type { Questionnaire } from '../questionnaires/types.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { columnsOf, type Column } from './codebook.js';
import { csvFields, CsvResponseWriter, RECORD_DELIMITER } from './csvWriter.js';
import { assertExportKAnonymous } from './exportAnonymity.js';
import { responseBatches, type ExportAnswer, type ExportResponse } from './exportRows.js';
import { attributeCells, pairedRecords, WIDE_ATTRIBUTES, wideRecords, type RecordExport } from './recordRows.js';
import { rScript } from './rScript.js';
import { STAT_FORMATS } from './statFormats.js';

const roundId = { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } as const;
const roundQuery = { $id: 'https://pejling.dk/schemas/export-round-query.json', type: 'object', additionalProperties: false, required: ['round'], properties: { round: roundId } } as const;
const pairQuery = { $id: 'https://pejling.dk/schemas/export-pair-query.json', type: 'object', additionalProperties: false, required: ['baseline', 'followup'], properties: { baseline: roundId, followup: roundId } } as const;

/** Attribute values the caller may not see (a lead, for attributes the project keeps private) are left blank. */
function maskResponses(responses: ExportResponse[], visible: Set<RespondentAttribute>): ExportResponse[] {
  return responses.map((r) => maskAttributes(r, visible));
}

async function writeCsv(res: Response, filename: string, records: RecordExport): Promise<void> {
  const csv = new CsvResponseWriter(res, filename);
  await csv.write([records.header]);
  for await (const rows of records.batches) await csv.write(rows);
  csv.end();
}

/**
 * Exports for admins and the project's leads: long (one row per answer), wide (one row per
 * response), paired wide (`_start`/`_end`), the codebook and an R script. Respondents appear under a
 * pseudonym (P<id>); no names or emails. Free-text answers go to admins only: they can name people.
 */
export function exportRoutes(deps: ServiceDeps): Router {
  const router = Router();
  const access = [requireProjectAccess(deps.dataSource), validateRequest({ params: projectParamsSchema })];

  /** The attributes the caller may see in record-level rows; refuses a lead rows that single out fewer than k people. */
  async function visibleFor(req: Request): Promise<Set<RespondentAttribute>> {
    const project = await deps.dataSource.getRepository(Project).findOneByOrFail({ id: Number(req.params.projectId) });
    const visible = visibleAttributes(project, req.user!);
    await assertExportKAnonymous(deps.dataSource, project, visible, req.user!);
    return visible;
  }

  async function roundOf(req: Request, id: unknown): Promise<{ round: Round; columns: Column[]; questionnaireId: string; questionnaire: Questionnaire }> {
    const round = await deps.dataSource.getRepository(Round).findOne({ where: { id: Number(id), projectId: Number(req.params.projectId) } });
    if (!round) throw roundNotFound();
    const questionnaire = deps.catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    return { round, columns: columnsOf(questionnaire), questionnaireId: questionnaire.id, questionnaire };
  }
  const audit = (req: Request, kind: string, details: object) => recordAudit(deps.dataSource, req, { action: `export.${kind}`, objectType: 'project', objectId: Number(req.params.projectId), details }, deps.clock());

  async function wideExport(req: Request): Promise<{ records: RecordExport; filename: string }> {
    const round = await roundOf(req, req.query.round);
    const reader = { dataSource: deps.dataSource, includeText: req.user!.role === 'admin', visible: await visibleFor(req) };
    return { records: wideRecords(reader, round), filename: `pejling-${round.round.label}-wide` };
  }

  async function pairedExport(req: Request): Promise<{ records: RecordExport; filename: string }> {
    if (req.query.baseline === req.query.followup) throw new BadRequestError('Vælg to forskellige runder. (baseline and followup must be two different rounds.)');
    const baseline = await roundOf(req, req.query.baseline);
    const followUp = await roundOf(req, req.query.followup);
    const reader = { dataSource: deps.dataSource, includeText: req.user!.role === 'admin', visible: await visibleFor(req) };
    return { records: await pairedRecords(reader, baseline, followUp), filename: `pejling-${baseline.round.label}-${followUp.round.label}-paired` };
  }

  router.get('/api/projects/:projectId/exports/long.csv', ...access, validateRequest({ query: roundQuery }), async (req, res) => {
    const { round, columns } = await roundOf(req, req.query.round);
    const includeText = req.user!.role === 'admin';
    const visible = await visibleFor(req);
    const labels = new Map(columns.map((c) => [`${c.itemId}\u0000${c.subId}`, new Map(c.labels.map((l) => [l.code, l.da]))]));
    await audit(req, 'long', { round: round.id });
    const csv = new CsvResponseWriter(res, `pejling-${round.label}-long.csv`);
    await csv.write([[...WIDE_ATTRIBUTES, 'item_id', 'sub_id', 'value_code', 'value_label', 'value_number', 'value_text']]);
    // Millions of lines: the cells shared by many lines (a response's attributes, an item with its
    // code and label) are encoded once, the rest per line.
    const answerCells = new Map<string, string>();
    const answerPart = (a: ExportAnswer) => {
      const key = `${a.itemId}\u0000${a.subId}\u0000${a.valueCode ?? ''}`;
      let encoded = answerCells.get(key);
      if (encoded === undefined) {
        encoded = csvFields([a.itemId, a.subId, a.valueCode, a.valueCode === null ? null : labels.get(`${a.itemId}\u0000${a.subId}`)?.get(a.valueCode) ?? null]);
        answerCells.set(key, encoded);
      }
      return encoded;
    };
    for await (const batch of responseBatches(deps.dataSource, round.id)) {
      const prefixes = new Map(maskResponses(batch.responses, visible).map((r) => [r.responseId, csvFields(attributeCells(r, round.label))]));
      let chunk = '';
      for (const a of batch.answers) {
        const text = includeText && a.valueText !== null ? csvFields([a.valueText]) : '';
        chunk += `${prefixes.get(a.responseId)!},${answerPart(a)},${a.valueNumber ?? ''},${text}${RECORD_DELIMITER}`;
      }
      await csv.writeEncoded(chunk);
    }
    csv.end();
  });

  router.get('/api/projects/:projectId/exports/wide.csv', ...access, validateRequest({ query: roundQuery }), async (req, res) => {
    const { records, filename } = await wideExport(req);
    await audit(req, 'wide', { round: Number(req.query.round) });
    await writeCsv(res, `${filename}.csv`, records);
  });

  router.get('/api/projects/:projectId/exports/paired.csv', ...access, validateRequest({ query: pairQuery }), async (req, res) => {
    const { records, filename } = await pairedExport(req);
    await audit(req, 'paired', { baseline: Number(req.query.baseline), followup: Number(req.query.followup) });
    await writeCsv(res, `${filename}.csv`, records);
  });

  /** The same rows as SPSS and Stata files, with labels (src/exports/statFormats.ts). */
  for (const [extension, format] of Object.entries(STAT_FORMATS)) {
    router.get(`/api/projects/:projectId/exports/wide.${extension}`, ...access, validateRequest({ query: roundQuery }), async (req, res) => {
      const { records, filename } = await wideExport(req);
      await audit(req, 'wide', { round: Number(req.query.round), format: extension });
      await format.send(res, `${filename}.${extension}`, records, { now: deps.clock(), label: filename });
    });
    router.get(`/api/projects/:projectId/exports/paired.${extension}`, ...access, validateRequest({ query: pairQuery }), async (req, res) => {
      const { records, filename } = await pairedExport(req);
      await audit(req, 'paired', { baseline: Number(req.query.baseline), followup: Number(req.query.followup), format: extension });
      await format.send(res, `${filename}.${extension}`, records, { now: deps.clock(), label: filename });
    });
  }

  router.get('/api/projects/:projectId/exports/codebook.csv', ...access, async (req, res) => {
    const rounds = await deps.dataSource.getRepository(Round).find({ where: { projectId: Number(req.params.projectId) }, order: { id: 'ASC' } });
    const entries = new Map<string, { column: Column; rounds: string[] }>();
    for (const round of rounds) {
      for (const column of columnsOf(deps.catalog.byVersion(round.questionnaireVersionId)!.questionnaire)) {
        const entry = entries.get(column.name) ?? { column, rounds: [] };
        entry.rounds.push(round.label);
        entries.set(column.name, entry);
      }
    }
    const csv = new CsvResponseWriter(res, 'pejling-codebook.csv');
    await csv.write([['column', 'item_id', 'sub_id', 'kind', 'text_da', 'text_en', 'code', 'label_da', 'label_en', 'dont_know', 'rounds', 'ordered']]);
    for (const { column, rounds: labels } of entries.values()) {
      const base = [column.name, column.itemId, column.subId, column.kind, column.textDa, column.textEn];
      await csv.write(column.labels.length
        ? column.labels.map((l) => [...base, l.code, l.da, l.en, l.dontKnow ? 1 : 0, labels.join(' '), column.ordered ? 1 : 0])
        : [[...base, null, null, null, null, labels.join(' '), null]]);
    }
    csv.end();
  });

  router.get('/api/projects/:projectId/exports/pejling.R', ...access, (_req, res) => {
    res.type('text/plain; charset=utf-8').attachment('pejling.R').send(rScript());
  });

  return router;
}
