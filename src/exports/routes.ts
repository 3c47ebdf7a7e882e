import { Router, type Request } from 'express';
import { matchSelfCodes } from '../analysis/pairRespondents.js';
import { requireProjectAccess } from '../auth/authorize.js';
import { recordAudit } from '../audit/auditLog.js';
import { Project, Round } from '../db/entities/index.js';
import { maskAttributes, visibleAttributes, type RespondentAttribute } from '../projects/reportableAttributes.js';
import { projectParamsSchema } from '../projects/projectSchemas.js';
import { roundNotFound } from '../auth/projectScopedIds.js';
import { BadRequestError } from '../shared/errors.js';
import type { ServiceDeps } from '../shared/serviceDeps.js';
import { validateRequest } from '../shared/validateRequest.js';
import { columnsOf, type Column } from './codebook.js';
import { csvFields, CsvResponseWriter, RECORD_DELIMITER } from './csvWriter.js';
import { assertExportKAnonymous } from './exportAnonymity.js';
import { responseBatches, selfCodesOf, type ExportAnswer, type ExportResponse } from './exportRows.js';
import { rScript } from './rScript.js';

const roundId = { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } as const;
const roundQuery = { $id: 'https://pejling.dk/schemas/export-round-query.json', type: 'object', additionalProperties: false, required: ['round'], properties: { round: roundId } } as const;
const pairQuery = { $id: 'https://pejling.dk/schemas/export-pair-query.json', type: 'object', additionalProperties: false, required: ['baseline', 'followup'], properties: { baseline: roundId, followup: roundId } } as const;
const ATTRIBUTES = ['person_key', 'round', 'submitted_at', 'municipality', 'team', 'group', 'role'];

function cellOf(answer: ExportAnswer | undefined, includeText: boolean): string | number | null {
  if (!answer) return null;
  if (answer.valueCode !== null) return answer.valueCode;
  if (answer.valueNumber !== null) return answer.valueNumber;
  return includeText ? answer.valueText : null;
}

function wideValues(columns: Column[], answers: ExportAnswer[], includeText: boolean): (string | number | null)[] {
  const byKey = new Map(answers.map((a) => [`${a.itemId}\u0000${a.subId}`, a]));
  return columns.map((c) => cellOf(byKey.get(`${c.itemId}\u0000${c.subId}`), includeText));
}

function byResponse(answers: ExportAnswer[]): Map<number, ExportAnswer[]> {
  const grouped = new Map<number, ExportAnswer[]>();
  for (const answer of answers) grouped.set(answer.responseId, [...(grouped.get(answer.responseId) ?? []), answer]);
  return grouped;
}

const attributesOf = (r: ExportResponse, label: string) => [r.personKey, label, r.submittedAt, r.municipality, r.team, r.group, r.role];

