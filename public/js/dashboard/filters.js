/*
 * The dashboard's filters without reloads: a change fetches the content for the new selection
 * (…/dashboard/content, the same templates the page was rendered from, with the comparison the
 * charts redraw from), while the URL follows (history.pushState). Back and Forward show
 * what the URL says: the controls are set from it and the content fetched for it. Without
 * JavaScript the form is a plain GET form and reloads the page.
 */

/** The form's selection as a query string, empty choices ("Alle") left out. */
export function queryOf(form) {
  const query = new URLSearchParams();
  new FormData(form).forEach((value, name) => { if (value !== '') query.append(name, String(value)); });
  return query.toString();
}

/** Set every control from a query; a control the query does not name shows its first option ("Alle"). */
export function setControls(form, query) {
  const params = new URLSearchParams(query);
  Array.prototype.forEach.call(form.querySelectorAll('select'), (select) => {
    const values = params.getAll(select.name);
    Array.prototype.forEach.call(select.options, (option, i) => { option.selected = values.length ? values.indexOf(option.value) !== -1 : i === 0; });
  });
}

export function enableFilters(form, onContent) {
  const container = document.getElementById('dashboard-content');
  const status = document.querySelector('[data-status]');
  const words = () => { const root = document.getElementById('dashboard'); return root ? JSON.parse(root.getAttribute('data-words')) : null; };
  const fallback = words() || {};
  let latest = 0;
  let controller = null;

  function updateLinks(query) {
    const params = new URLSearchParams(query);
    const lang = params.get('lang') || document.documentElement.lang || 'da';
    const language = document.querySelector('[data-link="language"]');
    const report = document.querySelector('[data-link="report"]');
    const other = new URLSearchParams(query);
    other.set('lang', lang === 'da' ? 'en' : 'da');
    if (language) language.setAttribute('href', '?' + other.toString());
    if (report) report.setAttribute('href', report.getAttribute('href').split('?')[0] + '?' + query);
  }

  async function show(query) {
    performance.mark('pejling:filter-changed');
    const mine = ++latest;
    if (controller) controller.abort();
    controller = new AbortController();
    container.setAttribute('aria-busy', 'true');
    if (status) status.textContent = fallback.loading || '';
    updateLinks(query);
    try {
      const response = await fetch(container.getAttribute('data-content-url') + '?' + query, { credentials: 'same-origin', headers: { accept: 'text/html' }, signal: controller.signal });
      const html = await response.text();
      if (mine !== latest) return;
      // A refused view (400 with its reason) comes as content too: it says why instead of the figures.
      if (!response.ok && response.status >= 500) throw new Error(String(response.status));
      onContent(container, html);
      if (status) status.textContent = (words() || fallback).updated || '';
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      if (status) status.textContent = fallback.failed || '';
    } finally {
      if (mine === latest) container.setAttribute('aria-busy', 'false');
    }
  }

  let shown = '';
  function choose() {
    const query = queryOf(form);
    if (query === shown) return;
    shown = query;
    history.pushState({ query }, '', '?' + query);
    show(query);
  }

  // Start from the selection the server rendered (the browser may have restored other values into
  // the controls), and name it in full in the URL, so Back always has a whole query to return to.
  setControls(form, form.getAttribute('data-query'));
  shown = queryOf(form);
  history.replaceState({ query: shown }, '', '?' + shown + location.hash);
  updateLinks(shown);
  container.setAttribute('aria-busy', 'false');

  form.addEventListener('change', choose);
  form.addEventListener('submit', (event) => { event.preventDefault(); choose(); });
  window.addEventListener('popstate', () => {
    setControls(form, location.search);
    const query = queryOf(form);
    if (query === shown) return;
    shown = query;
    show(query);
  });
}
