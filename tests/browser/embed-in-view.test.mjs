// 999 and the live level stay in view in both embeds on a phone (issue 16; README, "Embed it on
// your site"), in headless Chromium at 360 px: the <iframe> on another origin, sized to its
// content by examples/threshold-frame.js and told by it which part is on screen, and the script
// mount, whose bars are sticky inside the widget's own box. The partnership's page is scrolled
// to the middle of the indicators (Milton Keynes, 201 of them, and Rotherham): the 999 link and
// the current likely level are on screen and not covered; a tick changes the level bar in view;
// the partnership's own link just below the widget stays clickable; axe-core finds nothing;
// tabbing never leaves focus under a bar; the level bar's link brings the outcome into view;
// "Exit this page" leaves the whole page; messages are numbers only, to and from the
// configured origins only. Screenshots: target/screenshots/in-view-<embed>-<area>-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, eventually, routeOrigin, recordCspViolations, Widget, DIST, SHOTS } from './support.mjs';
import { contentSecurityPolicy } from '../../scripts/serve.mjs';
import AxeBuilder from '@axe-core/playwright';

const HOST = 'https://www.partnership.example';
const WIDGET = 'https://widget.partnership.example';
const ELSEWHERE = 'https://elsewhere.example';
const NEUTRAL = 'https://www.bbc.co.uk/weather';
const EXAMPLES = path.resolve('examples');
const PHONE = { width: 360, height: 740 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let env;
before(async () => { env = await start(); fs.mkdirSync(SHOTS, { recursive: true }); });
after(async () => { await env?.close(); });

/** The partnership's page: its header, the widget, its own link just below, more page. */
const hostPage = (widget) => `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Levels of need | Partnership</title>
<link rel="stylesheet" href="/host.css"><style>.more { height: 1500px; }</style></head><body>
<header class="site-header"><p>Example Safeguarding Partnership</p></header>
<main><h1>Levels of need</h1><p>Use the checker below.</p>
${widget}
<p id="below"><a id="below-link" href="#below">Our safeguarding procedures</a></p>
<p class="more">The rest of the partnership's page.</p></main></body></html>`;

const frameHtml = (area, { parentOrigin = HOST, query = '' } = {}) => hostPage(`<iframe data-threshold-widget-frame
  src="${WIDGET}/levels-of-need/embed.html?fixed-area=${area}&amp;parent-origin=${parentOrigin}${query}"
  title="Levels of need checker" style="width: 100%; height: 900px; border: 0"
  allow="clipboard-write" referrerpolicy="no-referrer"></iframe><script src="/threshold-frame.js" defer></script>`);
const scriptHtml = (area, attrs = '') => hostPage(`<div data-threshold-widget data-fixed-area="${area}" ${attrs}></div>
  <script src="/levels-of-need/widget.js" defer></script>`);

/** A phone where HOST serves `pages` and examples/ (threshold-frame.js), the widget's files
 *  are on WIDGET (the frame, with the README's CSP) and on HOST's /levels-of-need/ (the
 *  script), and every message each window receives is recorded (window.__messages). */
async function phone(pages) {
  const context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  await recordCspViolations(context);
  await routeOrigin(context, WIDGET, { '/levels-of-need/': DIST }, { csp: contentSecurityPolicy(`'self' ${HOST}`) });
  await routeOrigin(context, HOST, { '/levels-of-need/': DIST, ...pages, '/': EXAMPLES });
  await routeOrigin(context, ELSEWHERE, { '/spy.html': '<!doctype html><title>spy</title><p>elsewhere</p>' });
  await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
  await context.addInitScript(() => {
    window.__messages = [];
    window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
  });
  return context;
}

/** The widget as embedded: `realm` is where its DOM is evaluated (the frame, or the host page
 *  with the shadow root), `w` the page object, `offset()` the widget document's top in the
 *  host's viewport (the frame's top; 0 for the script, whose rects are already the host's). */
async function open(context, kind, url) {
  const host = await context.newPage();
  await host.goto(url);
  if (kind === 'frame') {
    const locator = host.frameLocator('iframe[data-threshold-widget-frame]');
    await locator.locator('#app[data-ready="true"]').waitFor();
    // "Ready" can come while the area's own file is on its way: wait for the area drawn.
    await locator.locator('.layout[data-area]').waitFor({ state: 'attached' });
    const realm = host.frames().find((f) => f.url().startsWith(WIDGET));
    const frameEl = host.locator('iframe[data-threshold-widget-frame]');
    // Sized to its content before anything is measured.
    await eventually(async () => Math.abs(await frameEl.evaluate((f) => f.getBoundingClientRect().height)
      - await realm.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height))) <= 1, 'the frame fits its content');
    return { host, realm, w: new Widget(locator), box: () => frameEl.evaluate((f) => f.getBoundingClientRect().toJSON()) };
  }
  await host.locator('#app[data-ready="true"]').waitFor();
  await host.locator('.layout[data-area]').waitFor({ state: 'attached' });
  return { host, realm: host, w: new Widget(host), box: () => host.locator('[data-threshold-widget]').evaluate((f) => f.getBoundingClientRect().toJSON()) };
}

