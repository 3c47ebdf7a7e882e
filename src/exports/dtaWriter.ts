import { BinaryOutput, fixedText, float64, int32, uint16, uint64 } from './binaryOutput.js';
import type { SpooledRows } from './rowSpool.js';
import { truncateUtf8, uniqueNames, type StatVariable } from './statVariables.js';

/**
 * A Stata .dta file, format 118 (Stata 14 and later, UTF-8), written by hand from Stata's
 * published description of the format ("help dta"): no maintained npm library writes one. Every
 * number is a double; "ved ikke" codes become the extended missing values .a, .b, … with the
 * scale's label on them, so Stata and haven show them as labelled missing; an empty answer is ".".
 * Text up to 2045 bytes is a fixed-width str column, longer text a strL stored after the data.
 */

const DOUBLE = 65526;
const STRL = 32768;
const MAX_STR = 2045;
/** "." and ".a" as doubles; ".b" … follow .a in steps of 2^40 in the bit pattern. */
const MISSING_BITS = 0x7fe0000000000000n;
const EXTENDED_STEP = 0x10000000000n;
/** Value label tables give .a as this integer, .b as the next. */
const LABEL_A = 2147483622;
const RESERVED = new Set(['_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_N', '_pi', '_pred', '_rc', '_skip', 'strl', 'using', 'with']);

interface DtaColumn {
  variable: StatVariable;
  name: string;
  /** Stata's type code: DOUBLE, STRL or the str width. */
  type: number;
  /** Code → extended missing letter index (0 = .a) for "ved ikke" codes. */
  missing: Map<number, number>;
  labelSet: string;
}

function missingDouble(extended: number | null): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(MISSING_BITS + (extended === null ? 0n : EXTENDED_STEP * BigInt(extended + 1)));
  return b;
}

/** Stata's names for the CSV's column names: at most 32 characters, unique, no reserved word. */
export const stataNames = (names: string[]) => uniqueNames(names, 32, RESERVED, false);

function dtaColumnsOf(variables: StatVariable[], rows: SpooledRows): DtaColumn[] {
  const names = stataNames(variables.map((v) => v.name));
  const labelSetNames = new Map<string, string>();
  const setNames = uniqueNames(variables.map((v) => v.scale ?? v.name), 32, RESERVED, false);
  return variables.map((variable, i) => {
    const bytes = rows.maxBytes[i]!;
    const type = variable.type === 'numeric' ? DOUBLE : bytes > MAX_STR ? STRL : Math.max(1, bytes);
    const missing = new Map(variable.valueLabels.filter((l) => l.missing).map((l, index) => [l.code, index]));
    let labelSet = '';
    if (variable.type === 'numeric' && variable.valueLabels.length > 0) {
      // Variables on the same scale share one label set, named after the scale.
      const key = JSON.stringify(variable.valueLabels);
      labelSet = labelSetNames.get(key) ?? setNames[i]!;
      labelSetNames.set(key, labelSet);
    }
    return { variable, name: names[i]!, type, missing, labelSet };
  });
}

/** Stata shows variable labels of 80 characters at most. */
function eightyCharacters(text: string): string {
  const characters = [...text];
  return characters.length <= 80 ? text : `${characters.slice(0, 79).join('')}…`;
}

const tag = (name: string) => Buffer.from(`<${name}>`);
const endTag = (name: string) => Buffer.from(`</${name}>`);
const section = (name: string, ...content: Buffer[]) => Buffer.concat([tag(name), ...content, endTag(name)]);

function labelTable(column: DtaColumn): Buffer {
  const entries = column.variable.valueLabels.map((l) => ({ value: column.missing.has(l.code) ? LABEL_A + column.missing.get(l.code)! : l.code, text: Buffer.from(`${truncateUtf8(l.label, 32000)}\u0000`) }));
  const offsets: number[] = [];
  let position = 0;
  for (const entry of entries) {
    offsets.push(position);
    position += entry.text.length;
  }
  const table = Buffer.concat([int32(entries.length), int32(position), ...offsets.map(int32), ...entries.map((e) => int32(e.value)), ...entries.map((e) => e.text)]);
  return section('lbl', int32(table.length), fixedText(column.labelSet, 129, 0), Buffer.alloc(3), table);
}

