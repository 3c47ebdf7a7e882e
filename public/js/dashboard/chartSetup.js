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

/** A narrow chart (a phone): fewer ticks, labels above the bars. */
export function isNarrow(width) {
  return width < 600;
}
