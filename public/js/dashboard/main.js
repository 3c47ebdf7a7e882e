/*
 * The dashboard's and the report's charts (views/dashboards/body.njk), drawn with Chart.js from
 * the comparison payload the tables beside them were rendered from, sent in the same response.
 * Without JavaScript the tables remain and the filter form reloads the page.
 */
import { Chart, setUpCharts } from './chartSetup.js';
import { drawBelief } from './beliefChart.js';
import { enableDownloads } from './download.js';
import { enableFilters } from './filters.js';
import { wrappedLegend } from './legend.js';
import { drawLikert } from './likertChart.js';
import { drawChoice, drawTimeUse } from './stackedChart.js';

const DRAW = { likert: drawLikert, belief: drawBelief, stacked: drawChoice, timeuse: drawTimeUse };
let drawn = [];

function clearCharts() {
  drawn.forEach((entry) => entry.chart.destroy());
  drawn = [];
}

/**
 * Draw every chart under #dashboard from the comparison sent with the content (data-comparison:
 * the part of GET /api/projects/{id}/comparison's payload the charts read, src/dashboards/chartPayload.ts);
 * a chart's text wraps to its width, so a new width redraws it.
 */
function drawCharts() {
  const root = document.getElementById('dashboard');
  if (!root) return;
  const page = { lang: root.getAttribute('data-lang') === 'en' ? 'en' : 'da', words: JSON.parse(root.getAttribute('data-words')) };
  try {
    const data = JSON.parse(root.getAttribute('data-comparison'));
    Array.prototype.forEach.call(root.querySelectorAll('[data-chart]'), (box) => {
      const draw = DRAW[box.getAttribute('data-chart')];
      if (!draw) return;
      drawn.push({ box, chart: draw(box, data, page), width: box.clientWidth, redraw: () => draw(box, data, page) });
      box.setAttribute('data-drawn', 'true');
      const actions = box.parentNode.querySelector('.chart-actions');
      if (actions) actions.hidden = false;
    });
    root.setAttribute('data-charts-drawn', 'true');
  } catch (error) {
    root.setAttribute('data-charts-failed', 'true');
  }
}

/** Redraw the charts whose width changed: their statements wrap anew. */
function redrawResized() {
  drawn.forEach((entry) => {
    if (Math.abs(entry.box.clientWidth - entry.width) < 2) return;
    entry.chart.destroy();
    entry.chart = entry.redraw();
    entry.width = entry.box.clientWidth;
  });
}

let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(redrawResized, 150);
});
// The printed page is narrower than the screen: wrap for it before Chart.js shrinks the canvas.
window.addEventListener('beforeprint', redrawResized);

if (Chart) {
  setUpCharts();
  Chart.register(wrappedLegend);
  enableDownloads(document.body);
  drawCharts();
}
const form = document.querySelector('form[data-filters]');
if (form && window.history && window.fetch) {
  enableFilters(form, (container, html) => {
    clearCharts();
    container.innerHTML = html;
    if (Chart) drawCharts();
  });
}
