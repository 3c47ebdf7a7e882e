/*
 * Likert batteries as diverging stacked bars (Heiberger & Robbins): disagreement left of zero,
 * agreement right, the neutral answer split across zero, "ved ikke" as its own segment at the far
 * right. One bar per round under each statement, labelled with the round's name; the legend
 * lists every category in scale order (as the bars read, left to right).
 */
import { isNarrow, sizedChart } from './chartSetup.js';
import { legendOf } from './legend.js';
import { borderOf, coloursOfScale } from './palette.js';
import { heightFor, kindOf, layoutRows, rowAt, statementRows, textWidth, valuesFor } from './rows.js';
import { percent, wrapChars } from './text.js';

const ROUNDS = ['baseline', 'followUp'];

function sharesOf(distribution) {
  if (!distribution || distribution.suppressed) return null;
  const byCode = {};
  distribution.categories.forEach((c) => { byCode[c.code] = { share: c.share * 100, count: c.count }; });
  return byCode;
}

/** The battery's chart in `box`, `width` pixels wide (measured by the caller, main.js). */
export function drawLikert(box, data, page, width) {
  const items = JSON.parse(box.getAttribute('data-items'));
  const scale = JSON.parse(box.getAttribute('data-scale'));
  const byId = {};
  data.scaleItems.forEach((s) => { byId[s.itemId] = s; });
  const roundLabels = [data.baseline.label, data.followUp.label];
  const canvas = box.querySelector('canvas');
  const layout = layoutRows(canvas.getContext('2d'), items.map((item) => ({ text: item.text, bars: roundLabels })), textWidth(width));
  const distributions = items.map((item) => ROUNDS.map((round) => sharesOf(byId[item.id] && byId[item.id][round])));

  const shown = scale.options.filter((o) => !(o.dontKnow && data.excludeDontKnow));
  const substantive = shown.filter((o) => !o.dontKnow).sort((a, b) => a.code - b.code);
  const dontKnow = shown.filter((o) => o.dontKnow);
  const half = Math.floor(substantive.length / 2);
  const negative = substantive.slice(0, half);
  const neutral = substantive.length % 2 ? [substantive[half]] : [];
  const positive = substantive.slice(substantive.length - half);
  const colours = coloursOfScale(scale, 'diverging');

  function dataset(option, sign, factor) {
    const cell = (g, b) => (distributions[g][b] ? distributions[g][b][option.code] || { share: 0, count: 0 } : null);
    return {
      label: option.label, backgroundColor: colours[option.code], borderColor: borderOf(colours[option.code]), borderWidth: 1, stack: 'answers',
      barPercentage: 0.92, categoryPercentage: 1,
      data: valuesFor(layout.rows, (g, b) => (cell(g, b) ? sign * factor * cell(g, b).share : null)),
      cells: layout.rows.map((row) => (row.kind === 'bar' ? cell(row.group, row.bar) : null)),
    };
  }
  // Chart.js stacks each sign on its own, so datasets go outward from zero on both sides.
  const datasets = [];
  neutral.forEach((o) => { datasets.push(dataset(o, -1, 0.5), dataset(o, 1, 0.5)); });
  negative.slice().reverse().forEach((o) => datasets.push(dataset(o, -1, 1)));
  positive.forEach((o) => datasets.push(dataset(o, 1, 1)));
  dontKnow.forEach((o) => datasets.push(dataset(o, 1, 1)));

  const narrow = isNarrow(width);
  const legendEntries = negative.concat(neutral, positive, dontKnow).map((o) => ({ text: o.label, fill: colours[o.code]}));
  const kind = kindOf(box, width);
  return sizedChart(box, width, heightFor(kind, layout.rows), {
    type: 'bar',
    data: { labels: layout.labels, datasets },
    plugins: [statementRows],
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          stacked: true, min: -100, max: 100,
          ticks: { stepSize: narrow ? 50 : 25, callback: (value) => percent(value, page.lang) },
          // Which way is which, in the scale's own words: "← Meget uenig · Helt enig →".
          title: { display: substantive.length > 1, text: page.words.shareOfAnswers + ' (← ' + (substantive[0] || {}).label + ' · ' + (substantive[substantive.length - 1] || {}).label + ' →)' },
          grid: { color: (ctx) => (ctx.tick && ctx.tick.value === 0 ? '#1a1a1a' : '#e0e0e0'), lineWidth: (ctx) => (ctx.tick && ctx.tick.value === 0 ? 1.5 : 1) },
        },
        y: { stacked: true, grid: { display: false }, ticks: { autoSkip: false, font: { size: 13 } } },
      },
      plugins: {
        statementRows: { rows: layout.rows, kind },
        wrappedLegend: legendOf(legendEntries, box.getAttribute('data-title')),
        tooltip: {
          filter: (item) => item.raw !== null && item.dataset.cells[item.dataIndex] !== null,
          callbacks: {
            title: (tooltipItems) => {
              const row = rowAt(layout.rows, tooltipItems[0].dataIndex);
              return row ? [roundLabels[row.bar] + ':'].concat(wrapChars(items[row.group].text, 48)) : '';
            },
            label: (item) => {
              const cell = item.dataset.cells[item.dataIndex];
              return item.dataset.label + ': ' + percent(cell.share, page.lang) + ' (' + cell.count + ' ' + page.words.answers + ')';
            },
          },
        },
      },
    },
  });
}
