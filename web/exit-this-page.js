// "Exit this page", as GOV.UK Frontend does it: a button in the 999 bar, a hidden skip link
// (the first thing Tab reaches), and Shift pressed three times within 5 seconds (a Shift used
// for a capital letter does not count). Leaving clears the checker first (the app listens for
// `threshold-widget:clear`), covers the page with a blank overlay, and uses location.replace,
// so Back cannot bring the answers back.
//
// Plain JavaScript, loaded as a file of the site, so it works even when the wasm has not loaded.
// The destination is the links' href, set by the widget from the engine's one answer
// (`exit_destination`: the area's `exit_page`, else the site's `exit-page` setting, else the
// page's own link). It is off when the widget's element (<html>, or the host element of a
// script embed) has data-exit-page-area="off" (the widget writes it when the site or the area
// turns it off) or data-exit-page="off" (written by a site in its own HTML). Mounted by widget.js, the widget is in a
// shadow root; in embed.html it is in a frame, and leaving takes the whole page away.
(() => {
  const PRESSES = 3;
  const WINDOW_MS = 5000;
  const host = () => document.querySelector('[data-threshold-widget]');
  const root = () => host()?.shadowRoot ?? document;
  const widget = () => (host()?.shadowRoot ? host() : document.documentElement);
  const links = () => [...root().querySelectorAll('[data-exit-this-page]')];
  const enabled = () => widget().dataset.exitPage !== 'off' && widget().dataset.exitPageArea !== 'off';
  const framed = document.documentElement.dataset.embed === 'frame' && window.top !== window;

  function leave(event) {
    if (!enabled()) return;
    const link = links()[0];
    if (!link) return;
    if (event) event.preventDefault();
    window.dispatchEvent(new Event('threshold-widget:clear'));
    const overlay = root().getElementById('exit-overlay');
    if (overlay) overlay.hidden = false;
    if (framed) {
      // The partnership's page around the frame must go too; a browser that refuses lets
      // the frame at least leave.
      try {
        window.top.location.replace(link.href);
        return;
      } catch {
        /* fall through */
      }
    }
    window.location.replace(link.href);
  }

  let count = 0;
  let timer = null;
  let lastKeyWasModified = false;
  const status = () => root().getElementById('exit-status');
  function reset() {
    count = 0;
    clearTimeout(timer);
    timer = null;
    if (status()) status().textContent = '';
  }

  document.addEventListener('click', (event) => {
    // A click inside the shadow root reaches the document retargeted to the host, whose
    // composed path starts at what was clicked. This runs on every tick, so it asks one
    // element for its closest link rather than testing each element of the path.
    const target = event.target?.shadowRoot ? event.composedPath()[0] : event.target;
    const link = target instanceof Element ? target.closest('[data-exit-this-page]') : null;
    if (link) leave(event);
  });
  document.addEventListener('keyup', (event) => {
    if (!enabled()) return;
    if (event.key === 'Shift' && !lastKeyWasModified) {
      count += 1;
      if (count >= PRESSES) {
        reset();
        leave(null);
      } else {
        if (status()) status().textContent = `Shift, press ${PRESSES - count} more ${PRESSES - count === 1 ? 'time' : 'times'} to exit.`;
        clearTimeout(timer);
        timer = setTimeout(() => {
          reset();
          if (status()) status().textContent = 'Exit this page expired.';
        }, WINDOW_MS);
      }
    } else if (event.key !== 'Shift') {
      reset();
    }
    lastKeyWasModified = event.shiftKey;
  });
})();
