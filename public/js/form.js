/*
 * Behaviour of the questionnaire form (views/form.njk). Plain browser JavaScript, no build step.
 * The form works without it; this adds: focus on the error summary, live sums for allocations,
 * hiding questions whose condition is not met, clearing a field's error once it is fixed, and autosave to the server and to localStorage
 * (so answers survive a flaky connection or a database outage).
 * All texts come from data-* attributes rendered in the respondent's language.
 */
(function () {
  'use strict';

  var SAVE_DELAY_MS = 1500;
  var RETRY_DELAY_MS = 30000;
  var STORAGE_PREFIX = 'pejling-draft:';

  var form = document.getElementById('pejling-form');
  if (!form) return;

  var token = form.getAttribute('data-token') || '';
  var draftUrl = form.getAttribute('data-draft-url') || '';
  var language = form.getAttribute('data-language') || 'da';
  var locale = language === 'da' ? 'da-DK' : 'en-GB';
  var statusElement = document.getElementById('autosave-status');

  function text(name) {
    return form.getAttribute('data-text-' + name) || '';
  }

  // ---------- Values ----------

  function isAnswerField(name) {
    return name !== '' && name !== 'action' && name !== '_lang';
  }

  /** The fields exactly as a normal POST of the form would send them. */
  function collectValues() {
    var values = {};
    new FormData(form).forEach(function (value, name) {
      if (isAnswerField(name) && typeof value === 'string') values[name] = value;
    });
    return values;
  }

  function applyValues(values) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || !isAnswerField(element.name)) return;
      if (element.type === 'radio') {
        element.checked = values[element.name] === element.value;
      } else if (element.tagName === 'TEXTAREA' || (element.tagName === 'INPUT' && element.type === 'text')) {
        element.value = Object.prototype.hasOwnProperty.call(values, element.name) ? values[element.name] : '';
      }
    });
  }

  function hasAnswers(values) {
    return Object.keys(values).some(function (name) { return values[name].trim() !== ''; });
  }

  function sameValues(a, b) {
    var names = Object.keys(a).concat(Object.keys(b));
    return names.every(function (name) { return (a[name] || '') === (b[name] || ''); });
  }

  function fieldValue(name) {
    var field = form.elements.namedItem(name);
    if (!field) return '';
    // A group of radios is a RadioNodeList; a lone radio is the element itself.
    if (field.type === 'radio') return field.checked ? field.value : '';
    return (field.value || '').trim();
  }

  // ---------- Conditional questions ----------

  function clearInputs(container) {
    var cleared = false;
    container.querySelectorAll('input, textarea').forEach(function (input) {
      if (input.type === 'radio') {
        if (input.checked) { input.checked = false; cleared = true; }
      } else if (input.value !== '') {
        input.value = '';
        cleared = true;
      }
    });
    return cleared;
  }

  /**
   * Conditions only point at earlier questions, so one pass in document order is enough: a
   * hidden question is cleared before any question that depends on it is looked at.
   * Hidden questions are cleared because the server does not accept answers to them.
   */
  function applyConditions() {
    var cleared = false;
    form.querySelectorAll('[data-show-if-item]').forEach(function (question) {
      var answer = fieldValue(question.getAttribute('data-show-if-item'));
      var codes = (question.getAttribute('data-show-if-any-of') || '').split(',');
      var show = answer !== '' && codes.indexOf(answer) !== -1;
      question.hidden = !show;
      if (!show && clearInputs(question)) cleared = true;
    });
    form.querySelectorAll('fieldset[data-allocation-total]').forEach(updateAllocation);
    return cleared;
  }

  // ---------- Allocation sums ----------

  function parseNumber(raw) {
    var trimmed = raw.trim().replace(/\s/g, '').replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
  }

  function formatNumber(value) {
    return value.toLocaleString(locale, { maximumFractionDigits: 2 });
  }

  function updateAllocation(fieldset) {
    var output = fieldset.querySelector('[data-allocation-sum]');
    if (!output) return;
    var total = Number(fieldset.getAttribute('data-allocation-total'));
    var sum = 0;
    var anyEntered = false;
    fieldset.querySelectorAll('[data-allocation-input]').forEach(function (input) {
      if (input.value.trim() !== '') anyEntered = true;
      sum += parseNumber(input.value) || 0;
    });
    var difference = Math.round((total - sum) * 100) / 100;
    var status;
    if (difference === 0) status = fieldset.getAttribute('data-text-matches');
    else if (difference > 0) status = (fieldset.getAttribute('data-text-missing') || '').replace('{amount}', formatNumber(difference));
    else status = (fieldset.getAttribute('data-text-too-much') || '').replace('{amount}', formatNumber(-difference));
    output.textContent = formatNumber(sum) + ' ' + fieldset.getAttribute('data-text-of') + ' ' + formatNumber(total) + ' – ' + status;
    output.setAttribute('data-state', difference === 0 ? 'match' : anyEntered ? 'mismatch' : 'empty');
  }

  // ---------- Browser copy ----------

  // Without a draft URL (an admin's test of a questionnaire) nothing is kept, not even in this browser.
  function readLocal() {
    if (!draftUrl) return null;
    try {
      var stored = JSON.parse(window.localStorage.getItem(STORAGE_PREFIX + token) || 'null');
      return stored && typeof stored.values === 'object' ? stored : null;
    } catch (error) {
      return null;
    }
  }

  function writeLocal(record) {
    if (!draftUrl) return;
    try {
      window.localStorage.setItem(STORAGE_PREFIX + token, JSON.stringify(record));
    } catch (error) {
      // Private mode or a full quota: the server copy still works.
    }
  }

  /**
   * Use the browser's copy when the page came up empty (e.g. the database lost the draft), or
   * when it holds changes the server never confirmed that are newer than the server's draft.
   */
  function restoreFromLocal() {
    var local = readLocal();
    if (!local || !hasAnswers(local.values)) return false;
    var current = collectValues();
    if (sameValues(current, local.values)) return false;
    var serverTime = Date.parse(form.getAttribute('data-draft-saved-at') || '');
    var localTime = Date.parse(local.changedAt || '');
    var unsyncedAndNewer = local.synced === false && !isNaN(serverTime) && !isNaN(localTime) && localTime > serverTime;
    if (hasAnswers(current) && !unsyncedAndNewer) return false;
    applyValues(local.values);
    return true;
  }

  // ---------- Autosave ----------

  var timer = null;
  var saving = false;
  var dirty = false;

  function setStatus(message) {
    if (statusElement) statusElement.textContent = message;
  }

  function clockTime() {
    var now = new Date();
    return String(now.getHours()).padStart(2, '0') + ':' + String(now.getMinutes()).padStart(2, '0');
  }

  function save(keepalive) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!draftUrl || !dirty) return;
    if (saving && !keepalive) { timer = setTimeout(function () { save(false); }, SAVE_DELAY_MS); return; }
    var values = collectValues();
    dirty = false;
    saving = true;
    if (!keepalive) setStatus(text('saving'));
    fetch(draftUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: language, values: values }),
      credentials: 'same-origin',
      keepalive: keepalive === true,
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      var local = readLocal();
      if (local && sameValues(local.values, values)) { local.synced = true; writeLocal(local); }
      setStatus(text('saved').replace('{time}', clockTime()));
    }).catch(function () {
      dirty = true;
      setStatus(text('failed'));
      if (!timer) timer = setTimeout(function () { save(false); }, RETRY_DELAY_MS);
    }).then(function () {
      saving = false;
    });
  }

  function changed() {
    writeLocal({ values: collectValues(), changedAt: new Date().toISOString(), synced: false });
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { save(false); }, SAVE_DELAY_MS);
  }

  // ---------- Error summary ----------

  /** Scroll the question (not just the input) into view, as dkfds' own error summary does. */
  function focusField(field) {
    var fieldset = field.closest('fieldset');
    var legend = fieldset ? fieldset.querySelector('legend') : null;
    var label = form.querySelector('label[for="' + field.id + '"]');
    var heading = field.type === 'radio' && legend ? legend : label || legend || field;
    heading.scrollIntoView();
    field.focus({ preventScroll: true });
  }

  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      var field = link ? document.getElementById(link.getAttribute('href').slice(1)) : null;
      if (!field || field === form) return;
      event.preventDefault();
      focusField(field);
    });
  }

  // ---------- Errors that are fixed ----------

  /**
   * A shown error goes as soon as its field holds an answer the server would take: the same
   * rules it checks (answered unless optional, a number within its range and, for a count, not
   * above the answer it is bounded by; a sum that adds up). The error summary stays as a list of
   * what was wrong when the form was sent; the server checks everything again on "Send svar".
   */
  function numberProblem(input) {
    var raw = input.value.trim();
    if (raw === '') return !input.closest('[data-optional]') && !input.hasAttribute('data-allocation-input');
    var value = parseNumber(raw);
    if (value === null) return true;
    if (input.hasAttribute('data-integer') && Math.floor(value) !== value) return true;
    if (value < Number(input.getAttribute('data-min')) || value > Number(input.getAttribute('data-max'))) return true;
    var boundName = input.getAttribute('data-max-item');
    var bound = boundName ? parseNumber(fieldValue(boundName)) : null;
    return bound !== null && value > bound;
  }

  function fieldProblem(field) {
    if (field.type === 'radio') return !form.querySelector('input[type="radio"][name="' + field.name + '"]:checked') && !field.closest('[data-optional]');
    if (field.hasAttribute('data-min')) return numberProblem(field);
    if (field.value.trim() === '') return !field.closest('[data-optional]');
    var limit = Number(field.getAttribute('maxlength'));
    return limit > 0 && field.value.length > limit;
  }

  /** Every field inside an error's group must be right (all rows of a matrix, a sum's categories). */
  function groupIsFixed(group) {
    var fields = group.querySelectorAll('input[name]:not([type="hidden"]), textarea[name]');
    for (var i = 0; i < fields.length; i++) if (fieldProblem(fields[i])) return false;
    var allocation = group.querySelector('fieldset[data-allocation-total]');
    if (allocation) {
      var sum = 0;
      allocation.querySelectorAll('[data-allocation-input]').forEach(function (input) { sum += parseNumber(input.value) || 0; });
      if (Math.abs(sum - Number(allocation.getAttribute('data-allocation-total'))) > 1e-6) return false;
    }
    return true;
  }

  function clearError(group) {
    var message = Array.prototype.find.call(group.querySelectorAll('.form-error-message'), function (element) {
      return element.closest('.form-error') === group;
    });
    group.classList.remove('form-error');
    if (!message) return;
    group.querySelectorAll('[aria-describedby]').forEach(function (element) {
      var ids = element.getAttribute('aria-describedby').split(' ').filter(function (id) { return id !== message.id; });
      if (ids.length) element.setAttribute('aria-describedby', ids.join(' '));
      else element.removeAttribute('aria-describedby');
    });
    // Invalid while the field still points at an error of its own (a category inside an allocation).
    group.querySelectorAll('[aria-invalid]').forEach(function (element) {
      if (!/-error(\s|$)/.test(element.getAttribute('aria-describedby') || '')) element.removeAttribute('aria-invalid');
    });
    message.remove();
  }

  /** The error groups around a field, innermost first (a category inside its allocation). */
  function clearFixedErrors(field) {
    for (var group = field.closest('.form-error'); group; group = group.parentElement && group.parentElement.closest('.form-error')) {
      if (groupIsFixed(group)) clearError(group);
    }
  }

  // ---------- Wiring ----------

  var restored = restoreFromLocal();
  var clearedOnLoad = applyConditions();
  if (restored) setStatus(text('restored'));
  if (restored || clearedOnLoad) changed();

  function onEdit(event) {
    var target = event.target;
    if (!target.name || !isAnswerField(target.name)) return;
    if (target.type === 'radio' || event.type === 'change') applyConditions();
    var allocation = target.closest('fieldset[data-allocation-total]');
    if (allocation) updateAllocation(allocation);
    clearFixedErrors(target);
    changed();
  }
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);

  // ---------- Sending ----------

  var submitFailed = document.getElementById('submit-failed');
  var sending = false;

  function showSubmitFailed() {
    if (!submitFailed) return;
    submitFailed.hidden = false;
    submitFailed.focus();
  }

  /**
   * The answers are posted with fetch, so that when the database is down (503) or the network is
   * gone the caseworker stays on her filled-in form with a message, instead of landing on an
   * error page. A redirect means the server acted (sent, or saved): follow it. Any other answer
   * (answers to fix, a closed round) is the page the server rendered for this POST: it replaces
   * this one as a native POST's answer would, without posting the answers a second time (which
   * would count twice against the link's rate limit).
   */
  form.addEventListener('submit', function (event) {
    // The POST carries every answer; a late autosave would only race it.
    if (timer) { clearTimeout(timer); timer = null; }
    dirty = false;
    if (!window.fetch || !window.URLSearchParams) return;
    event.preventDefault();
    if (sending) return;
    sending = true;
    var submitter = event.submitter || null;
    var body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    if (submitFailed) submitFailed.hidden = true;
    // Not form.action: the buttons are named "action", which shadows that property.
    fetch(form.getAttribute('action') || window.location.href, { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'text/html' } })
      // Read the body first: leaving the page while it still streams would abort the request.
      .then(function (response) { return response.text().then(function (page) { return { response: response, page: page }; }); })
      .then(function (answer) {
        if (answer.response.status === 503) throw new Error('database unavailable');
        if (answer.response.redirected) { window.location.assign(answer.response.url); return; }
        // document.open drops this page's listeners and timers' targets; the new page's scripts run anew.
        document.open();
        document.write(answer.page);
        document.close();
      })
      .catch(function () {
        sending = false;
        dirty = true;
        showSubmitFailed();
      });
  });

  // Leaving the page (switching language, closing the tab): send what is not saved yet.
  document.querySelectorAll('[data-language-link]').forEach(function (link) {
    link.addEventListener('click', function () { save(true); });
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') save(true);
  });
})();
