// Keeps the 999 line and the "Likely level" bar in view in both embeds (README, "Embed it on
// your site"), and focus out from under them (WCAG 2.4.11). Plain JavaScript, so it costs no
// wasm and works before the wasm has loaded.
//
// embed.html, in a frame sized to its content: the frame does not scroll, its parent page does.
// examples/threshold-frame.js on that page posts [top, bottom], two numbers, the part of the
// frame on screen in the frame's CSS pixels; this accepts them only from the parent window at
// the frame's `parent-origin` setting, and sets --tw-view-top and --tw-view-below on <html>,
// which style/main.css uses to put the sticky 999 line at the top of that part and the level
// bar at its bottom. The frame sends nothing back (its height is all it ever tells its parent).
//
// widget.js, in a shadow root of the partnership's page: the bars are sticky inside the widget's
// own box (the stylesheet); this keeps the level bar's link to the outcome inside the shadow
// root (a #fragment would look in the partnership's page and change its address).
//
// Both: a control focused under a bar is scrolled clear of it.
(() => {
  const html = document.documentElement;
  const host = document.querySelector('[data-threshold-widget]');
  const root = host?.shadowRoot ?? (html.dataset.embed === 'frame' && window.parent !== window ? document : null);
  if (!root) return;
  const framed = root === document;
  const MAX = 100000;

  if (framed) {
    const parentOrigin = (() => {
      const value = new URLSearchParams(location.search).get('parent-origin')?.toLowerCase();
      if (!value) return null;
      try {
        const url = new URL(value);
        const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
        const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && local);
        return scheme && url.origin === value ? value : null;
      } catch {
        return null;
      }
    })();
    if (parentOrigin) {
      window.addEventListener('message', (event) => {
        if (event.origin !== parentOrigin || event.source !== window.parent) return;
        const d = event.data;
        if (!Array.isArray(d) || d.length !== 2) return;
        const [top, bottom] = d;
        if (![top, bottom].every((n) => typeof n === 'number' && Number.isFinite(n))) return;
        if (top < 0 || bottom < top || bottom > MAX) return;
        const below = Math.max(0, window.innerHeight - bottom);
        html.style.setProperty('--tw-view-top', `${Math.round(top)}px`);
        html.style.setProperty('--tw-view-below', `${Math.round(below)}px`);
        html.dataset.view = 'parent';
        // Too little of the frame on screen for both bars: the level bar waits.
        html.toggleAttribute('data-view-short', bottom - top < 200);
        if (pending) clearFocus();
      });
    }
  }

  const bars = () => [...root.querySelectorAll('.emergency, .level-peek')]
    .filter((b) => b.checkVisibility?.() ?? b.offsetParent !== null)
    .map((b) => ({ el: b, r: b.getBoundingClientRect() }));

  // After focus moves, the browser scrolls the control into view (in a frame, the parent page
  // scrolls and then posts where the frame now is); then, if a bar covers it, scroll it clear.
  let pending = null;
  function clearFocus() {
    const el = root.activeElement;
    if (!el || el === document.body) return;
    const r = el.getBoundingClientRect();
    const covered = bars().some(({ el: b, r: br }) => !b.contains(el)
      && r.top < br.bottom && r.bottom > br.top && r.left < br.right && r.right > br.left);
    if (covered) el.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
  root.addEventListener('focusin', () => {
    clearTimeout(pending);
    if (!framed) requestAnimationFrame(clearFocus);
    pending = setTimeout(() => { pending = null; clearFocus(); }, 150);
  });

  // The level bar's link: the outcome into view, below the 999 line (its scroll margin), and
  // the next Tab goes on from its heading, as a #fragment link does on the widget's own page.
  root.addEventListener('click', (event) => {
    const link = event.composedPath().find((el) => el instanceof Element && el.matches('a.level-peek'));
    const outcome = link && root.getElementById('outcome');
    if (!outcome) return;
    event.preventDefault();
    outcome.scrollIntoView({ block: 'start' });
    const heading = root.getElementById('outcome-heading') ?? outcome;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  });
})();
