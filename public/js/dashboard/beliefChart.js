/*
 * Belief indicators: the mean share per round as horizontal bars with 95 % interval whiskers,
 * each indicator's full text above its bars (readable on a phone).
 */
import { isNarrow, sizedChart } from './chartSetup.js';
import { legendOf } from './legend.js';
import { ROUND_COLOURS, WHISKER } from './palette.js';
import { heightFor, kindOf, layoutRows, rowAt, statementRows, textWidth, valuesFor } from './rows.js';
import { percent, wrapChars } from './text.js';

const ROUNDS = ['baseline', 'followUp'];

const whiskers = {
  id: 'whiskers',
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    const x = chart.scales.x;
    chart.data.datasets.forEach((dataset, d) => {
      chart.getDatasetMeta(d).data.forEach((bar, i) => {
        const cell = dataset.cells[i];
        if (!cell || cell.lower === null || cell.lower === undefined) return;
        const left = x.getPixelForValue(cell.lower * 100);
        const right = x.getPixelForValue(cell.upper * 100);
        ctx.save();
        ctx.strokeStyle = WHISKER;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(left, bar.y); ctx.lineTo(right, bar.y);
        ctx.moveTo(left, bar.y - 5); ctx.lineTo(left, bar.y + 5);
        ctx.moveTo(right, bar.y - 5); ctx.lineTo(right, bar.y + 5);
        ctx.stroke();
        ctx.restore();
      });
    });
  },
};

/** The belief indicators' chart in `box`, `width` pixels wide (measured by the caller, main.js). */
export function drawBelief(box, data, page, width) {
  const indicators = data.indicators;
  const roundLabels = [data.baseline.label, data.followUp.label];
  const canvas = box.querySelector('canvas');
  const textOf = (indicator) => (indicator.label && (indicator.label[page.lang] || indicator.label.da)) || indicator.id;
  const layout = layoutRows(canvas.getContext('2d'), indicators.map((i) => ({ text: textOf(i), bars: roundLabels })), textWidth(width));
  const cellOf = (g, b) => { const side = indicators[g][ROUNDS[b]]; return side && !side.suppressed ? side : null; };
  const datasets = ROUNDS.map((round, b) => ({
    label: roundLabels[b], backgroundColor: ROUND_COLOURS[b], borderColor: ROUND_COLOURS[b], barPercentage: 0.92, categoryPercentage: 1, grouped: false,
    // Each round has its own rows: a dataset holds values only on its round's rows.
    data: valuesFor(layout.rows, (g, bar) => (bar === b && cellOf(g, bar) ? cellOf(g, bar).mean * 100 : null)),
    cells: layout.rows.map((row) => (row.kind === 'bar' && row.bar === b ? cellOf(row.group, row.bar) : null)),
  }));
  const highest = Math.max(10, ...indicators.flatMap((i) => ROUNDS.map((r) => (i[r] && !i[r].suppressed ? (i[r].upper === null ? i[r].mean : i[r].upper) * 100 : 0))));
  const entries = roundLabels.map((label, b) => ({ text: label + ': ' + page.words.mean.toLowerCase(), fill: ROUND_COLOURS[b], pointStyle: 'rect' }))
    .concat([{ text: page.words.interval, fill: WHISKER, pointStyle: 'line' }]);
  const kind = kindOf(box, width);
  return sizedChart(box, width, heightFor(kind, layout.rows), {
    type: 'bar',
    data: { labels: layout.labels, datasets },
    plugins: [statementRows, whiskers],
    options: {
      indexAxis: 'y',
      scales: {
        x: { min: 0, max: Math.min(100, Math.ceil(highest / 10) * 10), ticks: { maxTicksLimit: isNarrow(width) ? 5 : 11, callback: (value) => percent(value, page.lang) } },
        y: { grid: { display: false }, ticks: { autoSkip: false } },
      },
      plugins: {
        statementRows: { rows: layout.rows, kind },
        wrappedLegend: legendOf(entries, box.getAttribute('data-title')),
        tooltip: {
          filter: (item) => item.raw !== null,
          callbacks: {
            title: (items) => { const row = rowAt(layout.rows, items[0].dataIndex); return row ? [roundLabels[row.bar] + ':'].concat(wrapChars(textOf(indicators[row.group]), 48)) : ''; },
            label: (item) => {
              const cell = item.dataset.cells[item.dataIndex];
              const interval = cell.lower === null ? '' : ', ' + page.words.interval + ' ' + percent(cell.lower * 100, page.lang) + ' – ' + percent(cell.upper * 100, page.lang);
              return page.words.mean + ': ' + percent(cell.mean * 100, page.lang) + interval + ' (' + page.words.n + ' = ' + cell.n + ')';
            },
          },
        },
      },
    },
  });
}