/** Attribute values the caller may not see (a lead, for attributes the project keeps private) are left blank. */
function maskResponses(responses: ExportResponse[], visible: Set<RespondentAttribute>): ExportResponse[] {
  return responses.map((r) => maskAttributes(r, visible));
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

  async function roundOf(req: Request, id: unknown): Promise<{ round: Round; columns: Column[]; questionnaireId: string }> {
    const round = await deps.dataSource.getRepository(Round).findOne({ where: { id: Number(id), projectId: Number(req.params.projectId) } });
    if (!round) throw roundNotFound();
    const questionnaire = deps.catalog.byVersion(round.questionnaireVersionId)!.questionnaire;
    return { round, columns: columnsOf(questionnaire), questionnaireId: questionnaire.id };
  }
  const audit = (req: Request, kind: string, details: object) => recordAudit(deps.dataSource, req, { action: `export.${kind}`, objectType: 'project', objectId: Number(req.params.projectId), details }, deps.clock());

  router.get('/api/projects/:projectId/exports/long.csv', ...access, validateRequest({ query: roundQuery }), async (req, res) => {
    const { round, columns } = await roundOf(req, req.query.round);
    const includeText = req.user!.role === 'admin';
    const visible = await visibleFor(req);
    const labels = new Map(columns.map((c) => [`${c.itemId}\u0000${c.subId}`, new Map(c.labels.map((l) => [l.code, l.da]))]));
    await audit(req, 'long', { round: round.id });
    const csv = new CsvResponseWriter(res, `pejling-${round.label}-long.csv`);
    await csv.write([[...ATTRIBUTES, 'item_id', 'sub_id', 'value_code', 'value_label', 'value_number', 'value_text']]);
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
      const prefixes = new Map(maskResponses(batch.responses, visible).map((r) => [r.responseId, csvFields(attributesOf(r, round.label))]));
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
    const { round, columns } = await roundOf(req, req.query.round);
    const includeText = req.user!.role === 'admin';
    const visible = await visibleFor(req);
    await audit(req, 'wide', { round: round.id });
    const csv = new CsvResponseWriter(res, `pejling-${round.label}-wide.csv`);
    await csv.write([[...ATTRIBUTES, ...columns.map((c) => c.name)]]);
    for await (const batch of responseBatches(deps.dataSource, round.id)) {
      const grouped = byResponse(batch.answers);
      await csv.write(maskResponses(batch.responses, visible).map((r) => [...attributesOf(r, round.label), ...wideValues(columns, grouped.get(r.responseId) ?? [], includeText)]));
    }
    csv.end();
  });

  router.get('/api/projects/:projectId/exports/paired.csv', ...access, validateRequest({ query: pairQuery }), async (req, res) => {
    if (req.query.baseline === req.query.followup) throw new BadRequestError('Vælg to forskellige runder. (baseline and followup must be two different rounds.)');
    const baseline = await roundOf(req, req.query.baseline);
    const followUp = await roundOf(req, req.query.followup);
    const includeText = req.user!.role === 'admin';
    const visible = await visibleFor(req);
    const columns = baseline.columns.filter((c) => followUp.columns.some((f) => f.name === c.name));
    // The baseline round is held in memory (values only) to join the follow-up as it streams by.
    // Open-link answers pair as the comparison pairs them (matchSelfCodes), keyed by their code.
    const start = new Map<string, { response: ExportResponse; values: (string | number | null)[] }>();
    const codes = { baseline: [] as string[], followUp: await selfCodesOf(deps.dataSource, followUp.round.id) };
    for await (const batch of responseBatches(deps.dataSource, baseline.round.id)) {
      const grouped = byResponse(batch.answers);
      for (const r of maskResponses(batch.responses, visible)) {
        if (r.selfCode) codes.baseline.push(r.selfCode);
        start.set(r.selfCode ? `code:${r.selfCode}` : r.personKey, { response: r, values: wideValues(columns, grouped.get(r.responseId) ?? [], includeText) });
      }
    }
    const baselineCodeOf = new Map([...matchSelfCodes(codes.baseline, codes.followUp)].map(([from, to]) => [to, from]));
    const startOf = (r: ExportResponse) => (r.selfCode ? (baselineCodeOf.has(r.selfCode) ? start.get(`code:${baselineCodeOf.get(r.selfCode)}`) : undefined) : start.get(r.personKey));
    await audit(req, 'paired', { baseline: baseline.round.id, followup: followUp.round.id });
    const csv = new CsvResponseWriter(res, `pejling-${baseline.round.label}-${followUp.round.label}-paired.csv`);
    await csv.write([['person_key', 'municipality', 'team', 'group', 'role', ...columns.flatMap((c) => [`${c.name}_start`, `${c.name}_end`])]]);
    for await (const batch of responseBatches(deps.dataSource, followUp.round.id)) {
      const grouped = byResponse(batch.answers);
      const rows = maskResponses(batch.responses, visible).filter((r) => startOf(r) && !r.personKey.startsWith('R')).map((r) => {
        const before = startOf(r)!;
        const after = wideValues(columns, grouped.get(r.responseId) ?? [], includeText);
        return [before.response.personKey, r.municipality, r.team, r.group, r.role, ...columns.flatMap((_, i) => [before.values[i] ?? null, after[i] ?? null])];
      });
      await csv.write(rows);
    }
    csv.end();
  });

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
    await csv.write([['column', 'item_id', 'sub_id', 'kind', 'text_da', 'text_en', 'code', 'label_da', 'label_en', 'dont_know', 'rounds']]);
    for (const { column, rounds: labels } of entries.values()) {
      const base = [column.name, column.itemId, column.subId, column.kind, column.textDa, column.textEn];
      await csv.write(column.labels.length
        ? column.labels.map((l) => [...base, l.code, l.da, l.en, l.dontKnow ? 1 : 0, labels.join(' ')])
        : [[...base, null, null, null, null, labels.join(' ')]]);
    }
    csv.end();
  });

  router.get('/api/projects/:projectId/exports/pejling.R', ...access, (_req, res) => {
    res.type('text/plain; charset=utf-8').attachment('pejling.R').send(rScript());
  });

  return router;
}
