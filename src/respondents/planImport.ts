import type { Respondent } from '../db/entities/index.js';
import { COLUMN_NAMES, type CsvRow, type ParsedCsv } from './parseCaseworkerCsv.js';
import { validateCaseworkerRow, type CaseworkerRecord, type ProjectGroupName, type RowError } from './validateCaseworkerRow.js';

/** What the planner needs to know about the people already in the registry. */
export type ExistingCaseworker = Pick<Respondent, 'id' | 'name' | 'email' | 'municipality' | 'team' | 'role' | 'groupName' | 'externalId' | 'language' | 'active' | 'erasedAt'>;

export interface ImportContext {
  groups: readonly ProjectGroupName[];
  existing: readonly ExistingCaseworker[];
}

export type RowStatus = 'new' | 'update' | 'unchanged' | 'error';

export interface PlannedRow {
  line: number;
  /** The row's cells as read, for the preview. */
  values: CsvRow['values'];
  status: RowStatus;
  errors: RowError[];
  /** For updates: the columns that change (and `active` when a deactivated person comes back). */
  changes: string[];
  /** The registry entry the row updates, if any. */
  respondentId: number | null;
  /** What will be saved; null for rows with errors. */
  record: CaseworkerRecord | null;
}

/** An active person in the registry whom the file does not mention: left exactly as they are. */
export interface NotInFile {
  id: number;
  name: string | null;
  email: string | null;
  municipality: string | null;
  team: string | null;
}

export interface ImportPlan {
  delimiter: ParsedCsv['delimiter'];
  fileErrors: string[];
  ignoredColumns: string[];
  rows: PlannedRow[];
  notInFile: NotInFile[];
  counts: { new: number; update: number; unchanged: number; error: number; notInFile: number };
  /** True when the file can be imported as it is: no file error, no row error, at least one row. */
  ok: boolean;
}

/**
 * Identifiers are compared without case or surrounding spaces, as MySQL's unique indexes
 * (utf8mb4_unicode_ci) compare them, so a plan that passes here cannot trip the index there.
 */
const identity = (value: string) => value.trim().toLowerCase();

/** Fields that an import sets, with the column name the preview shows for each. */
const COMPARED: [keyof CaseworkerRecord, string][] = [
  ['name', COLUMN_NAMES.name], ['email', COLUMN_NAMES.email], ['municipality', COLUMN_NAMES.municipality], ['team', COLUMN_NAMES.team],
  ['role', COLUMN_NAMES.role], ['groupName', COLUMN_NAMES.group], ['externalId', COLUMN_NAMES.externalId], ['language', COLUMN_NAMES.language],
];

/** Columns that change when `record` is saved over `existing`; a null optional value keeps what is there. */
function changedColumns(existing: ExistingCaseworker, record: CaseworkerRecord): string[] {
  const changes = COMPARED.filter(([field]) => record[field] !== null && record[field] !== existing[field]).map(([, column]) => column);
  return existing.active ? changes : [...changes, 'active'];
}

/**
 * What importing a parsed file would do, row by row, without changing anything: the preview, and
 * the plan the import carries out. A person is matched by external id when the row has one that
 * the registry knows, else by email, so a re-import updates people instead of duplicating them.
 * Every problem is reported at once, each on the row it belongs to.
 */
export function planImport(parsed: ParsedCsv, context: ImportContext): ImportPlan {
  const byEmail = new Map(context.existing.filter((r) => r.email).map((r) => [identity(r.email!), r]));
  const byExternalId = new Map(context.existing.filter((r) => r.externalId).map((r) => [identity(r.externalId!), r]));
  const lineOfEmail = new Map<string, number>();
  const lineOfExternalId = new Map<string, number>();
  const lineOfMatch = new Map<number, number>();

  const rows = parsed.fileErrors.length > 0 ? [] : parsed.rows.map((row): PlannedRow => {
    const { record, errors } = validateCaseworkerRow(row, context.groups);
    const planned = (status: RowStatus, respondentId: number | null = null, changes: string[] = []): PlannedRow =>
      ({ line: row.line, values: row.values, status, errors, changes, respondentId, record: status === 'error' ? null : record });
    if (!record) return planned('error');

    const emailKey = identity(record.email);
    const firstWithEmail = lineOfEmail.get(emailKey);
    if (firstWithEmail) errors.push({ column: COLUMN_NAMES.email, message: `${record.email} står også i linje ${firstWithEmail}` });
    else lineOfEmail.set(emailKey, row.line);
    const externalKey = record.externalId ? identity(record.externalId) : undefined;
    if (externalKey) {
      const firstWithId = lineOfExternalId.get(externalKey);
      if (firstWithId) errors.push({ column: COLUMN_NAMES.externalId, message: `„${record.externalId}“ står også i linje ${firstWithId}` });
      else lineOfExternalId.set(externalKey, row.line);
    }

    const matchById = externalKey ? byExternalId.get(externalKey) : undefined;
    const emailOwner = byEmail.get(emailKey);
    const match = matchById ?? emailOwner;
    if (matchById && emailOwner && emailOwner.id !== matchById.id) {
      errors.push({ column: COLUMN_NAMES.email, message: `${record.email} bruges allerede af en anden sagsbehandler i projektet end den med eksternt id „${record.externalId}“` });
    }
    if (match) {
      const firstMatching = lineOfMatch.get(match.id);
      if (firstMatching) errors.push({ column: null, message: `er den samme sagsbehandler som linje ${firstMatching}` });
      else lineOfMatch.set(match.id, row.line);
    }

    if (errors.length > 0) return planned('error', match?.id ?? null);
    if (!match) return planned('new');
    const changes = changedColumns(match, record);
    return planned(changes.length > 0 ? 'update' : 'unchanged', match.id, changes);
  });

  const notInFile = context.existing
    .filter((r) => r.active && !r.erasedAt && !lineOfMatch.has(r.id))
    .map((r) => ({ id: r.id, name: r.name, email: r.email, municipality: r.municipality, team: r.team }));
  const count = (status: RowStatus) => rows.filter((row) => row.status === status).length;
  const counts = { new: count('new'), update: count('update'), unchanged: count('unchanged'), error: count('error'), notInFile: notInFile.length };
  return {
    delimiter: parsed.delimiter, fileErrors: parsed.fileErrors, ignoredColumns: parsed.ignoredColumns, rows, notInFile, counts,
    ok: parsed.fileErrors.length === 0 && counts.error === 0 && rows.length > 0,
  };
}