/** In the widget's realm: the root (shadow root or document) and where things are. */
function measure() {
  const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
  const rect = (el) => (el ? el.getBoundingClientRect().toJSON() : null);
  const tel = root.querySelector('.emergency a[href="tel:999"]');
  const peek = root.querySelector('.level-peek');
  const centre = (el) => { const r = el.getBoundingClientRect(); return root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); };
  return {
    tel: rect(tel),
    telOnTop: !!tel && centre(tel) === tel,
    bar: rect(root.querySelector('.emergency')),
    peek: rect(peek),
    peekOnTop: !!peek && peek.contains(centre(peek)),
    peekText: peek?.innerText.replace(/\s+/g, ' ').trim(),
    level: root.querySelector('[data-testid="likely-level"]')?.textContent.trim(),
    outcome: rect(root.getElementById('outcome')),
  };
}

/** Scrolls the host page so that the middle indicator is in the middle of the screen, and waits
 *  (for the frame) until the frame has been told where it now is. */
async function scrollToMiddle(e) {
  const y = await e.realm.evaluate(() => {
    const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
    const rows = root.querySelectorAll('.indicator');
    const r = rows[Math.floor(rows.length / 2)].getBoundingClientRect();
    return r.top + r.height / 2;
  });
  const top = e.realm === e.host ? 0 : (await e.box()).top;
  await scrollHostBy(e, top + y - PHONE.height / 2);
}
async function scrollHostBy(e, dy) {
  await e.host.evaluate((dy) => window.scrollBy(0, dy), dy);
  await settled(e);
}
/** For the frame, until its --tw-view-top is the part of it the host shows (0 for the script). */
async function settled(e, ms = 3000) {
  if (e.realm === e.host) return e.host.evaluate(() => new Promise(requestAnimationFrame));
  await eventually(async () => {
    const top = Math.round(Math.max(0, -(await e.box()).top));
    const told = await e.realm.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tw-view-top'));
    return told === `${top}px`;
  }, 'the frame is told which part of it is on screen', ms);
  await e.realm.evaluate(() => new Promise(requestAnimationFrame));
}

/** The 999 link and the level bar, in the host's viewport: fully on screen, nothing over them,
 *  the bar saying the outcome's level. */
