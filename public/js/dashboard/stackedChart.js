/*
 * 100 % stacked bars, one per round (contact frequency, yes/no, time use): an ordered scale runs
 * light to dark in one hue, unordered categories get distinct hues, "ved ikke" its usual grey.
 */
import { sizedChart, wantHeight } from './chartSetup.js';
import { legendOf } from './legend.js';
import { borderOf, coloursOfScale, qualitative } from './palette.js';
import { percent } from './text.js';

const ROUNDS = ['baseline', 'followUp'];
const BAR_AREA = 110;
const FIRST_GUESS = 220;

/** What a chart with these categories and width needed beside its bars (legend, axis), as laid out on the last one. */
const besideBars = new Map();

/** Plugin: keep room for the two bars however many lines the legend takes (long labels on a phone). */
const roomForBars = {
  id: 'roomForBars',
  afterLayout(chart, args, options) {
    const area = chart.chartArea;
    const beside = chart.height - (area.bottom - area.top);
    besideBars.set(options.kind, beside);
    wantHeight(chart, Math.ceil(beside + BAR_AREA));
  },
};

function drawStacked(box, width, page, roundLabels, categories, axisTitle) {
  const datasets = categories.map((c) => ({
    label: c.label, backgroundColor: c.colour, borderColor: borderOf(c.colour), borderWidth: 1, barPercentage: 0.8,
    data: c.cells.map((cell) => (cell ? cell.share : null)), cells: c.cells,
  }));
  const kind = [box.getAttribute('data-chart'), width].concat(categories.map((c) => c.label)).join('|');
  const beside = besideBars.get(kind);
  return sizedChart(box, width, beside === undefined ? FIRST_GUESS : Math.ceil(beside + BAR_AREA), {
    type: 'bar',
    data: { labels: roundLabels, datasets },
    plugins: [roomForBars],
    options: {
      indexAxis: 'y',
      scales: {
        x: { stacked: true, min: 0, max: 100, ticks: { callback: (value) => percent(value, page.lang) }, title: { display: true, text: axisTitle } },
        y: { stacked: true, grid: { display: false } },
      },
      plugins: {
        roomForBars: { kind },
        wrappedLegend: legendOf(categories.map((c) => ({ text: c.label, fill: c.colour})), box.getAttribute('data-title')),
        tooltip: {
          filter: (item) => item.raw !== null,
          callbacks: {
            label: (item) => {
              const cell = item.dataset.cells[item.dataIndex];
              return item.dataset.label + ': ' + percent(cell.share, page.lang) + (cell.count === undefined ? '' : ' (' + cell.count + ' ' + page.words.answers + ')');
            },
          },
        },
      },
    },
  });
}

/** A choice item's answers per round, every category of its scale in the legend. */
export function drawChoice(box, data, page, width) {
  const item = data.scaleItems.filter((s) => s.itemId === box.getAttribute('data-item'))[0];
  const scale = JSON.parse(box.getAttribute('data-scale'));
  const colours = coloursOfScale(scale, 'sequential');
  const options = scale.options.filter((o) => !(o.dontKnow && data.excludeDontKnow));
  const categories = options.map((o) => ({
    label: o.label, colour: colours[o.code],
    cells: ROUNDS.map((round) => {
      const d = item && item[round];
      if (!d || d.suppressed) return null;
      const c = d.categories.filter((x) => x.code === o.code)[0];
      return { share: c ? c.share * 100 : 0, count: c ? c.count : 0 };
    }),
  }));
  return drawStacked(box, width, page, [data.baseline.label, data.followUp.label], categories, page.words.shareOfAnswers);
}

/** Time use: the mean share of working time per category and round. */
export function drawTimeUse(box, data, page, width) {
  const use = data.timeUse.filter((t) => t.itemId === box.getAttribute('data-item'))[0];
  const labels = JSON.parse(box.getAttribute('data-labels'));
  const colours = qualitative(labels.length);
  const categories = labels.map((l, i) => {
    const c = use && use.categories.filter((x) => x.id === l.id)[0];
    return { label: l.label, colour: colours[i], cells: ROUNDS.map((round) => (c && c[round] !== null && c[round] !== undefined ? { share: c[round] } : null)) };
  });
  return drawStacked(box, width, page, [data.baseline.label, data.followUp.label], categories, page.words.shareOfTime);
}
