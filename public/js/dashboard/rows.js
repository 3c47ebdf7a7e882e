/*
 * Horizontal bar charts whose statements may be long: every statement's full text is drawn,
 * wrapped to the chart's width, on its own rows above its bars (one bar per round, labelled with
 * the round's name on the axis). Nothing is cut, on a phone as on a desktop.
 */
import { wrapText } from './text.js';
import { FONT_FAMILY } from './chartSetup.js';

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
 * The height a chart needs beside its rows (legend, axis, their titles), as measured on the last
 * chart of the same kind, scale and width. Sizing a box with it before its chart is made spares
 * the chart a second layout and drawing once its rows are known; a wrong guess is corrected then.
 */
const besideRows = new Map();
const kindOf = (box) => [box.getAttribute('data-chart'), box.getAttribute('data-scale'), box.clientWidth].join('|');

/** Make the box as tall as its rows and what a chart like it needed beside them, when that is known. */
export function presize(box, rows) {
  const beside = besideRows.get(kindOf(box));
  if (beside !== undefined) box.style.height = Math.ceil(rows.length * ROW + beside) + 'px';
}

/**
 * Plugin: draws the statement lines on their rows and makes the canvas as tall as its rows need
 * (legend and axis included), so the bars keep their thickness however many lines the text takes.
 */
export const statementRows = {
  id: 'statementRows',
  afterLayout(chart, args, options) {
    if (!options.rows) return;
    const area = chart.chartArea;
    const beside = chart.height - (area.bottom - area.top);
    const needed = Math.ceil(options.rows.length * ROW + beside);
    const box = chart.canvas.parentNode;
    if (!box) return;
    besideRows.set(kindOf(box), beside);
    if (Math.abs(box.clientHeight - needed) > 2) box.style.height = needed + 'px';
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
export function textWidth(box) {
  return Math.max(160, box.clientWidth - 12);
}
