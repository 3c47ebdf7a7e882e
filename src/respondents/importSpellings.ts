import { normaliseAttributeValue, type NormalisedAttribute, type ProjectSpellings } from './attributeValue.js';
import { capitalised, danishColumnName } from './columnNames.js';
import type { CsvRow } from './parseCaseworkerCsv.js';

/** One value of the file that is stored as another spelling, with the lines it stands on. */
export interface ValueChange {
  field: NormalisedAttribute;
  from: string;
  to: string;
  lines: number[];
  /** Danish, for the preview: what happens and why. */
  message: string;
}

const FIELDS: NormalisedAttribute[] = ['municipality', 'team', 'role', 'group'];

function reasonsFor(from: string, to: string, spelledAs: ReturnType<ProjectSpellings['known']>, line: number): string[] {
  const spaced = from.replace(/\s+/gu, ' ').trim();
  const reasons: string[] = [];
  if (spaced !== from) reasons.push('mellemrum rettet');
  if (spaced.normalize('NFC') !== spaced) reasons.push('tegn samlet til Unicode NFC');
  if (normaliseAttributeValue(from) !== to) {
    const origin = spelledAs?.origin;
    reasons.push(origin?.kind === 'line' && origin.line !== line
      ? `store og små bogstaver: samme værdi som „${to}“ i linje ${origin.line}`
      : `store og små bogstaver: samme værdi som „${to}“, der allerede findes i projektet`);
  }
  return reasons;
}

/**
 * The row's attribute values as they will be stored: normalised, and spelled as the project (or an
 * earlier line of the file) already spells them. Every value written differently from the file is
 * added to `changes`, so the preview says so; a value that normalises to nothing counts as missing.
 */
export function spellRowValues(row: CsvRow, spellings: ProjectSpellings, changes: ValueChange[]): CsvRow['values'] {
  const values = { ...row.values };
  for (const field of FIELDS) {
    const from = values[field];
    if (from === undefined) continue;
    const normalised = normaliseAttributeValue(from);
    if (normalised === '') {
      delete values[field];
      continue;
    }
    const known = spellings.known(field, normalised);
    const to = known?.spelling ?? normalised;
    if (!known) spellings.remember(field, normalised, { kind: 'line', line: row.line });
    values[field] = to;
    if (to === from) continue;
    const same = changes.find((change) => change.field === field && change.from === from && change.to === to);
    if (same) same.lines.push(row.line);
    else changes.push({ field, from, to, lines: [row.line], message: `${capitalised(danishColumnName(field))} „${from}“ gemmes som „${to}“ (${reasonsFor(from, to, known, row.line).join('; ')})` });
  }
  return values;
}