async function assertInView(e, where) {
  const m = await e.realm.evaluate(measure);
  const top = e.realm === e.host ? 0 : (await e.box()).top;
  const onScreen = (r) => r && r.top + top >= 0 && r.bottom + top <= PHONE.height && r.height > 0;
  assert.ok(onScreen(m.tel), `${where}: the 999 link is on screen: ${JSON.stringify(m.tel)} (+${top})`);
  assert.ok(m.telOnTop, `${where}: nothing covers the 999 link`);
  assert.ok(onScreen(m.peek), `${where}: the level bar is on screen: ${JSON.stringify(m.peek)} (+${top})`);
  assert.ok(m.peekOnTop, `${where}: nothing covers the level bar`);
  assert.ok(m.level && m.peekText.includes(`Likely level: ${m.level}`), `${where}: the bar says the outcome's level "${m.level}": "${m.peekText}"`);
  if (e.realm !== e.host) {
    // The frame itself is what the host shows at the 999 link.
    const hit = await e.host.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [m.tel.left + 2, m.tel.top + top + 2]);
    assert.equal(hit, 'IFRAME', `${where}: the host shows the frame at the 999 link`);
  }
  return m;
}

/** An indicator on screen whose tick raises the level: the highest-level one in view. */
async function tickInView(e) {
  const target = await e.realm.evaluate(() => {
    const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
    const rows = [...root.querySelectorAll('.indicator')].map((row, i) => {
      const r = row.getBoundingClientRect();
      const level = (row.querySelector('.tag:not(.tag--rebuilt)') ?? row.closest('fieldset')?.querySelector('legend'))?.innerText.trim();
      return { i, top: r.top, level, label: row.querySelector('input[type=checkbox]')?.labels[0]?.innerText.trim() };
    }).filter((r) => r.label && r.label !== 'None of these');
    const order = [...new Set(rows.map((r) => r.level))];
    return { order, rows };
  });
  const top = e.realm === e.host ? 0 : (await e.box()).top;
  const inView = target.rows.filter((r) => r.top + top > 120 && r.top + top < PHONE.height - 150);
  assert.ok(inView.length > 0, 'indicators are on screen');
  const best = inView.sort((a, b) => target.order.indexOf(b.level) - target.order.indexOf(a.level))[0];
  await e.realm.evaluate((i) => {
    const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
    root.querySelectorAll('.indicator')[i].querySelector('input[type=checkbox]').click();
  }, best.i);
  return best;
}

const shot = (e, name) => e.host.screenshot({ path: path.join(SHOTS, `in-view-${name}.png`) });

