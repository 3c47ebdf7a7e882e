import { compileSchema } from '../shared/ajv.js';
import { COLUMN_NAMES, type CaseworkerField, type CsvRow } from './parseCaseworkerCsv.js';
import { caseworkerEmailSchema } from './respondentSchemas.js';

/** One imported person, normalised: what the registry would hold after the import. */
export interface CaseworkerRecord {
  name: string;
  /** Lower case: addresses are compared without case. */
  email: string;
  municipality: string;
  team: string;
  role: string;
  /** The project's spelling of the group; null when the project has no groups. */
  groupName: string | null;
  /** Null when the file gives none: an existing external id is then kept. */
  externalId: string | null;
  /** Null when the file gives none: an existing choice is then kept. */
  language: 'da' | 'en' | null;
}

/** A problem with one row; `column` is the documented column name, or null for the whole row. */
export interface RowError {
  column: string | null;
  message: string;
}

export interface ProjectGroupName {
  name: string;
}

/** The registry's column widths (src/db/entities/Respondent.ts). */
const MAX_LENGTH: Record<Exclude<CaseworkerField, 'language'>, number> = { name: 200, email: 254, municipality: 100, team: 100, role: 100, group: 50, externalId: 100 };
const LANGUAGES: Record<string, 'da' | 'en'> = { da: 'da', dansk: 'da', danish: 'da', en: 'en', engelsk: 'en', english: 'en' };
const REQUIRED_VALUES = ['name', 'email', 'municipality', 'team', 'role'] as const;

const error = (field: CaseworkerField | null, message: string): RowError => ({ column: field ? COLUMN_NAMES[field] : null, message });

/** Check one row on its own (not against other rows or the registry) and normalise it. */
export function validateCaseworkerRow(row: CsvRow, groups: readonly ProjectGroupName[]): { record: CaseworkerRecord | null; errors: RowError[] } {
  const v = row.values;
  const errors: RowError[] = row.shapeErrors.map((message) => error(null, message));
  for (const field of REQUIRED_VALUES) if (!v[field]) errors.push(error(field, 'mangler'));
  for (const [field, limit] of Object.entries(MAX_LENGTH) as [keyof typeof MAX_LENGTH, number][]) {
    if ((v[field]?.length ?? 0) > limit) errors.push(error(field, `er længere end ${limit} tegn`));
  }

  const email = v.email?.toLowerCase();
  if (email && !compileSchema<string>(caseworkerEmailSchema)(email)) errors.push(error('email', `„${v.email}“ er ikke en gyldig e-mailadresse`));

  let groupName: string | null = null;
  const groupList = groups.map((g) => `„${g.name}“`).join(' eller ');
  if (groups.length > 0) {
    const group = groups.find((g) => g.name.toLowerCase() === v.group?.toLowerCase());
    if (!v.group) errors.push(error('group', `mangler (projektets grupper: ${groupList})`));
    else if (!group) errors.push(error('group', `„${v.group}“ er ikke en af projektets grupper (${groupList})`));
    else groupName = group.name;
  } else if (v.group) {
    errors.push(error('group', `„${v.group}“: projektet har ingen grupper; lad kolonnen være tom`));
  }

  const language = v.language ? LANGUAGES[v.language.toLowerCase()] : null;
  if (v.language && !language) errors.push(error('language', `„${v.language}“ er ikke et sprog, vi kender; skriv da eller en`));

  if (errors.length > 0) return { record: null, errors };
  return {
    record: { name: v.name!, email: email!, municipality: v.municipality!, team: v.team!, role: v.role!, groupName, externalId: v.externalId ?? null, language: language ?? null },
    errors: [],
  };
}
