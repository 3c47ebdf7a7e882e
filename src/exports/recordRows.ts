import type { DataSource } from 'typeorm';
import { matchSelfCodes } from '../analysis/pairRespondents.js';
import { maskAttributes, type RespondentAttribute } from '../projects/reportableAttributes.js';
import type { Questionnaire } from '../questionnaires/types.js';
import type { Column } from './codebook.js';
import { responseBatches, selfCodesOf, type ExportAnswer, type ExportResponse } from './exportRows.js';
import { attributeVariables, itemVariable, type RecordCell, type StatVariable } from './statVariables.js';

/**
 * The rows of the wide and paired exports, whatever the file format: the CSV, SPSS and Stata
 * writers all take them from here, so every format has the same rows, columns and suppression
 * (pseudonyms, attributes the reader may not see left empty, free text for admins only).
 */
export interface RecordExport {
  header: string[];
  /** One per header column: labels and scales for the statistics formats. */
  variables: StatVariable[];
  batches: AsyncGenerator<RecordCell[][]>;
}

export interface RecordReader {
  dataSource: DataSource;
  /** Free-text answers (admins only: they can name people). */
  includeText: boolean;
  visible: Set<RespondentAttribute>;
}

export interface ExportRound {
  round: { id: number; label: string };
  columns: Column[];
  questionnaire: Questionnaire;
}

/** The columns before the answers in the wide and long exports, and their cells. */
export const WIDE_ATTRIBUTES = ['person_key', 'round', 'submitted_at', 'municipality', 'team', 'group', 'role'];
export const attributeCells = (r: ExportResponse, roundLabel: string): RecordCell[] => [r.personKey, roundLabel, r.submittedAt, r.municipality, r.team, r.group, r.role];
const PAIRED_ATTRIBUTES = ['person_key', 'municipality', 'team', 'group', 'role'];

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

/** Attribute values the reader may not see (a lead, for attributes the project keeps private) are left blank. */
const masked = (responses: ExportResponse[], visible: Set<RespondentAttribute>) => responses.map((r) => maskAttributes(r, visible));

/** One row per response of the round, one column per item (or item__category). */
export function wideRecords(reader: RecordReader, { round, columns, questionnaire }: ExportRound): RecordExport {
  async function* batches(): AsyncGenerator<RecordCell[][]> {
    for await (const batch of responseBatches(reader.dataSource, round.id)) {
      const grouped = byResponse(batch.answers);
      yield masked(batch.responses, reader.visible).map((r) => [...attributeCells(r, round.label), ...wideValues(columns, grouped.get(r.responseId) ?? [], reader.includeText)]);
    }
  }
  return {
    header: [...WIDE_ATTRIBUTES, ...columns.map((c) => c.name)],
    variables: [...attributeVariables(WIDE_ATTRIBUTES), ...columns.map((c) => itemVariable(questionnaire, c))],
    batches: batches(),
  };
}

/**
 * One row per person who answered both rounds, each item as <item>_start and <item>_end (items
 * asked in both rounds). The baseline round is held in memory (values only) to join the follow-up
 * as it streams by. Open-link answers pair as the comparison pairs them (matchSelfCodes), keyed by
 * their code.
 */
export async function pairedRecords(reader: RecordReader, baseline: ExportRound, followUp: ExportRound): Promise<RecordExport> {
  const columns = baseline.columns.filter((c) => followUp.columns.some((f) => f.name === c.name));
  const start = new Map<string, { response: ExportResponse; values: RecordCell[] }>();
  const codes = { baseline: [] as string[], followUp: await selfCodesOf(reader.dataSource, followUp.round.id) };
  for await (const batch of responseBatches(reader.dataSource, baseline.round.id)) {
    const grouped = byResponse(batch.answers);
    for (const r of masked(batch.responses, reader.visible)) {
      if (r.selfCode) codes.baseline.push(r.selfCode);
      start.set(r.selfCode ? `code:${r.selfCode}` : r.personKey, { response: r, values: wideValues(columns, grouped.get(r.responseId) ?? [], reader.includeText) });
    }
  }
  const baselineCodeOf = new Map([...matchSelfCodes(codes.baseline, codes.followUp)].map(([from, to]) => [to, from]));
  const startOf = (r: ExportResponse) => (r.selfCode ? (baselineCodeOf.has(r.selfCode) ? start.get(`code:${baselineCodeOf.get(r.selfCode)}`) : undefined) : start.get(r.personKey));
  async function* batches(): AsyncGenerator<RecordCell[][]> {
    for await (const batch of responseBatches(reader.dataSource, followUp.round.id)) {
      const grouped = byResponse(batch.answers);
      yield masked(batch.responses, reader.visible).filter((r) => startOf(r) && !r.personKey.startsWith('R')).map((r) => {
        const before = startOf(r)!;
        const after = wideValues(columns, grouped.get(r.responseId) ?? [], reader.includeText);
        return [before.response.personKey, r.municipality, r.team, r.group, r.role, ...columns.flatMap((_, i) => [before.values[i] ?? null, after[i] ?? null])];
      });
    }
  }
  return {
    header: [...PAIRED_ATTRIBUTES, ...columns.flatMap((c) => [`${c.name}_start`, `${c.name}_end`])],
    variables: [
      ...attributeVariables(PAIRED_ATTRIBUTES),
      ...columns.flatMap((c) => [itemVariable(baseline.questionnaire, c, '_start', baseline.round.label), itemVariable(followUp.questionnaire, followUp.columns.find((f) => f.name === c.name)!, '_end', followUp.round.label)]),
    ],
    batches: batches(),
  };
}