for (const kind of ['frame', 'script']) {
  for (const area of ['milton-keynes', 'rotherham']) {
    test(`${kind}, ${area}, 360 px: in the middle of the indicators, 999 and the live level are on screen; a tick changes the level in view; the page below stays clickable; axe-core clean`, async () => {
      const context = await phone({ '/w.html': kind === 'frame' ? frameHtml(area) : scriptHtml(area) });
      const e = await open(context, kind, `${HOST}/w.html`);
      await e.realm.waitForFunction(() => (document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document)
        .querySelector('.indicators')?.dataset.rows === 'all');
      if (area === 'milton-keynes') {
        assert.equal(await e.realm.evaluate(() => (document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document)
          .querySelectorAll('.indicator input[type=checkbox]').length - 1), 201, 'Milton Keynes: 201 indicators and "None of these"');
      }
      await scrollToMiddle(e);
      const before = await assertInView(e, `${kind} ${area}, middle`);
      await shot(e, `${kind}-${area}-middle`);

      const ticked = await tickInView(e);
      await eventually(async () => (await e.realm.evaluate(measure)).peekText !== before.peekText,
        `${kind} ${area}: the level bar changes after ticking "${ticked.label}" (${ticked.level})`);
      await settled(e);
      const afterTick = await assertInView(e, `${kind} ${area}, after ticking "${ticked.label}"`);
      assert.notEqual(afterTick.level, before.level);
      await shot(e, `${kind}-${area}-ticked`);

      // Mid-scroll the sticky level bar lies over whichever row is at the bottom of the screen,
      // and axe's target-size counts a target under a sticky bar as too small wherever the page
      // stops; sizes are measured with nothing over them in phones.test.mjs, and focus is kept
      // clear of the bars (tested below). Every other rule runs here.
      const { violations } = await new AxeBuilder({ page: e.host }).withTags(AXE_TAGS).disableRules(['target-size']).analyze();
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], 'axe-core, in the middle with an outcome');

      // The widget's bottom edge in the middle of the screen: the partnership's own link just
      // below it is what a tap there reaches; the bars stay inside the widget's box; while
      // part of the widget is on screen, the 999 line is too.
      await scrollHostBy(e, (await e.box()).bottom - PHONE.height / 2);
      const box = await e.box();
      const below = await e.host.locator('#below-link').boundingBox();
      assert.ok(below.y >= box.bottom - 1 && below.y < PHONE.height, `the host's link is just below the widget, on screen: ${JSON.stringify(below)}`);
      const hit = await e.host.evaluate(([x, y]) => document.elementFromPoint(x, y)?.id, [below.x + 5, below.y + below.height / 2]);
      assert.equal(hit, 'below-link', 'the partnership\'s link below the widget is not covered');
      await e.host.locator('#below-link').click({ trial: true, timeout: 2000 });
      const m = await e.realm.evaluate(measure);
      const top = kind === 'frame' ? box.top : 0;
      assert.ok(m.peek.bottom + top <= box.bottom + 1 && m.bar.top + top >= box.top - 1, `the bars are inside the widget's box ${JSON.stringify(box)}: 999 ${JSON.stringify(m.bar)}, level ${JSON.stringify(m.peek)}`);
      assert.ok(m.tel.top + top >= 0 && m.tel.bottom + top <= PHONE.height, `the 999 link is still on screen with the widget's end: ${JSON.stringify(m.tel)}`);
      assert.ok(m.peek.top + top >= 0 && m.peek.bottom + top <= PHONE.height && m.peekText.includes(afterTick.level), `the level bar is still on screen with the widget's end, past the worked examples: ${JSON.stringify(m.peek)}`);
      await shot(e, `${kind}-${area}-end`);
      assert.deepEqual(await e.host.evaluate(() => window.__csp), [], 'no CSP violation in the host page');
      if (kind === 'frame') assert.deepEqual(await e.realm.evaluate(() => window.__csp), [], 'no CSP violation in the frame');
      await context.close();
    });
  }
}

/** Where focus is in the widget, and whether it is off screen or under a bar (not counting a
 *  bar it is inside), in the widget realm's coordinates; `top` the realm's offset in the host. */
function focusState([top, height]) {
  const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
  const el = root.activeElement;
  if (!el || el === document.body) return null;
  window.__ids ??= new WeakMap();
  if (!window.__ids.has(el)) window.__ids.set(el, (window.__ids.n = (window.__ids.n ?? 0) + 1));
  const r = el.getBoundingClientRect();
  const bars = [...root.querySelectorAll('.emergency, .level-peek')].filter((b) => b.checkVisibility());
  const under = bars.filter((b) => {
    const br = b.getBoundingClientRect();
    return !b.contains(el) && r.top < br.bottom && r.bottom > br.top && r.left < br.right && r.right > br.left;
  }).map((b) => b.className);
  const off = r.bottom + top <= 0 || r.top + top >= height;
  const name = (el.innerText || el.labels?.[0]?.innerText || el.id || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 40);
  return { key: window.__ids.get(el), hidden: off || under.length > 0, what: `"${name}" at y ${Math.round(r.top + top)}: ${off ? 'off screen' : `under ${under.join(', ')}`}` };
}

