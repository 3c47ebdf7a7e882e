// Live preview on the project texts page (views/admin/projects/texts.njk): a moment after each
// change the form is posted as "preview" and the server's rendering of the mail and the privacy
// notice replaces the preview, so what is shown is exactly what would be sent. Without
// JavaScript the "Vis forhåndsvisning uden at gemme" button does the same with a page load.
const form = document.getElementById('texts-form');
const preview = document.getElementById('texts-preview');
const WAIT_MS = 400;
// Not form.action: the buttons named "action" shadow that property.
const url = form?.getAttribute('action');

if (form instanceof HTMLFormElement && preview) {
  let timer;
  let pending;

  const refresh = async () => {
    pending?.abort();
    pending = new AbortController();
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'preview');
    try {
      const response = await fetch(url, { method: 'POST', body, signal: pending.signal, credentials: 'same-origin', headers: { accept: 'text/html' } });
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('texts-preview');
      if (fresh) preview.replaceChildren(...fresh.childNodes);
    } catch {
      // A newer change is on its way (aborted), or the server is away: the preview button still works.
    }
  };

  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, WAIT_MS);
  });
}
