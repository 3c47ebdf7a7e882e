import { parse } from 'csv-parse/sync';
import { danishColumnName } from './columnNames.js';

export const CASEWORKER_FIELDS = ['name', 'email', 'municipality', 'team', 'role', 'group', 'externalId', 'language'] as const;
export type CaseworkerField = (typeof CASEWORKER_FIELDS)[number];
// Team is optional: a unit may be a municipality alone ("Årøsund"), as on the project.
export const REQUIRED_FIELDS: CaseworkerField[] = ['name', 'email', 'municipality', 'role'];

/** Header names people actually use, Danish and English, compared without case, spaces or dashes. */
const headerAliases: Record<string, CaseworkerField> = {
  name: 'name', navn: 'name', fuldtnavn: 'name',
  email: 'email', mail: 'email', emailadresse: 'email', mailadresse: 'email',
  municipality: 'municipality', kommune: 'municipality', jobcenter: 'municipality',
  team: 'team', afdeling: 'team', department: 'team', teamafdeling: 'team',
  role: 'role', rolle: 'role', funktion: 'role', stilling: 'role',
  group: 'group', gruppe: 'group',
  externalid: 'externalId', eksterntid: 'externalId', eksternid: 'externalId', medarbejdernummer: 'externalId', medarbejderid: 'externalId', id: 'externalId',
  language: 'language', sprog: 'language',
};

const normaliseHeader = (header: string) => header.toLowerCase().replace(/[\s_\-./]/g, '').replace(/^\uFEFF/, '');

export interface CsvRow {
  /** Line in the file (the header is line 1), for error messages a person can find. */
  line: number;
  values: Partial<Record<CaseworkerField, string>>;
}

export interface ParsedCsv {
  rows: CsvRow[];
  /** Problems with the file as a whole: nothing can be imported until they are fixed. */
  fileErrors: string[];
}

export const MAX_ROWS = 10_000;

/** Danish Excel writes `;`; everyone else `,`. The header line decides. */
function detectDelimiter(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export function parseCaseworkerCsv(text: string): ParsedCsv {
  if (text.trim() === '') return { rows: [], fileErrors: ['Filen er tom.'] };
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return { rows: [], fileErrors: [`Filen kan ikke læses som CSV: ${(error as Error).message}`] };
  }
  const [header = [], ...body] = records;
  const columns = header.map((name) => headerAliases[normaliseHeader(name)]);
  const fileErrors: string[] = [];
  const missing = REQUIRED_FIELDS.filter((field) => !columns.includes(field));
  if (missing.length > 0) fileErrors.push(`Kolonner mangler: ${missing.map(danishColumnName).join(', ')}. Første linje skal være overskrifter, fx navn;email;kommune;team;rolle;gruppe.`);
  const duplicated = CASEWORKER_FIELDS.filter((field) => columns.filter((column) => column === field).length > 1);
  if (duplicated.length > 0) fileErrors.push(`Kolonner står mere end én gang: ${duplicated.map(danishColumnName).join(', ')}.`);
  if (body.length > MAX_ROWS) fileErrors.push(`Filen har ${body.length} rækker; højst ${MAX_ROWS} kan importeres ad gangen.`);
  const rows = body.map((record, index): CsvRow => {
    const values: CsvRow['values'] = {};
    columns.forEach((field, column) => {
      if (field && record[column] !== undefined && record[column] !== '') values[field] = record[column];
    });
    return { line: index + 2, values };
  });
  return { rows, fileErrors };
}
