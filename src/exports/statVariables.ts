import { answerableItemById } from '../questionnaires/answerableItems.js';
import type { Questionnaire } from '../questionnaires/types.js';
import type { Column } from './codebook.js';

/** A value in a record-level export row, as the CSV writes it. */
export type RecordCell = string | number | null;

/**
 * One column of a record-level export as a statistics package sees it: the CSV column name, the
 * question as its label, and for coded answers the scale's labels with "ved ikke" marked as
 * missing. The SPSS and Stata writers turn this into their own dictionaries.
 */
export interface StatVariable {
  /** The CSV column name (each writer shortens it to its package's rules when needed). */
  name: string;
  /** Danish question text, or what an attribute column holds. */
  label: string;
  type: 'numeric' | 'string';
  measure: 'nominal' | 'ordinal' | 'scale';
  /** Whole numbers only (codes, counts): shown without decimals. */
  integer: boolean;
  /** Code → Danish label in scale order; `missing` marks the "ved ikke" codes. */
  valueLabels: { code: number; label: string; missing: boolean }[];
  /** The questionnaire's scale id, shared by every variable on that scale (Stata's label set name). */
  scale: string | null;
}

const text = (name: string, label: string): StatVariable => ({ name, label, type: 'string', measure: 'nominal', integer: false, valueLabels: [], scale: null });

/** The attribute columns the CSV writes before the answers, in the same order. */
const ATTRIBUTE_LABELS: Record<string, string> = {
  person_key: 'Pseudonym for personen (P-nummer)',
  round: 'Runde',
  submitted_at: 'Indsendt',
  municipality: 'Kommune',
  team: 'Team',
  group: 'Gruppe',
  role: 'Rolle',
};

export const attributeVariables = (names: string[]): StatVariable[] => names.map((name) => text(name, ATTRIBUTE_LABELS[name] ?? name));

/** The variable of one answer column; `suffix`/`roundLabel` name the round of a paired export's _start/_end column. */
export function itemVariable(questionnaire: Questionnaire, column: Column, suffix = '', roundLabel?: string): StatVariable {
  // The round goes first, so that a label cut to a package's limit still says which round it is.
  const label = roundLabel === undefined ? column.textDa : `${roundLabel}: ${column.textDa}`;
  const name = `${column.name}${suffix}`;
  if (column.kind === 'text') return text(name, label);
  const item = answerableItemById(questionnaire, column.itemId);
  if (column.labels.length === 0) {
    const integer = item?.kind === 'number' ? (item.item.integer ?? true) : false;
    return { name, label, type: 'numeric', measure: 'scale', integer, valueLabels: [], scale: null };
  }
  const scale = item && 'scale' in item.item ? item.item.scale : null;
  return {
    name, label, type: 'numeric', measure: column.ordered ? 'ordinal' : 'nominal', integer: true, scale,
    valueLabels: column.labels.map((l) => ({ code: l.code, label: l.da, missing: l.dontKnow })),
  };
}

/**
 * Names shortened to a package's limit and made unique: the first `max` characters (characters
 * outside [A-Za-z0-9_] become "_"), a reserved word gets "_" appended, and a name that collides
 * with an earlier one ends in a number instead. Names within the rules are kept as they are.
 */
export function uniqueNames(names: string[], max: number, reserved: Set<string>, caseInsensitive: boolean): string[] {
  const taken = new Set<string>();
  const key = (name: string) => (caseInsensitive ? name.toLowerCase() : name);
  return names.map((original) => {
    let name = original.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(name)) name = `v${name}`;
    if (reserved.has(key(name))) name = `${name}_`;
    const base = name.slice(0, max);
    name = base;
    for (let n = 2; taken.has(key(name)); n++) name = `${base.slice(0, max - String(n).length - 1)}_${n}`;
    taken.add(key(name));
    return name;
  });
}

/** A string cut to at most `maxBytes` bytes of UTF-8 without splitting a character. */
export function truncateUtf8(value: string, maxBytes: number): string {
  if (Buffer.byteLength(value) <= maxBytes) return value;
  let result = '';
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes - 3) return `${result}…`;
    result += char;
    bytes += size;
  }
  return result;
}
