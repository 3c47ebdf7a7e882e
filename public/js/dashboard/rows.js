/*
 * Horizontal bar charts whose statements may be long: every statement's full text is drawn,
 * wrapped to the chart's width, on its own rows above its bars (one bar per round, labelled with
 * the round's name on the axis). Nothing is cut, on a phone as on a desktop.
 */
import { wrapText } from './text.js';
import { FONT_FAMILY, wantHeight } from './chartSetup.js';

const ROW = 22;
const TEXT_FONT = '600 14px ' + FONT_FAMILY;

/**
 * groups: [{ text, bars: [roundLabel, …] }]. Returns rows (text lines, bars, gaps between groups)
 * and the axis labels: a bar's row shows its round, the others nothing.
 */
export function layoutRows(ctx, groups, width) {
  const rows = [];
  groups.forEach((group, g) => {
    if (g > 0) rows.push({ kind: 'gap' });
    wrapText(ctx, TEXT_FONT, group.text, width).forEach((line) => rows.push({ kind: 'text', line }));
    group.bars.forEach((label, b) => rows.push({ kind: 'bar', group: g, bar: b, label }));
  });
  return { rows, labels: rows.map((row) => (row.kind === 'bar' ? row.label : '')) };
}

/** One value per row: valueOf(group, bar) on bar rows, null elsewhere. */
export function valuesFor(rows, valueOf) {
  return rows.map((row) => (row.kind === 'bar' ? valueOf(row.group, row.bar) : null));
}

/** The row of a data index: { group, bar } or null. */
export function rowAt(rows, index) {
  const row = rows[index];
  return row && row.kind === 'bar' ? row : null;
}

/**
 * The height a chart needs beside its rows (legend, axis, their titles), as laid out on the last
 * chart of the same kind, scale and width. Sizing a chart with it spares it a second layout and
 * drawing once its rows are known; the first of its kind starts from a guess and is corrected.
 */
const besideRows = new Map();
const FIRST_GUESS_BESIDE = 110;

/** The key under which charts share what they need beside their rows. */
export function kindOf(box, width) {
  return [box.getAttribute('data-chart'), box.getAttribute('data-scale'), width].join('|');
}

/** The canvas height for these rows in a chart of this kind. */
export function heightFor(kind, rows) {
  const beside = besideRows.get(kind);
  return Math.ceil(rows.length * ROW + (beside === undefined ? FIRST_GUESS_BESIDE : beside));
}

/**
 * Plugin: draws the statement lines on their rows and asks for the height the rows need (legend
 * and axis included), so the bars keep their thickness however many lines the text takes.
 * Options: rows, and kind (kindOf) to remember what this chart needed beside its rows.
 */
export const statementRows = {
  id: 'statementRows',
  afterLayout(chart, args, options) {
    if (!options.rows) return;
    const area = chart.chartArea;
    const beside = chart.height - (area.bottom - area.top);
    besideRows.set(options.kind, beside);
    wantHeight(chart, Math.ceil(options.rows.length * ROW + beside));
  },
  afterDraw(chart, args, options) {
    if (!options.rows) return;
    const ctx = chart.ctx;
    const y = chart.scales.y;
    ctx.save();
    ctx.font = TEXT_FONT;
    ctx.fillStyle = '#1a1a1a';
    ctx.textBaseline = 'middle';
    options.rows.forEach((row, i) => {
      if (row.kind !== 'text') return;
      const middle = y.getPixelForValue(i);
      // White behind the text, so the zero line and the grid do not run through the words.
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, middle - ROW / 2, ctx.measureText(row.line).width + 10, ROW);
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText(row.line, 4, middle);
    });
    ctx.restore();
  },
};

/** The width the statement text may use: the whole canvas but a small margin. */
export function textWidth(width) {
  return Math.max(160, width - 12);
}
