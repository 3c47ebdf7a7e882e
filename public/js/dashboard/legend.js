/*
 * The legend every chart draws above its bars (Chart.js's own lays long labels over each other
 * when they wrap): every entry wraps to the chart's width, the entries flow in rows, and the
 * chart's title goes above them in a downloaded PNG. Options (plugins.wrappedLegend):
 * entries [{ text, fill, pointStyle: 'rect' | 'line' }], title, showTitle.
 */
import { FONT_FAMILY } from './chartSetup.js';
import { wrapText } from './text.js';

const FONT = '14px ' + FONT_FAMILY;
const TITLE_FONT = '600 16px ' + FONT_FAMILY;
const LINE = 18;
const SWATCH = 16;
const GAP = 8;
const ITEM_GAP = 18;
// Every swatch gets a dark outline: a light one (the neutral answer) must not vanish on white.
const SWATCH_BORDER = '#5c5c5c';

function measure(ctx, font, lines) {
  ctx.save();
  ctx.font = font;
  const width = Math.max(0, ...lines.map((line) => ctx.measureText(line).width));
  ctx.restore();
  return width;
}

/** Place the title lines and the entries for a chart `width` wide; returns the height they take. */
function layOut(ctx, options, width) {
  const placed = { title: [], items: [], height: 0 };
  let y = 0;
  if (options.showTitle && options.title) {
    placed.title = wrapText(ctx, TITLE_FONT, options.title, width - 8);
    y = placed.title.length * 22 + 8;
  }
  let x = 0;
  let rowHeight = 0;
  (options.entries || []).forEach((entry) => {
    const lines = wrapText(ctx, FONT, entry.text, width - SWATCH - GAP - 8);
    const itemWidth = SWATCH + GAP + measure(ctx, FONT, lines);
    const itemHeight = lines.length * LINE;
    if (x > 0 && x + itemWidth > width) { y += rowHeight + 6; x = 0; rowHeight = 0; }
    placed.items.push({ entry, lines, x, y });
    x += itemWidth + ITEM_GAP;
    rowHeight = Math.max(rowHeight, itemHeight);
  });
  placed.height = y + rowHeight + 12;
  return placed;
}

function swatch(ctx, entry, x, y) {
  ctx.save();
  if (entry.pointStyle === 'line') {
    ctx.strokeStyle = entry.fill;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, y + LINE / 2); ctx.lineTo(x + SWATCH, y + LINE / 2);
    ctx.moveTo(x, y + 4); ctx.lineTo(x, y + LINE - 4);
    ctx.moveTo(x + SWATCH, y + 4); ctx.lineTo(x + SWATCH, y + LINE - 4);
    ctx.stroke();
  } else {
    ctx.fillStyle = entry.fill;
    ctx.fillRect(x, y + 2, SWATCH, LINE - 4);
    ctx.strokeStyle = SWATCH_BORDER;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 2.5, SWATCH - 1, LINE - 5);
  }
  ctx.restore();
}

export const wrappedLegend = {
  id: 'wrappedLegend',
  beforeLayout(chart, args, options) {
    chart.$legendLayout = layOut(chart.ctx, options, chart.width);
    const padding = chart.options.layout.padding;
    chart.options.layout.padding = { top: chart.$legendLayout.height, right: 8, bottom: typeof padding === 'object' ? padding.bottom || 0 : 0, left: 0 };
  },
  afterDraw(chart) {
    const placed = chart.$legendLayout;
    if (!placed) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#1a1a1a';
    ctx.font = TITLE_FONT;
    placed.title.forEach((line, i) => ctx.fillText(line, 2, 11 + i * 22));
    ctx.font = FONT;
    placed.items.forEach((item) => {
      swatch(ctx, item.entry, item.x + 1, item.y);
      item.lines.forEach((line, i) => ctx.fillText(line, item.x + SWATCH + GAP, item.y + LINE / 2 + i * LINE));
    });
    ctx.restore();
  },
};

/** The plugin options for a legend of `entries` under the chart's `title` (shown only in a download). */
export function legendOf(entries, title) {
  return { entries, title: title || '', showTitle: false };
}
