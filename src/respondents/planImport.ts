import type { EntityManager } from 'typeorm';
import { ProjectGroup, Respondent } from '../db/entities/index.js';
import { capitalised, danishColumnName } from './columnNames.js';
import { spellRowValues, type ValueChange } from './importSpellings.js';
import type { CaseworkerField, CsvRow, ParsedCsv } from './parseCaseworkerCsv.js';
import { storedSpellings } from './storedSpellings.js';

export interface CaseworkerRecord {
  name: string;
  email: string;
  municipality: string;
  /** Null for a person in a municipality without teams. */
  team: string | null;
  role: string;
  groupName: string | null;
  externalId: string | null;
  language: 'da' | 'en' | null;
}

export interface PlannedRow {
  line: number;
  values: CsvRow['values'];
  status: 'new' | 'update' | 'unchanged' | 'error';
  errors: string[];
  /** For updates: which fields change. */
  changes: string[];
  respondentId: number | null;
  record: CaseworkerRecord | null;
}

export interface ImportPlan {
  fileErrors: string[];
  rows: PlannedRow[];
  counts: { new: number; update: number; unchanged: number; error: number; notInFile: number };
  /** Attribute values written differently from the file (spacing, Unicode form, case), each with a Danish message. */
  valueChanges: ValueChange[];
  ok: boolean;
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]{2,}$/;
const LANGUAGES: Record<string, 'da' | 'en'> = { da: 'da', dansk: 'da', danish: 'da', en: 'en', engelsk: 'en', english: 'en' };
const LIMITS: Partial<Record<CaseworkerField, number>> = { name: 200, email: 254, municipality: 100, team: 100, role: 100, group: 50, externalId: 100 };

function recordOf(row: CsvRow, groups: ProjectGroup[], errors: string[]): CaseworkerRecord | null {
  const v = row.values;
  for (const [field, limit] of Object.entries(LIMITS)) {
    if ((v[field as CaseworkerField]?.length ?? 0) > limit!) errors.push(`${capitalised(danishColumnName(field))} er længere end ${limit} tegn`);
  }
  for (const field of ['name', 'municipality', 'role'] as const) if (!v[field]) errors.push(`${capitalised(danishColumnName(field))} mangler`);
  const email = v.email?.trim().toLowerCase() ?? '';
  if (!email) errors.push('E-mail mangler');
  else if (!EMAIL.test(email)) errors.push(`E-mail „${v.email}“ er ikke en gyldig e-mailadresse`);
  let groupName: string | null = null;
  if (groups.length > 0) {
    // The values are spelled already: a group that differs from the project's only in case has its name now.
    const group = groups.find((g) => g.name === v.group);
    if (!v.group) errors.push(`Gruppe mangler (projektets grupper: ${groups.map((g) => g.name).join(', ')})`);
    else if (!group) errors.push(`Gruppe „${v.group}“ er ikke en af projektets grupper (${groups.map((g) => g.name).join(', ')})`);
    else groupName = group.name;
  } else if (v.group) {
    errors.push(`Gruppe „${v.group}“: projektet har ingen grupper`);
  }
  const language = v.language ? LANGUAGES[v.language.trim().toLowerCase()] : null;
  if (v.language && !language) errors.push(`Sprog „${v.language}“ skal være da eller en`);
  if (errors.length > 0) return null;
  return { name: v.name!, email, municipality: v.municipality!, team: v.team ?? null, role: v.role!, groupName, externalId: v.externalId ?? null, language: language ?? null };
}

const comparable: (keyof CaseworkerRecord)[] = ['name', 'email', 'municipality', 'team', 'role', 'groupName', 'externalId', 'language'];

/**
 * What importing this file would do, row by row, without changing anything: the preview, and the
 * plan that `applyImport` carries out. A person is matched by external id when the file has one,
 * else by email, so a re-import updates people instead of duplicating them.
 */
export async function planImport(manager: EntityManager, projectId: number, parsed: ParsedCsv): Promise<ImportPlan> {
  const groups = await manager.getRepository(ProjectGroup).find({ where: { projectId }, order: { id: 'ASC' } });
  const existing = await manager.getRepository(Respondent).find({ where: { projectId } });
  const spellings = await storedSpellings(manager, projectId, groups);
  const valueChanges: ValueChange[] = [];
  const byEmail = new Map(existing.filter((r) => r.email).map((r) => [r.email!, r]));
  const byExternalId = new Map(existing.filter((r) => r.externalId).map((r) => [r.externalId!, r]));
  const seenEmails = new Map<string, number>();
  const seenExternalIds = new Map<string, number>();
  const matched = new Set<number>();

  const rows = parsed.rows.map((row): PlannedRow => {
    const errors: string[] = [];
    const record = recordOf({ ...row, values: spellRowValues(row, spellings, valueChanges) }, groups, errors);
    const planned: PlannedRow = { line: row.line, values: row.values, status: 'error', errors, changes: [], respondentId: null, record };
    if (!record) return planned;
    const firstEmail = seenEmails.get(record.email);
    if (firstEmail) errors.push(`E-mail ${record.email} står også i linje ${firstEmail}`);
    else seenEmails.set(record.email, row.line);
    if (record.externalId) {
      const firstId = seenExternalIds.get(record.externalId);
      if (firstId) errors.push(`Eksternt id ${record.externalId} står også i linje ${firstId}`);
      else seenExternalIds.set(record.externalId, row.line);
    }
    const match = (record.externalId ? byExternalId.get(record.externalId) : undefined) ?? byEmail.get(record.email);
    const emailOwner = byEmail.get(record.email);
    if (match && emailOwner && emailOwner.id !== match.id) errors.push(`E-mail ${record.email} tilhører en anden sagsbehandler end eksternt id ${record.externalId}`);
    if (match?.erasedAt) errors.push('Personen er slettet efter anmodning og kan ikke importeres igen');
    if (errors.length > 0) return { ...planned, record: null };
    if (!match) return { ...planned, status: 'new' };
    matched.add(match.id);
    const changes = comparable.filter((field) => (match as unknown as Record<string, unknown>)[field] !== record[field] && !(field === 'language' && record.language === null));
    return { ...planned, status: changes.length > 0 || !match.active ? 'update' : 'unchanged', changes: match.active ? changes : [...changes, 'active'], respondentId: match.id };
  });

  const count = (status: PlannedRow['status']) => rows.filter((row) => row.status === status).length;
  const counts = { new: count('new'), update: count('update'), unchanged: count('unchanged'), error: count('error'), notInFile: existing.filter((r) => r.active && !matched.has(r.id)).length };
  return { fileErrors: parsed.fileErrors, rows, counts, valueChanges, ok: parsed.fileErrors.length === 0 && counts.error === 0 && rows.length > 0 };
}