for (const kind of ['frame', 'script']) {
  test(`${kind}, Milton Keynes, 360 px: tabbing either way from the middle of the indicators never leaves focus under the 999 line or the level bar`, async () => {
    const context = await phone({ '/w.html': kind === 'frame' ? frameHtml('milton-keynes') : scriptHtml('milton-keynes') });
    const e = await open(context, kind, `${HOST}/w.html`);
    await e.w.answerDanger('No');
    const hidden = [];
    for (const key of ['Tab', 'Shift+Tab']) {
      await scrollToMiddle(e);
      // Start from the middle indicator, as a reader who tapped it would.
      await e.realm.evaluate(() => {
        const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
        const rows = root.querySelectorAll('.indicator input[type=checkbox]');
        rows[Math.floor(rows.length / 2)].focus({ preventScroll: true });
      });
      const seen = new Set();
      for (let i = 0; i < 45; i++) {
        await e.host.keyboard.press(key);
        // Focus scrolls the host page; in the frame the bars follow once it is told.
        let s = null;
        const end = Date.now() + 800;
        do {
          if (kind === 'frame') await settled(e, 300).catch(() => {});
          const top = kind === 'frame' ? (await e.box()).top : 0;
          s = await e.realm.evaluate(focusState, [top, PHONE.height]);
          if (!s?.hidden) break;
          await new Promise((r) => setTimeout(r, 50));
        } while (Date.now() < end);
        if (!s) continue;
        seen.add(s.key);
        if (s.hidden) hidden.push(`${key}: ${s.what}`);
      }
      assert.ok(seen.size > 30, `${kind}: with ${key}, focus moved through the widget (${seen.size} stops)`);
    }
    assert.deepEqual(hidden, [], `${kind}: focused controls hidden (WCAG 2.4.11):\n${hidden.join('\n')}`);
    await context.close();
  });
}

for (const kind of ['frame', 'script']) {
  test(`${kind}, 360 px: the level bar's link brings the outcome into view below the 999 line; high visibility and the host's colour apply to the bars; "Exit this page" from the middle leaves the whole page`, async () => {
    const brand = '#6a1b9a';
    const context = await phone({
      '/w.html': kind === 'frame'
        ? frameHtml('milton-keynes', { query: `&amp;brand-colour=${encodeURIComponent(brand)}` })
        : scriptHtml('milton-keynes', `data-brand-colour="${brand}"`),
    });
    const e = await open(context, kind, `${HOST}/w.html`);
    const peekColour = () => e.realm.evaluate(() => getComputedStyle((document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document).querySelector('.level-peek')).backgroundColor);
    assert.equal(await peekColour(), 'rgb(106, 27, 154)', 'the host\'s brand colour on the level bar');
    await e.w.answerDanger('No');
    await scrollToMiddle(e);
    await tickInView(e);
    await settled(e);
    const url = e.host.url();
    await e.w.page.getByRole('link', { name: /Likely level/ }).click();
    await eventually(async () => {
      await settled(e);
      const m = await e.realm.evaluate(measure);
      const top = kind === 'frame' ? (await e.box()).top : 0;
      return m.outcome.top + top >= m.bar.bottom + top - 1 && m.outcome.top + top < PHONE.height / 2;
    }, async () => `the outcome comes into view below the 999 line: ${JSON.stringify(await e.realm.evaluate(measure))}`);
    assert.equal(e.host.url(), url, 'the partnership\'s address is unchanged');
    await shot(e, `${kind}-outcome-from-bar`);

    const telSize = () => e.realm.evaluate(() => parseFloat(getComputedStyle((document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document).querySelector('.emergency a[href="tel:999"]')).fontSize));
    const normal = await telSize();
    await e.w.page.getByRole('button', { name: 'High visibility' }).click();
    await scrollToMiddle(e);
    const m = await assertInView(e, `${kind}, high visibility`);
    assert.ok(await telSize() >= normal * 1.2, `high visibility: larger text in the 999 line (${await telSize()}px against ${normal}px)`);
    assert.ok(m.bar.height <= 0.2 * PHONE.height, `high visibility: the 999 line is ${m.bar.height}px high`);
    await shot(e, `${kind}-high-visibility-middle`);

    await e.w.page.locator('a.exit-button').click();
    await e.host.waitForURL(NEUTRAL);
    await context.close();
  });
}

