/* Chart.js settings every dashboard chart shares: font, no motion, a white background (so a
 * downloaded PNG is not transparent), and our own legend (legend.js) instead of Chart.js's. */
export const Chart = window.Chart;
export const FONT_FAMILY = '"IBM Plex Sans", Arial, sans-serif';

const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export function setUpCharts() {
  // No animation: the charts size themselves to their text after the first layout, and a bar
  // gliding to its new row reads as a wrong value (and a redraw after a filter change is quicker).
  Chart.defaults.animation = false;
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#1a1a1a';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.display = false;
  Chart.register(whiteBackground);
}

/**
 * A dashboard chart at the size the page gives it. Chart.js, left to size itself (responsive),
 * reads its box's size when it is made, after the previous chart changed the page: a layout of the
 * whole page per chart. The dashboard measures every box once (main.js) and sizes each canvas
 * here; main.js redraws a chart whose box changes width.
 */
export function sizedChart(box, width, height, config) {
  const canvas = box.querySelector('canvas');
  canvas.width = width;
  canvas.height = height;
  box.style.height = height + 'px';
  const chart = new Chart(canvas, { ...config, options: { ...config.options, responsive: false } });
  return fitHeight(chart, box);
}

/** Called in a plugin's afterLayout: the chart needs another height (its rows, legend and axis laid out). */
export function wantHeight(chart, needed) {
  chart.$wantedHeight = Math.abs(chart.height - needed) > 2 ? needed : undefined;
}

/** Draw the chart once more at the height its first layout asked for (the first chart of its kind and width). */
function fitHeight(chart, box) {
  const needed = chart.$wantedHeight;
  if (!needed) return chart;
  chart.$wantedHeight = undefined;
  chart.height = needed;
  Chart.helpers.retinaScale(chart, chart.currentDevicePixelRatio, true);
  box.style.height = needed + 'px';
  chart.update();
  return chart;
}

/** A narrow chart (a phone): fewer ticks, labels above the bars. */
export function isNarrow(width) {
  return width < 600;
}