function cellOf(column: DtaColumn, index: number, observation: number, cell: unknown): Buffer {
  if (column.type === DOUBLE) {
    if (typeof cell !== 'number') return missingDouble(null);
    return column.missing.has(cell) ? missingDouble(column.missing.get(cell)!) : float64(cell);
  }
  const text = cell === null || cell === undefined ? '' : String(cell);
  if (column.type !== STRL) return fixedText(text, column.type, 0);
  // A strL cell points at its text in the strls section by (variable, observation); (0, 0) is "".
  const ref = Buffer.alloc(8);
  if (text.length > 0) {
    ref.writeUInt16LE(index + 1, 0);
    ref.writeUIntLE(observation, 2, 6);
  }
  return ref;
}

/** Writes the variables and the spooled rows as a .dta file (format 118). `label` is the dataset label (80 characters at most). */
export async function writeDta(output: BinaryOutput, variables: StatVariable[], rows: SpooledRows, options: { now: Date; label: string }): Promise<void> {
  const columns = dtaColumnsOf(variables, rows);
  const K = columns.length;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const now = options.now;
  const timestamp = Buffer.from(`${two(now.getUTCDate())} ${months[now.getUTCMonth()]} ${now.getUTCFullYear()} ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}`);
  const label = Buffer.from(truncateUtf8(options.label, 80));
  const header = section('header', section('release', Buffer.from('118')), section('byteorder', Buffer.from('LSF')), section('K', uint16(K)), section('N', uint64(rows.count)),
    section('label', uint16(label.length), label), section('timestamp', Buffer.from([timestamp.length]), timestamp));
  const rowWidth = columns.reduce((sum, c) => sum + (c.type === DOUBLE || c.type === STRL ? 8 : c.type), 0);
  const strlBytes = columns.reduce((sum, c, i) => sum + (c.type === STRL ? rows.nonEmpty[i]! * (3 + 4 + 8 + 1 + 4 + 1) + rows.totalBytes[i]! : 0), 0);
  const labelSets = [...new Map(columns.filter((c) => c.labelSet).map((c) => [c.labelSet, c])).values()];
  const dictionary = [
    section('variable_types', ...columns.map((c) => uint16(c.type))),
    section('varnames', ...columns.map((c) => fixedText(c.name, 129, 0))),
    section('sortlist', Buffer.alloc(2 * (K + 1))),
    section('formats', ...columns.map((c) => fixedText(c.type === DOUBLE ? (c.variable.integer ? '%9.0g' : '%10.0g') : c.type === STRL ? '%9s' : `%-${c.type}s`, 57, 0))),
    section('value_label_names', ...columns.map((c) => fixedText(c.labelSet, 129, 0))),
    section('variable_labels', ...columns.map((c) => fixedText(truncateUtf8(eightyCharacters(c.variable.label), 320), 321, 0))),
    section('characteristics'),
  ];
  const valueLabels = section('value_labels', ...labelSets.map(labelTable));

  // The map gives every section's offset, so it is computed from the sizes before anything is written.
  const opening = Buffer.from('<stata_dta>');
  const mapSize = tag('map').length + 14 * 8 + endTag('map').length;
  const offsets: number[] = [0, opening.length + header.length];
  let position = offsets[1]! + mapSize;
  for (const part of dictionary) {
    offsets.push(position);
    position += part.length;
  }
  offsets.push(position); // data
  position += tag('data').length + rows.count * rowWidth + endTag('data').length;
  offsets.push(position); // strls
  position += tag('strls').length + strlBytes + endTag('strls').length;
  offsets.push(position); // value_labels
  position += valueLabels.length;
  offsets.push(position); // </stata_dta>
  offsets.push(position + endTag('stata_dta').length); // end of file
  await output.push(opening, header, section('map', ...offsets.map(uint64)), ...dictionary, tag('data'));

  let observation = 0;
  for await (const row of rows.rows()) {
    observation += 1;
    await output.push(...columns.map((c, i) => cellOf(c, i, observation, row[i])));
  }
  await output.push(endTag('data'), tag('strls'));
  if (columns.some((c) => c.type === STRL)) {
    observation = 0;
    for await (const row of rows.rows()) {
      observation += 1;
      for (const [i, c] of columns.entries()) {
        const text = c.type === STRL && typeof row[i] === 'string' ? row[i] : '';
        if (text.length === 0) continue;
        const bytes = Buffer.from(`${text}\u0000`);
        await output.push(Buffer.from('GSO'), int32(i + 1), uint64(observation), Buffer.from([130]), int32(bytes.length), bytes);
      }
    }
  }
  await output.push(endTag('strls'), valueLabels, endTag('stata_dta'));
  await output.flush();
}
