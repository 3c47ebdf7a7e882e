/*
 * On the page after a successful submission: forget the browser's copy of the answers
 * (form.js keeps one per link in localStorage so that answers survive outages).
 */
(function () {
  'use strict';
  var marker = document.querySelector('[data-clear-draft]');
  if (!marker) return;
  try {
    window.localStorage.removeItem('pejling-draft:' + marker.getAttribute('data-clear-draft'));
  } catch (error) {
    // Storage unavailable: there is nothing to clear.
  }
})();
