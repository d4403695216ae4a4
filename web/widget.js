// threshold-widget: mounts the levels-of-need checker into <div data-threshold-widget> of this
// page, inside a shadow root, so neither page's CSS reaches the other (README, "Embed it on
// your site"). The build (scripts/embed.mjs) fills in BUILD: this build's file names and the
// markup of the widget's own page (index.html's body), which is made fit for a part of
// someone else's page here, with the DOM, not by rewriting text.
(() => {
  const BUILD = /* BUILD */ null;
  const me = document.currentScript ?? document.querySelector('script[src$="widget.js"]');
  const base = new URL('.', me.src).href;
  const host = document.querySelector('[data-threshold-widget]');
  if (!host || host.shadowRoot) return;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = base + BUILD.css;

  const page = document.createElement('template');
  page.innerHTML = BUILD.body;
  const markup = page.content;
  // Scripts come below, from the widget's folder; the noscript note is for its own page.
  for (const el of markup.querySelectorAll('script, noscript')) el.remove();
  // The partnership's page has its own <main> and banner: the widget is a part of the page,
  // not a second one of either.
  rename(markup.querySelector('main'), 'div');
  const banner = rename(markup.querySelector('header'), 'div');
  banner.setAttribute('role', 'region');
  banner.setAttribute('aria-label', 'Emergency');

  const widget = document.createElement('div');
  widget.className = 'tw-widget';
  widget.append(markup);
  shadow.append(style, widget);
  const app = shadow.getElementById('app');
  app.dataset.base = base;
  const exit = document.createElement('script');
  exit.src = base + BUILD.exit;
  const inView = document.createElement('script');
  inView.src = base + BUILD.inView;
  document.head.append(exit, inView);
  import(base + BUILD.module)
    .then((m) => m.default({ module_or_path: base + BUILD.wasm }))
    .catch(() => app.querySelector('.load-failed')?.classList.add('load-failed--now'));

  /** `el` as an element named `tag`, with the same attributes and children. */
  function rename(el, tag) {
    const to = document.createElement(tag);
    for (const { name, value } of el.attributes) to.setAttribute(name, value);
    to.append(...el.childNodes);
    el.replaceWith(to);
    return to;
  }
})();
