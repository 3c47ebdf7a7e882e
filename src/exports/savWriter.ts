import { BinaryOutput, fixedText, float64, int32 } from './binaryOutput.js';
import type { SpooledRows } from './rowSpool.js';
import { truncateUtf8, uniqueNames, type StatVariable } from './statVariables.js';

/**
 * An uncompressed SPSS system file (.sav), written by hand from the published format (the PSPP
 * manual's "System File Format"): no maintained npm library writes one with labels and missing
 * values. Layout: header record; one variable record (type 2) per variable and per 8-byte
 * continuation of a text variable, with its label and "ved ikke" codes as discrete user-missing
 * values; value labels (records 3 and 4, one pair per scale); machine integer and floating-point
 * info (7/3, 7/4); measurement level, width and alignment (7/11); long variable names (7/13); very
 * long strings (7/14) for text over 255 bytes; character encoding UTF-8 (7/20); the dictionary
 * terminator (999); then the cases, numbers as IEEE doubles and text padded with spaces.
 */

const SYSMIS = -Number.MAX_VALUE;
/** SPSS's LOWEST: the largest negative double after SYSMIS (readers compare it bit for bit). */
const LOWEST = Buffer.from('feffffffffffefff', 'hex');
const MEASURE = { nominal: 1, ordinal: 2, scale: 3 } as const;
/** Words SPSS keeps for itself: never a variable name. */
const RESERVED = new Set(['all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with']);
/** A text variable wider than 255 bytes is split into segments: 255 bytes of text in each, 252 counted for the widths. */
const SEGMENT_TEXT = 255;
const SEGMENT_WIDTH = 252;

interface Segment {
  /** 0 for numbers, the width in bytes (1–255) for text. */
  type: number;
  shortName: string;
  /** 8-byte elements the segment takes in a case. */
  elements: number;
}

interface Layout {
  variable: StatVariable;
  name: string;
  /** Total width in bytes for text (0 for numbers). */
  width: number;
  segments: Segment[];
  /** 1-based position of the first element in the case (what value label records refer to). */
  index: number;
}

const elementsOf = (width: number) => Math.ceil(width / 8);

function layoutOf(variables: StatVariable[], rows: SpooledRows): Layout[] {
  const names = uniqueNames(variables.map((v) => v.name), 64, RESERVED, true);
  const shortTaken = new Set<string>();
  const shortName = (name: string) => {
    const base = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_').slice(0, 8);
    let candidate = base;
    for (let n = 1; shortTaken.has(candidate); n++) candidate = `${base.slice(0, 8 - String(n).length)}${n}`;
    shortTaken.add(candidate);
    return candidate;
  };
  let index = 1;
  return variables.map((variable, i) => {
    const width = variable.type === 'string' ? Math.max(1, rows.maxBytes[i]!) : 0;
    const count = width <= 255 ? 1 : Math.ceil(width / SEGMENT_WIDTH);
    const segmentWidths = width <= 255 ? [width] : Array.from({ length: count }, (_, s) => (s < count - 1 ? 255 : width - SEGMENT_WIDTH * (count - 1)));
    const segments = segmentWidths.map((type) => ({ type, shortName: shortName(names[i]!), elements: type === 0 ? 1 : elementsOf(type) }));
    const layout = { variable, name: names[i]!, width, segments, index };
    index += segments.reduce((sum, s) => sum + s.elements, 0);
    return layout;
  });
}

/** SPSS print/write format: type (5 = F, 1 = A), width, decimals. */
const format = (type: number, width: number, decimals: number) => (type << 16) | (width << 8) | decimals;

function variableRecords(layout: Layout): Buffer[] {
  const { variable } = layout;
  const missing = variable.valueLabels.filter((l) => l.missing).slice(0, 3).map((l) => l.code);
  return layout.segments.flatMap((segment, s) => {
    const first = s === 0;
    const label = first ? Buffer.from(truncateUtf8(variable.label, 255)) : Buffer.alloc(0);
    const fmt = segment.type === 0 ? format(5, variable.integer ? 8 : 10, variable.integer ? 0 : 2) : format(1, segment.type, 0);
    const record = [int32(2), int32(segment.type), int32(label.length > 0 ? 1 : 0), int32(first ? missing.length : 0), int32(fmt), int32(fmt), fixedText(segment.shortName, 8, 0x20)];
    if (label.length > 0) record.push(int32(label.length), Buffer.concat([label, Buffer.alloc((4 - (label.length % 4)) % 4, 0x20)]));
    if (first) for (const code of missing) record.push(float64(code));
    // Each further 8 bytes of text is a continuation record (type -1) that carries nothing else.
    for (let c = 1; c < segment.elements; c++) record.push(int32(2), int32(-1), int32(0), int32(0), int32(0), int32(0), Buffer.alloc(8, 0x20));
    return record;
  });
}

