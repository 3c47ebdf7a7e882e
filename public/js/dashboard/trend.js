/*
 * The trend page's line charts (views/dashboards/trend.njk): per statement or measure a line per
 * group (everyone, intervention, control) over the chosen rounds, with the 95 % interval of each
 * point as a whisker. The data come from the chart box's data-trend-chart attribute, rendered from
 * the same payload as the table beside it; without JavaScript the table and caption remain.
 */
import { Chart, isNarrow, setUpCharts } from './chartSetup.js';

/** The line colours; public/css/trend.css draws the legend's swatches in the same ones. */
const STYLE = {
  all: { colour: '#1a1a1a', dash: [], point: 'circle' },
  intervention: { colour: '#0072b2', dash: [], point: 'rect' },
  control: { colour: '#d55e00', dash: [6, 4], point: 'triangle' },
};

const number = (value, digits) => value.toLocaleString('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Vertical whiskers from each point's lower to upper bound, in its line's colour. */
const whiskers = {
  id: 'trendWhiskers',
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    chart.data.datasets.forEach((dataset, index) => {
      if (!chart.isDatasetVisible(index)) return;
      ctx.save();
      ctx.strokeStyle = dataset.borderColor;
      ctx.lineWidth = 1.5;
      dataset.data.forEach((point) => {
        if (!point) return;
        const x = scales.x.getPixelForValue(point.x);
        const [top, bottom] = [scales.y.getPixelForValue(point.upper), scales.y.getPixelForValue(point.lower)];
        ctx.beginPath();
        ctx.moveTo(x, top); ctx.lineTo(x, bottom);
        ctx.moveTo(x - 4, top); ctx.lineTo(x + 4, top);
        ctx.moveTo(x - 4, bottom); ctx.lineTo(x + 4, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

function draw(box) {
  const data = JSON.parse(box.getAttribute('data-trend-chart'));
  const percent = data.unit === 'percent';
  const digits = percent ? 0 : 1;
  const spread = data.lines.length > 1 ? 0.06 : 0;
  const datasets = data.lines.map((line, index) => ({
    label: line.label,
    // Lines sit a little apart so their whiskers do not hide each other.
    data: line.points.map((point, round) => (point ? { x: round + (index - (data.lines.length - 1) / 2) * spread, y: point.estimate, lower: point.lower, upper: point.upper } : null)),
    borderColor: STYLE[line.group].colour, backgroundColor: STYLE[line.group].colour, borderDash: STYLE[line.group].dash,
    pointStyle: STYLE[line.group].point, pointRadius: 5, borderWidth: 2, spanGaps: false,
  }));
  const narrow = isNarrow(box.clientWidth);
  return new Chart(box.querySelector('canvas'), {
    type: 'line',
    data: { datasets },
    plugins: [whiskers],
    options: {
      parsing: false,
      layout: { padding: { right: 12 } },
      scales: {
        x: {
          type: 'linear', min: -0.3, max: data.rounds.length - 0.7, grid: { display: false },
          // One tick per round at its whole number, whatever the padding around the first and last.
          afterBuildTicks: (axis) => { axis.ticks = data.rounds.map((_, round) => ({ value: round })); },
          ticks: { callback: (value) => data.rounds[value] ?? '' },
        },
        y: {
          ...(percent ? { min: 0, max: 100 } : {}),
          title: { display: !narrow, text: percent ? 'Andel (%)' : 'Gennemsnit' },
          ticks: { callback: (value) => `${number(value, percent ? 0 : 1)}${percent ? ' %' : ''}` },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => data.rounds[Math.round(items[0].raw.x)],
            label: (item) => `${item.dataset.label}: ${number(item.raw.y, digits)}${percent ? ' %' : ''} (${number(item.raw.lower, digits)}–${number(item.raw.upper, digits)})`,
          },
        },
      },
    },
  });
}

function drawAll() {
  const root = document.getElementById('trend');
  if (!root || !window.Chart) return;
  setUpCharts();
  const boxes = Array.prototype.slice.call(root.querySelectorAll('[data-trend-chart]'));
  const charts = boxes.map((box) => {
    const chart = draw(box);
    box.setAttribute('data-drawn', 'true');
    return chart;
  });
  root.setAttribute('data-charts-drawn', String(charts.length));
}

drawAll();
