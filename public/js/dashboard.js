/*
 * Draws the dashboard's charts (views/dashboards/body.njk) with Chart.js from the comparison API,
 * the same data the tables beside them were rendered from. Without JavaScript the tables remain.
 */
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root || typeof window.Chart === 'undefined') return;
  var Chart = window.Chart;
  var da = root.getAttribute('data-lang') !== 'en';
  var words = { before: da ? 'Før' : 'Before', after: da ? 'Efter' : 'After', dk: da ? 'Ved ikke' : "Don't know" };
  var RDBU = ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'];
  var GREY = '#bdbdbd';
  var PALETTE = ['#0571b0', '#92c5de', '#f4a582', '#ca0020', '#7b3294', '#c2a5cf', '#008837', '#a6dba0'];
  var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  Chart.defaults.animation = reducedMotion || document.querySelector('.report') ? false : Chart.defaults.animation;
  Chart.defaults.font.family = 'IBM Plex Sans, Arial, sans-serif';

  function percent(value) { return Math.round(Math.abs(value)) + ' %'; }
  function json(element, name) { return JSON.parse(element.getAttribute(name) || 'null'); }
  function shares(distribution) {
    var map = {};
    if (!distribution || distribution.suppressed) return null;
    distribution.categories.forEach(function (c) { map[c.code] = c.share * 100; });
    return map;
  }
  function draw(box, config) {
    new Chart(box.querySelector('canvas'), config);
    box.setAttribute('data-drawn', 'true');
  }

  /* Diverging stacked bars (Heiberger & Robbins): disagree left of zero, agree right, neutral split, DK far right. */
  function likert(box, data) {
    var items = json(box, 'data-items');
    var byId = {};
    data.scaleItems.forEach(function (s) { byId[s.itemId] = s; });
    var labels = (items[0].baseline.categories || items[0].followUp.categories || []);
    var dkCodes = [];
    var substantive = [];
    labels.forEach(function (c) { (c.dontKnow ? dkCodes : substantive).push(c.code); });
    substantive.sort(function (a, b) { return a - b; });
    var half = Math.floor(substantive.length / 2);
    var negative = substantive.slice(0, half);
    var neutral = substantive.length % 2 ? [substantive[half]] : [];
    var positive = substantive.slice(substantive.length - half);
    var labelOf = {};
    labels.forEach(function (c) { labelOf[c.code] = c.label; });
    var colourOf = {};
    substantive.forEach(function (code, i) { colourOf[code] = RDBU[Math.round(i * (RDBU.length - 1) / Math.max(1, substantive.length - 1))]; });
    var datasets = [];
    ['baseline', 'followUp'].forEach(function (round) {
      function series(code, sign, factor, suffix) {
        return {
          label: labelOf[code] + (suffix || '') + ' – ' + (round === 'baseline' ? words.before : words.after),
          stack: round,
          backgroundColor: colourOf[code] || GREY,
          borderColor: '#6a6a6a', borderWidth: 0.5,
          data: items.map(function (item) { var s = shares(byId[item.id] && byId[item.id][round]); return s ? sign * factor * (s[code] || 0) : 0; }),
        };
      }
      neutral.forEach(function (code) { datasets.push(series(code, -1, 0.5)); datasets.push(series(code, 1, 0.5, ' ')); });
      negative.slice().reverse().forEach(function (code) { datasets.push(series(code, -1, 1)); });
      positive.forEach(function (code) { datasets.push(series(code, 1, 1)); });
      dkCodes.forEach(function (code) { var d = series(code, 1, 1); d.backgroundColor = GREY; datasets.push(d); });
    });
    draw(box, {
      type: 'bar',
      data: { labels: items.map(function (item) { return [item.text.length > 70 ? item.text.slice(0, 67) + '…' : item.text, words.before + ' / ' + words.after]; }), datasets: datasets },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true, min: -100, max: 100, ticks: { callback: percent } }, y: { stacked: true } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + percent(ctx.raw); } } } },
      },
    });
    box.style.height = Math.max(220, items.length * 70) + 'px';
  }

  /* Belief indicators: before vs after with 95 % interval whiskers. */
  var whiskers = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      chart.data.datasets.forEach(function (dataset, d) {
        var meta = chart.getDatasetMeta(d);
        meta.data.forEach(function (bar, i) {
          var ci = dataset.intervals[i];
          if (!ci) return;
          var y = chart.scales.y;
          ctx.save();
          ctx.strokeStyle = '#1a1a1a';
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(bar.x, y.getPixelForValue(ci[0])); ctx.lineTo(bar.x, y.getPixelForValue(ci[1]));
          ctx.moveTo(bar.x - 5, y.getPixelForValue(ci[0])); ctx.lineTo(bar.x + 5, y.getPixelForValue(ci[0]));
          ctx.moveTo(bar.x - 5, y.getPixelForValue(ci[1])); ctx.lineTo(bar.x + 5, y.getPixelForValue(ci[1]));
          ctx.stroke();
          ctx.restore();
        });
      });
    },
  };
  function belief(box, data) {
    function side(round, colour, label) {
      return {
        label: label, backgroundColor: colour,
        data: data.indicators.map(function (i) { return i[round].suppressed ? null : i[round].mean * 100; }),
        intervals: data.indicators.map(function (i) { return i[round].suppressed || i[round].lower === null ? null : [i[round].lower * 100, i[round].upper * 100]; }),
      };
    }
    draw(box, {
      type: 'bar', plugins: [whiskers],
      data: { labels: data.indicators.map(function (i) { return (i.label[da ? 'da' : 'en'] || i.id).slice(0, 60); }), datasets: [side('baseline', '#92c5de', words.before), side('followUp', '#0571b0', words.after)] },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, max: 100, ticks: { callback: percent } } } },
    });
  }

  /* 100 % stacked bars, one per round. */
  function stackedBars(box, categories, valueOf) {
    draw(box, {
      type: 'bar',
      data: {
        labels: [words.before, words.after],
        datasets: categories.map(function (c, i) { return { label: c.label, backgroundColor: PALETTE[i % PALETTE.length], data: [valueOf(c, 'baseline'), valueOf(c, 'followUp')] }; }),
      },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true, min: 0, max: 100, ticks: { callback: percent } }, y: { stacked: true } } },
    });
  }

  fetch(root.getAttribute('data-comparison-url'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (data) {
      Array.prototype.forEach.call(root.querySelectorAll('[data-chart]'), function (box) {
        var kind = box.getAttribute('data-chart');
        if (kind === 'likert') likert(box, data);
        if (kind === 'belief') belief(box, data);
        if (kind === 'stacked') {
          var item = data.scaleItems.filter(function (s) { return s.itemId === box.getAttribute('data-item'); })[0];
          stackedBars(box, json(box, 'data-labels'), function (c, round) { var s = shares(item[round]); return s ? s[c.code] || 0 : 0; });
        }
        if (kind === 'timeuse') {
          var use = data.timeUse.filter(function (t) { return t.itemId === box.getAttribute('data-item'); })[0];
          stackedBars(box, json(box, 'data-labels'), function (c, round) { var cat = use.categories.filter(function (x) { return x.id === c.id; })[0]; return cat ? cat[round] : 0; });
        }
      });
      root.setAttribute('data-charts-drawn', 'true');
    })
    .catch(function () { root.setAttribute('data-charts-failed', 'true'); });
})();
