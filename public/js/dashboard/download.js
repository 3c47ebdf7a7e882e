/* Download a figure's chart as PNG (with its heading as title) and its data table as CSV, in the browser. */
import { Chart } from './chartSetup.js';

function save(href, filename) {
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function fileName(title, extension) {
  const slug = String(title || 'figur').toLowerCase().replace(/[æ]/g, 'ae').replace(/[ø]/g, 'oe').replace(/[å]/g, 'aa')
    .normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return 'pejling-' + (slug || 'figur') + '.' + extension;
}

/** The chart's image with its title drawn in (the page shows the title as a heading instead). */
export function chartPng(chart) {
  const legend = chart.options.plugins.wrappedLegend;
  legend.showTitle = true;
  chart.update('none');
  const url = chart.toBase64Image('image/png', 1);
  legend.showTitle = false;
  chart.update('none');
  return url;
}

const FORMULA = /^[=+\-@\t\r]/;

/** A table as CSV (UTF-8 with BOM, CRLF, every cell quoted; cells a spreadsheet would run as formulas neutralised, as in the server's exports). */
export function tableCsv(table) {
  const lines = Array.prototype.map.call(table.querySelectorAll('tr'), (row) => Array.prototype.map.call(row.querySelectorAll('th, td'), (cell) => {
    const text = cell.textContent.replace(/\s+/g, ' ').trim();
    return '"' + (FORMULA.test(text) ? "'" + text : text).replace(/"/g, '""') + '"';
  }).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Buttons with data-download="png" or "csv" act on the figure they sit in. */
export function enableDownloads(root) {
  root.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('[data-download]');
    if (!button) return;
    const figure = button.closest('figure');
    const box = figure && figure.querySelector('[data-chart]');
    const title = box ? box.getAttribute('data-title') : '';
    if (button.getAttribute('data-download') === 'png') {
      const chart = box && Chart.getChart(box.querySelector('canvas'));
      if (chart) save(chartPng(chart), fileName(title, 'png'));
    } else {
      const table = figure && figure.querySelector('table');
      if (!table) return;
      const url = URL.createObjectURL(new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }));
      save(url, fileName(title, 'csv'));
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }
  });
}
