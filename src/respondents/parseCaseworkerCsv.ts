import { parse } from 'csv-parse/sync';

export const CASEWORKER_FIELDS = ['name', 'email', 'municipality', 'team', 'role', 'group', 'externalId', 'language'] as const;
export type CaseworkerField = (typeof CASEWORKER_FIELDS)[number];
export const REQUIRED_COLUMNS: readonly CaseworkerField[] = ['name', 'email', 'municipality', 'team', 'role'];

/** The column name we document for each field (what error messages call it). */
export const COLUMN_NAMES: Record<CaseworkerField, string> = {
  name: 'name', email: 'email', municipality: 'municipality', team: 'team', role: 'role', group: 'group', externalId: 'external_id', language: 'language',
};

/**
 * Header names people actually use, in English and Danish, compared after `normaliseHeader`
 * (lower case, without spaces, dashes, underscores, dots and slashes): "E-mail", "Eksternt id"
 * and "external_id" all match.
 */
const HEADER_ALIASES: Record<string, CaseworkerField> = {
  name: 'name', navn: 'name', fuldtnavn: 'name', fullname: 'name',
  email: 'email', mail: 'email', emailadresse: 'email', mailadresse: 'email', emailaddress: 'email',
  municipality: 'municipality', kommune: 'municipality', jobcenter: 'municipality',
  team: 'team', afdeling: 'team', department: 'team', teamafdeling: 'team', enhed: 'team',
  role: 'role', rolle: 'role', funktion: 'role', stilling: 'role',
  group: 'group', gruppe: 'group',
  externalid: 'externalId', eksterntid: 'externalId', eksternid: 'externalId', medarbejdernummer: 'externalId', medarbejderid: 'externalId', medarbejdernr: 'externalId', id: 'externalId',
  language: 'language', sprog: 'language',
};

export const MAX_ROWS = 10_000;

const normaliseHeader = (header: string) => header.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-./]/g, '');

export interface CsvRow {
  /** Line in the file where the row starts (the header is line 1), so a person can find it. */
  line: number;
  /** The cells of known columns, trimmed; empty cells are left out. */
  values: Partial<Record<CaseworkerField, string>>;
  /** Problems with the row's shape (more cells than columns), found while parsing. */
  shapeErrors: string[];
}

export interface ParsedCsv {
  delimiter: ',' | ';';
  rows: CsvRow[];
  /** Problems with the file as a whole: while there are any, no row is looked at. */
  fileErrors: string[];
  /** Header cells that are not a known column; they are ignored (shown in the preview). */
  ignoredColumns: string[];
}

/**
 * Danish Excel separates with `;`, most other tools with `,`. The header decides: whichever of
 * the two occurs more often outside quotes.
 */
export function detectDelimiter(text: string): ',' | ';' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Read decoded CSV text into rows keyed by column, with every file-level problem named. */
export function parseCaseworkerCsv(text: string): ParsedCsv {
  const delimiter = detectDelimiter(text);
  const empty = { delimiter, rows: [], ignoredColumns: [] };
  if (text.trim() === '') return { ...empty, fileErrors: ['Filen er tom.'] };
  let records: ParsedRecord[];
  try {
    // One line ending everywhere keeps csv-parse's line numbers right for files from Windows.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      delimiter, bom: true, trim: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true,
    }) as ParsedRecord[];
  } catch (error) {
    return { ...empty, fileErrors: [`Filen kan ikke læses som CSV: ${(error as Error).message}`] };
  }
  const [header, ...body] = records;
  const headerCells = header?.record ?? [];
  const columns = headerCells.map((cell) => HEADER_ALIASES[normaliseHeader(cell)]);
  const ignoredColumns = headerCells.filter((cell, index) => cell !== '' && columns[index] === undefined);

  const fileErrors: string[] = [];
  const missing = REQUIRED_COLUMNS.filter((field) => !columns.includes(field));
  if (missing.length > 0) {
    fileErrors.push(`Kolonner mangler: ${missing.map((field) => COLUMN_NAMES[field]).join(', ')}. Første linje skal være overskrifter, fx name;email;municipality;team;role;group.`);
  }
  const repeated = CASEWORKER_FIELDS.filter((field) => columns.filter((column) => column === field).length > 1);
  if (repeated.length > 0) fileErrors.push(`Kolonner står mere end én gang: ${repeated.map((field) => COLUMN_NAMES[field]).join(', ')}.`);
  if (body.length === 0) fileErrors.push('Filen har ingen rækker under overskriftslinjen.');
  if (body.length > MAX_ROWS) fileErrors.push(`Filen har ${body.length} rækker; højst ${MAX_ROWS} kan importeres ad gangen. Del den op i flere filer.`);
  if (fileErrors.length > 0) return { delimiter, rows: [], fileErrors, ignoredColumns };

  const rows = body.map(({ record, info }): CsvRow => {
    const values: CsvRow['values'] = {};
    columns.forEach((field, index) => {
      const cell = record[index];
      if (field && cell) values[field] = cell;
    });
    const extraCells = record.slice(headerCells.length).filter((cell) => cell !== '');
    const shapeErrors = extraCells.length > 0
      ? [`Linjen har ${headerCells.length + extraCells.length} felter, men overskriften har ${headerCells.length}. Står der en ${delimiter === ';' ? 'semikolon' : 'komma'} i et felt uden anførselstegn?`]
      : [];
    // info.lines is the line a record ends on; quoted cells may span lines.
    const innerLineBreaks = record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - innerLineBreaks, values, shapeErrors };
  });
  return { delimiter, rows, fileErrors, ignoredColumns };
}