/** Records 3 (labels) and 4 (the variables they apply to), one pair per set of labels. */
function valueLabelRecords(layouts: Layout[]): Buffer[] {
  const sets = new Map<string, { labels: StatVariable['valueLabels']; indexes: number[] }>();
  for (const layout of layouts) {
    if (layout.variable.type !== 'numeric' || layout.variable.valueLabels.length === 0) continue;
    const key = JSON.stringify(layout.variable.valueLabels);
    const set = sets.get(key) ?? { labels: layout.variable.valueLabels, indexes: [] };
    set.indexes.push(layout.index);
    sets.set(key, set);
  }
  return [...sets.values()].flatMap(({ labels, indexes }) => [
    int32(3), int32(labels.length),
    ...labels.flatMap((l) => {
      const text = Buffer.from(truncateUtf8(l.label, 120));
      // The length byte and the label together fill a multiple of 8 bytes.
      const padded = Math.ceil((text.length + 1) / 8) * 8 - 1;
      return [float64(l.code), Buffer.from([text.length]), fixedText(text.toString(), padded, 0x20)];
    }),
    int32(4), int32(indexes.length), ...indexes.map(int32),
  ]);
}

/** Record 7 with a subtype: sized items, then the data. */
const infoRecord = (subtype: number, size: number, data: Buffer) => [int32(7), int32(subtype), int32(size), int32(data.length / size), data];

function extensionRecords(layouts: Layout[]): Buffer[] {
  const integerInfo = Buffer.concat([20, 0, 0, -1, 1, 1, 2, 65001].map(int32)); // version, machine, IEEE floats, compression, little-endian, UTF-8
  const floatInfo = Buffer.concat([float64(SYSMIS), float64(Number.MAX_VALUE), LOWEST]); // system-missing, highest, lowest
  const display = Buffer.concat(layouts.flatMap((l) => l.segments.map(() => [MEASURE[l.variable.measure], l.variable.type === 'numeric' ? 8 : Math.min(40, Math.max(8, l.width)), l.variable.type === 'numeric' ? 1 : 0])).flat().map(int32));
  const longNames = Buffer.from(layouts.map((l) => `${l.segments[0]!.shortName}=${l.name}`).join('\t'));
  const veryLong = layouts.filter((l) => l.segments.length > 1).map((l) => `${l.segments[0]!.shortName}=${String(l.width).padStart(5, '0')}\u0000\t`).join('');
  return [
    ...infoRecord(3, 4, integerInfo), ...infoRecord(4, 8, floatInfo), ...infoRecord(11, 4, display), ...infoRecord(13, 1, longNames),
    ...(veryLong ? infoRecord(14, 1, Buffer.from(veryLong)) : []), ...infoRecord(20, 1, Buffer.from('UTF-8')),
  ];
}

function header(caseElements: number, count: number, now: Date, label: string): Buffer[] {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(now.getUTCDate())} ${months[now.getUTCMonth()]} ${two(now.getUTCFullYear() % 100)}`;
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  return [
    Buffer.from('$FL2'), fixedText('@(#) SPSS DATA FILE - Pejling', 60, 0x20),
    int32(2), int32(caseElements), int32(0), int32(0), int32(count), float64(100),
    Buffer.from(date), Buffer.from(time), fixedText(truncateUtf8(label, 64), 64, 0x20), Buffer.alloc(3),
  ];
}

function caseOf(layouts: Layout[], row: unknown[]): Buffer[] {
  return layouts.flatMap((layout, i) => {
    const cell = row[i];
    if (layout.variable.type === 'numeric') return [float64(typeof cell === 'number' ? cell : SYSMIS)];
    const bytes = Buffer.from(cell === null || cell === undefined ? '' : String(cell));
    return layout.segments.map((segment, s) => {
      const piece = Buffer.alloc(segment.elements * 8, 0x20);
      // A segment's 256th byte is padding: each holds 255 bytes of the text, the last the rest.
      const from = s * SEGMENT_TEXT;
      if (from < bytes.length) bytes.copy(piece, 0, from, Math.min(bytes.length, from + Math.min(SEGMENT_TEXT, piece.length)));
      return piece;
    });
  });
}

/** Writes the variables and the spooled rows as a .sav file. `label` is the file label (64 bytes at most). */
export async function writeSav(output: BinaryOutput, variables: StatVariable[], rows: SpooledRows, options: { now: Date; label: string }): Promise<void> {
  const layouts = layoutOf(variables, rows);
  const caseElements = layouts.reduce((sum, l) => sum + l.segments.reduce((n, s) => n + s.elements, 0), 0);
  await output.push(...header(caseElements, rows.count, options.now, options.label));
  await output.push(...layouts.flatMap(variableRecords), ...valueLabelRecords(layouts), ...extensionRecords(layouts), int32(999), int32(0));
  for await (const row of rows.rows()) await output.push(...caseOf(layouts, row));
  await output.flush();
}
