/*
 * Keeps the response table of an open round up to date (views/admin/rounds/show.njk) by polling
 * its JSON endpoint. Without JavaScript the page shows the numbers as of loading.
 */
(function () {
  'use strict';
  var POLL_MS = 30000;
  var table = document.getElementById('monitor');
  if (!table || !table.hasAttribute('data-live')) return;
  var status = document.getElementById('monitor-status');

  function cell(text, right) {
    var td = document.createElement('td');
    if (right) td.className = 'text-align-right';
    td.textContent = text;
    return td;
  }
  function percent(rate) {
    return rate === null ? '' : Math.round(rate * 100) + ' %';
  }
  function numbers(row, unit) {
    ['invited', 'opened', 'started', 'submitted'].forEach(function (key) { row.appendChild(cell(String(unit[key]), true)); });
    row.appendChild(cell(percent(unit.responseRate), true));
  }
  function render(monitor) {
    var body = table.tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    monitor.units.forEach(function (unit) {
      var row = document.createElement('tr');
      row.appendChild(cell(unit.municipality || 'Åbent link'));
      row.appendChild(cell(unit.team || ''));
      row.appendChild(cell(unit.group || ''));
      numbers(row, unit);
      body.appendChild(row);
    });
    var foot = table.tFoot.rows[0];
    while (foot.cells.length > 1) foot.deleteCell(1);
    numbers(foot, monitor.total);
    if (status) status.textContent = 'Opdateret kl. ' + new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' });
  }
  function poll() {
    fetch(table.getAttribute('data-monitor-url'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (monitor) { if (monitor) render(monitor); })
      .catch(function () { /* keep the last numbers; try again at the next poll */ });
  }
  setInterval(poll, POLL_MS);
})();
