/**
 * The bulk operation page's script (progressive enhancement: without it the page has its
 * "Aggiorna" link): polls the operation's JSON status, moves the progress bar and its text, and
 * reloads the page once the operation has finished, to show every case's result.
 */
export const BULK_PROGRESS_JS = `(function () {
  'use strict';
  var bar = document.getElementById('bulk-progress');
  var text = document.getElementById('bulk-status');
  if (!bar || !text || bar.getAttribute('data-finished') === 'true') return;
  var url = bar.getAttribute('data-status-url');
  var template = text.getAttribute('data-template');
  function show(s) {
    bar.value = s.processed;
    text.textContent = template.replace(/\\{(\\w+)\\}/g, function (m, k) { return k in s ? String(s[k]) : m; });
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (s) {
        show(s);
        if (s.state === 'done' || s.state === 'failed') window.location.reload();
        else setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
`;

export const BULK_PROGRESS_URL = '/assets/portal/bulk-progress.js';