test('frame: messages are numbers only, each way, and only to and from the configured origins', async () => {
  const context = await phone({
    '/w.html': frameHtml('rotherham'),
    '/other.html': frameHtml('rotherham', { parentOrigin: 'https://other.example' }),
  });
  const e = await open(context, 'frame', `${HOST}/w.html`);
  await scrollHostBy(e, 600);
  await scrollHostBy(e, 700);
  const toHost = await e.host.evaluate(() => window.__messages);
  const toFrame = await e.realm.evaluate(() => window.__messages);
  assert.ok(toHost.length >= 1 && toFrame.length >= 2, `messages both ways: ${toHost.length} to the host, ${toFrame.length} to the frame`);
  for (const m of toHost) {
    assert.equal(m.origin, WIDGET);
    assert.equal(typeof m.data, 'number', `to the host, a height and nothing else: ${JSON.stringify(m.data)}`);
  }
  for (const m of toFrame) {
    assert.equal(m.origin, HOST);
    assert.ok(Array.isArray(m.data) && m.data.length === 2 && m.data.every((n) => typeof n === 'number'),
      `to the frame, two numbers and nothing else: ${JSON.stringify(m.data)}`);
  }
  // Another window of the right origin, and a wrong message from the parent, move nothing.
  const told = () => e.realm.evaluate(() => document.documentElement.style.getPropertyValue('--tw-view-top'));
  const was = await told();
  await e.host.evaluate((origin) => {
    const f = document.querySelector('iframe').contentWindow;
    f.postMessage([1, 2], origin); // not [top, bottom] of a scroll: a short view
    f.postMessage({ top: 5, bottom: 600 }, origin);
    f.postMessage(['5', '600'], origin);
  }, WIDGET);
  await e.host.waitForTimeout(300);
  assert.equal(await told(), '1px', 'two numbers from the parent are taken (the test\'s own)');
  await e.host.evaluate((origin) => {
    const f = document.querySelector('iframe').contentWindow;
    f.postMessage({ top: 5, bottom: 600 }, origin);
    f.postMessage(['5', '600'], origin);
    f.postMessage([5, 600, 7], origin);
  }, WIDGET);
  await e.host.waitForTimeout(300);
  assert.equal(await told(), '1px', 'anything but two numbers is ignored');
  assert.notEqual(was, '1px');

  // The frame navigated elsewhere (another origin): the host's script tells it nothing.
  await e.realm.evaluate((url) => { location.href = url; }, `${ELSEWHERE}/spy.html`);
  await eventually(() => e.host.frames().some((f) => f.url().startsWith(ELSEWHERE)), 'the frame went elsewhere');
  const spy = e.host.frames().find((f) => f.url().startsWith(ELSEWHERE));
  await spy.waitForLoadState();
  await e.host.evaluate(() => window.scrollBy(0, -500));
  await e.host.waitForTimeout(500);
  assert.deepEqual(await spy.evaluate(() => window.__messages), [], 'nothing is posted to a page of another origin in the frame');
  await e.host.close();

  // A frame configured for another parent takes nothing from this page's script.
  const host = await context.newPage();
  await host.goto(`${HOST}/other.html`);
  const realm = host.frames().find((f) => f.url().startsWith(WIDGET));
  await realm.locator('#app[data-ready="true"]').waitFor();
  await host.evaluate(() => window.scrollBy(0, 600));
  await host.waitForTimeout(500);
  assert.ok((await realm.evaluate(() => window.__messages)).length >= 1, 'this page\'s script did post to the frame');
  assert.equal(await realm.evaluate(() => document.documentElement.style.getPropertyValue('--tw-view-top')), '',
    'a frame configured for another parent origin ignores this page');
  await context.close();
});
