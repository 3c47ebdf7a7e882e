import type { DataSource } from 'typeorm';
import { matchSelfCodes } from '../analysis/pairRespondents.js';
import { maskAttributes } from '../projects/reportableAttributes.js';
import type { Column } from './codebook.js';
import type { ExportReader, ExportRound } from './exportRequest.js';
import { responseBatches, selfCodesOf, type ExportAnswer, type ExportResponse } from './exportRows.js';
import { attributeVariables, itemVariable, type RecordCell, type StatVariable } from './statVariables.js';

/**
 * A record-level table (wide or paired), whatever the file format: the CSV, Excel, SPSS and
 * Stata writers all take it from here, so every format has the same rows, columns and
 * suppression (pseudonyms, attributes the reader may not see left empty, free text for admins
 * only, a lead's submission date without the time).
 */
export interface RecordTable {
  header: string[];
  /** The codebook of its answer columns. */
  columns: Column[];
  /** Answer columns start here; the ones before are the person's attributes. */
  firstAnswerColumn: number;
  /** One per header column: labels and scales for the statistics formats. */
  variables: StatVariable[];
  /** The rows in batches, as they are read. */
  batches: AsyncIterable<RecordCell[][]>;
}

export const RECORD_ATTRIBUTES = ['person_key', 'round', 'submitted_at', 'municipality', 'team', 'group', 'role'];
const PAIR_ATTRIBUTES = ['person_key', 'municipality', 'team', 'group', 'role'];

function cellOf(answer: ExportAnswer | undefined, includeText: boolean): RecordCell {
  if (!answer) return null;
  if (answer.valueCode !== null) return answer.valueCode;
  if (answer.valueNumber !== null) return answer.valueNumber;
  return includeText ? answer.valueText : null;
}

function wideValues(columns: Column[], answers: ExportAnswer[], includeText: boolean): RecordCell[] {
  const byKey = new Map(answers.map((a) => [`${a.itemId}\u0000${a.subId}`, a]));
  return columns.map((c) => cellOf(byKey.get(`${c.itemId}\u0000${c.subId}`), includeText));
}

function byResponse(answers: ExportAnswer[]): Map<number, ExportAnswer[]> {
  const grouped = new Map<number, ExportAnswer[]>();
  for (const answer of answers) grouped.set(answer.responseId, [...(grouped.get(answer.responseId) ?? []), answer]);
  return grouped;
}

/**
 * A response's attribute cells (as the reader may see them) in the order of RECORD_ATTRIBUTES:
 * the one place that masks attributes and cuts a lead's submission time to the date, for the wide
 * and long exports in every format.
 */
export function attributeCells(r: ExportResponse, label: string, reader: ExportReader): RecordCell[] {
  const shown = maskAttributes(r, reader.visible);
  return [shown.personKey, label, reader.submittedAt(shown.submittedAt), shown.municipality, shown.team, shown.group, shown.role];
}

/** One row per response of a round, one column per answer (codes, numbers; free text for admins). */
export function wideTable(dataSource: DataSource, reader: ExportReader, { round, columns, questionnaire }: ExportRound): RecordTable {
  async function* batches() {
    for await (const batch of responseBatches(dataSource, round.id)) {
      const grouped = byResponse(batch.answers);
      yield batch.responses.map((r) => [...attributeCells(r, round.label, reader), ...wideValues(columns, grouped.get(r.responseId) ?? [], reader.includeText)]);
    }
  }
  return {
    header: [...RECORD_ATTRIBUTES, ...columns.map((c) => c.name)],
    columns,
    firstAnswerColumn: RECORD_ATTRIBUTES.length,
    variables: [...attributeVariables(RECORD_ATTRIBUTES), ...columns.map((c) => itemVariable(questionnaire, c))],
    batches: batches(),
  };
}

/**
 * One row per person who answered both rounds, each answer column twice (`_start`, `_end`; items
 * asked in both rounds). The baseline round is held in memory (values only) to join the
 * follow-up as it streams by. Open-link answers pair as the comparison pairs them
 * (matchSelfCodes), keyed by their code.
 */
export async function pairedTable(dataSource: DataSource, reader: ExportReader, baseline: ExportRound, followUp: ExportRound): Promise<RecordTable> {
  const columns = baseline.columns.filter((c) => followUp.columns.some((f) => f.name === c.name));
  const start = new Map<string, { response: ExportResponse; values: RecordCell[] }>();
  const codes = { baseline: [] as string[], followUp: await selfCodesOf(dataSource, followUp.round.id) };
  for await (const batch of responseBatches(dataSource, baseline.round.id)) {
    const grouped = byResponse(batch.answers);
    for (const r of batch.responses) {
      if (r.selfCode) codes.baseline.push(r.selfCode);
      start.set(r.selfCode ? `code:${r.selfCode}` : r.personKey, { response: r, values: wideValues(columns, grouped.get(r.responseId) ?? [], reader.includeText) });
    }
  }
  const baselineCodeOf = new Map([...matchSelfCodes(codes.baseline, codes.followUp)].map(([from, to]) => [to, from]));
  const startOf = (r: ExportResponse) => (r.selfCode ? (baselineCodeOf.has(r.selfCode) ? start.get(`code:${baselineCodeOf.get(r.selfCode)}`) : undefined) : start.get(r.personKey));
  async function* batches() {
    for await (const batch of responseBatches(dataSource, followUp.round.id)) {
      const grouped = byResponse(batch.answers);
      yield batch.responses.filter((r) => startOf(r) && !r.personKey.startsWith('R')).map((r) => {
        const before = startOf(r)!;
        const after = wideValues(columns, grouped.get(r.responseId) ?? [], reader.includeText);
        const shown = maskAttributes(r, reader.visible);
        return [before.response.personKey, shown.municipality, shown.team, shown.group, shown.role, ...columns.flatMap((_, i) => [before.values[i] ?? null, after[i] ?? null])];
      });
    }
  }
  return {
    header: [...PAIR_ATTRIBUTES, ...columns.flatMap((c) => [`${c.name}_start`, `${c.name}_end`])],
    columns,
    firstAnswerColumn: PAIR_ATTRIBUTES.length,
    variables: [
      ...attributeVariables(PAIR_ATTRIBUTES),
      ...columns.flatMap((c) => [itemVariable(baseline.questionnaire, c, '_start', baseline.round.label), itemVariable(followUp.questionnaire, followUp.columns.find((f) => f.name === c.name)!, '_end', followUp.round.label)]),
    ],
    batches: batches(),
  };
}
