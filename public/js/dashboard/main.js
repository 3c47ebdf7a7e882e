/*
 * The dashboard's and the report's charts (views/dashboards/body.njk), drawn with Chart.js from
 * the comparison payload the tables beside them were rendered from, sent in the same response.
 * Without JavaScript the tables remain and the filter form reloads the page.
 */
import { Chart, FONT_FAMILY, setUpCharts } from './chartSetup.js';
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
 * a chart's text wraps to its width, so a new width redraws it. Every box is measured before any
 * chart is drawn: one layout of the page, not one per chart.
 */
function drawCharts() {
  const root = document.getElementById('dashboard');
  if (!root) return;
  const page = { lang: root.getAttribute('data-lang') === 'en' ? 'en' : 'da', words: JSON.parse(root.getAttribute('data-words')) };
  try {
    const data = JSON.parse(root.getAttribute('data-comparison'));
    const boxes = Array.prototype.filter.call(root.querySelectorAll('[data-chart]'), (box) => DRAW[box.getAttribute('data-chart')]);
    const widths = boxes.map((box) => box.clientWidth);
    boxes.forEach((box, i) => {
      const draw = DRAW[box.getAttribute('data-chart')];
      drawn.push({ box, chart: draw(box, data, page, widths[i]), width: widths[i], redraw: (width) => draw(box, data, page, width) });
      box.setAttribute('data-drawn', 'true');
      const actions = box.parentNode.querySelector('.chart-actions');
      if (actions) actions.hidden = false;
    });
    root.setAttribute('data-charts-drawn', 'true');
    markDrawn();
  } catch (error) {
    root.setAttribute('data-charts-failed', 'true');
  }
}

/**
 * A user timing mark once the drawn charts are on screen (after the next frame): how long a
 * reader waited, from navigation start or from a filter change (filters.js marks its start), by
 * the browser's own clock.
 */
function markDrawn() {
  requestAnimationFrame(() => setTimeout(() => performance.mark('pejling:charts-drawn'), 0));
}

/** Redraw the charts whose width changed: their statements wrap anew. */
function redrawResized() {
  const widths = drawn.map((entry) => entry.box.clientWidth);
  drawn.forEach((entry, i) => {
    if (Math.abs(widths[i] - entry.width) < 2) return;
    entry.chart.destroy();
    entry.chart = entry.redraw(widths[i]);
    entry.width = widths[i];
  });
}

/**
 * The charts measure and draw their text in the page's font (IBM Plex Sans), once: a chart drawn
 * before the font arrives keeps a fallback's letters and wraps its statements by the fallback's
 * widths. So the first drawing waits for the font (the dashboard preloads it), a second at most.
 */
function fontsReady() {
  if (!document.fonts || !document.fonts.load) return Promise.resolve();
  // With the arrows of the axis titles ("← Meget uenig · Helt enig →"), which the font keeps in a file of their own.
  const loading = Promise.all(['400 13px', '600 14px'].map((font) => document.fonts.load(font + ' ' + FONT_FAMILY, 'Aæ←→')));
  return Promise.race([loading, new Promise((resolve) => setTimeout(resolve, 1000))]).catch(() => undefined);
}

let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(redrawResized, 150);
});
// The printed page is narrower than the screen: wrap the statements for its width (where the
// browser does not say it prints, the print style sheet scales a wider canvas down).
window.addEventListener('beforeprint', redrawResized);

if (Chart) {
  setUpCharts();
  Chart.register(wrappedLegend);
  enableDownloads(document.body);
  fontsReady().then(drawCharts);
}
const form = document.querySelector('form[data-filters]');
if (form && window.history && window.fetch) {
  enableFilters(form, (container, html) => {
    clearCharts();
    container.innerHTML = html;
    if (Chart) drawCharts();
  });
}
