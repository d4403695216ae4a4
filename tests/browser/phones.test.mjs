// Small phones (WCAG 2.2 AA): nothing scrolls sideways at 320 and 360 CSS px, every target is at
// least 24×24 px (2.5.8), every phone number can be tapped to call (tel:), and a focused control
// is never hidden behind the sticky 999 line or the "Likely level" bar (2.4.11). Screenshots go to
// target/screenshots/phone-<area>-<width>-<state>.png.
// Run with `node --test tests/browser/phones.test.mjs` after `make dist` (DIST_DIR=… for another build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, openWidget, Widget, SHOTS, bundledAreas } from './support.mjs';

const PHONES = [
  { width: 320, height: 568 }, // iPhone SE (1st gen) and small Androids
  { width: 360, height: 740 }, // the commonest Android size
];
/** Rotherham (the default), Milton Keynes (the biggest, with long domain names, grouped by
 *  domain) and Worcestershire (the staleness notice, no numbered levels). */
const AREAS = ['rotherham', 'milton-keynes', 'worcestershire'];
const { defaultArea: DEFAULT_AREA } = bundledAreas();

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** A fresh phone-like context (touch, mobile viewport, 2× pixels) with the widget open. */
async function phone(area, { width, height }) {
  const context = await env.browser.newContext({
    viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  const page = await openWidget(context, env.url, area === DEFAULT_AREA ? '' : `?area=${area}`);
  return { context, page, w: new Widget(page) };
}

/** The label of the first indicator of the area's n-th level (0-based; past the end, the
 *  highest), read from the page: the indicator's level tag when grouped by domain, otherwise its
 *  group's legend. Levels are listed lowest first, in order of first appearance. */
async function indicatorOfLevel(page, n) {
  return page.evaluate((n) => {
    const rows = [...document.querySelectorAll('.indicator')]
      .map((row) => {
        const box = row.querySelector('input[type=checkbox]');
        const tag = row.querySelector('.tag:not(.tag--rebuilt)');
        const legend = row.closest('fieldset.indicator-group')?.querySelector('legend');
        return { label: box?.labels[0]?.innerText.trim(), level: (tag ?? legend)?.innerText.trim() };
      })
      .filter((r) => r.label && r.level && r.label !== 'None of these');
    const order = [...new Set(rows.map((r) => r.level))];
    return rows.find((r) => r.level === order[Math.min(n, order.length - 1)]).label;
  }, n);
}
const highestIndicator = (page) => indicatorOfLevel(page, 99);

/** Danger "Yes" and the first indicator of the highest level: the fullest outcome. */
async function showOutcome(page, w) {
  await w.answerDanger('Yes');
  await w.tick(await highestIndicator(page));
  assert.ok((await w.routes.count()) > 0, 'an outcome with route cards is shown');
}

async function openAllDetails(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
}

const label = (area, { width, height }) => `${area} at ${width}×${height}`;

// ---- 1. Nothing scrolls sideways, nothing sticks out past the right edge ----

/** Visible elements and text whose box goes past either side of a `width`-px screen. Skips the
 *  visually-hidden text, the off-screen "Exit this page" skip link (shown only when focused),
 *  and anything not rendered (closed details, [hidden], display: none, visibility: hidden). */
function sticksOut(width) {
  // Deliberately cut text (text-overflow: ellipsis, as the level bar's level name) is clipped
  // by its box, so it is measured by that box rather than by the text's full length.
  const cut = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.textOverflow === 'ellipsis' && s.overflowX !== 'visible') return e;
    }
    return null;
  };
  const skip = (el) => el.closest('.visually-hidden, .exit-skip, option, script, style, head');
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  const describe = (el, r) => {
    const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
    const text = (el.innerText ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `<${el.tagName.toLowerCase()}${cls}> "${text}" spans x ${r.left.toFixed(1)}..${r.right.toFixed(1)}`;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (skip(el) || !shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 0.5 || r.left < -0.5) out.push(describe(el, r));
  }
  // Text that overflows a box which itself fits (a long unbroken word, say).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || !el || skip(el) || !shown(el)) continue;
    if (cut(el)) continue; // its box is checked above
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.right > width + 0.5 || r.left < -0.5) {
        out.push(`text "${node.data.trim().slice(0, 60)}" in ${describe(el, r)}`);
        break;
      }
    }
  }
  return out;
}

async function assertFits(page, where) {
  const { width } = page.viewportSize();
  // On a mobile viewport Chromium zooms out to show a too-wide page, which makes innerWidth
  // grow with it: compare against the device's width, not innerWidth alone.
  const m = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
  const offenders = await page.evaluate(sticksOut, width);
  assert.deepEqual(offenders, [], `${where}: sticks out past the ${width}px screen:\n${offenders.slice(0, 8).join('\n')}`);
  assert.ok(m.scrollWidth <= width && m.innerWidth === width,
    `${where}: the page is ${m.scrollWidth}px wide (innerWidth ${m.innerWidth}) on a ${width}px screen`);
}

for (const size of PHONES) {
  test(`at ${size.width} px nothing scrolls sideways, at the start and with the outcome and every details open`, async () => {
    for (const area of AREAS) {
      const { context, page, w } = await phone(area, size);
      await openAllDetails(page);
      await assertFits(page, `${label(area, size)}, at the start`);
      await showOutcome(page, w);
      await openAllDetails(page);
      await assertFits(page, `${label(area, size)}, with the outcome`);
      await context.close();
    }
  });
}

// ---- 2. Touch targets of at least 24×24 CSS px (WCAG 2.5.8) ----

/** Every visible interactive element smaller than 24×24. No exceptions are taken: inline links
 *  in running text get enough padding from the style sheet to pass as well. */
function smallTargets() {
  const out = [];
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest('.exit-skip') || !el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.width < 24 || r.height < 24) {
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      const name = (el.innerText || el.labels?.[0]?.innerText || el.getAttribute('aria-label') || el.id || '').trim().replace(/\s+/g, ' ').slice(0, 50);
      out.push(`<${el.tagName.toLowerCase()}${cls}> "${name}" is ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
    }
  }
  return out;
}

for (const size of PHONES) {
  test(`at ${size.width} px every link, button, field and summary is at least 24×24 px`, async () => {
    for (const area of AREAS) {
      const { context, page, w } = await phone(area, size);
      await showOutcome(page, w);
      await openAllDetails(page);
      const small = await page.evaluate(smallTargets);
      assert.deepEqual(small, [], `${label(area, size)}: targets under 24×24 px:\n${small.join('\n')}`);
      // The skip link is off-screen until focused; focused, it is a target too.
      const skip = page.locator('.exit-skip');
      await skip.focus();
      const box = await skip.boundingBox();
      assert.ok(box.width >= 24 && box.height >= 24, `${label(area, size)}: focused "Exit this page" skip link is ${box.width}×${box.height}`);
      await context.close();
    }
  });
}

// High visibility (125% text, thick borders) is the hardest case for a 320 px screen.
test('at 320 px in high visibility, nothing scrolls sideways and every target is at least 24×24 px', async () => {
  for (const area of AREAS) {
    const { context, page, w } = await phone(area, PHONES[0]);
    await page.getByRole('button', { name: 'High visibility' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.contrast), 'high', 'high visibility is on');
    await showOutcome(page, w);
    await openAllDetails(page);
    await assertFits(page, `${label(area, PHONES[0])}, high visibility`);
    const small = await page.evaluate(smallTargets);
    assert.deepEqual(small, [], `${label(area, PHONES[0])}, high visibility: targets under 24×24 px:\n${small.join('\n')}`);
    await context.close();
  }
});

// ---- 3. Every phone number can be tapped to call: a tel: link with the same digits ----

/** Every phone number in the visible text of the 999 line and the route cards, with the tel:
 *  link it is inside (if any) and whether its card (or the 999 line) has a tel: link with the
 *  same digits. A UK number is 0 (or +44) and 9–10 more digits, with spaces, hyphens or brackets
 *  between; 999, 101 and 111 count when standalone. Text is read across inline elements (a
 *  number split by markup is still one number), with a line break between blocks. */
function phoneNumbers() {
  const UK = /(?<![\d+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d(?:[\s\-)]{0,2}\d){8,9}(?!\d)|(?<![\w.,/:-])(?:999|101|111)(?!\w)/g;
  const digits = (s) => s.replace(/\D/g, '').replace(/^440?/, '0');
  const blockOf = (el) => {
    for (let e = el; e; e = e.parentElement) if (!getComputedStyle(e).display.startsWith('inline')) return e;
    return null;
  };
  const containers = [document.querySelector('header.emergency'), ...document.querySelectorAll('[data-testid="route"]')];
  const numbers = [];
  for (const container of containers) {
    let text = '';
    const spans = [];
    let lastBlock = null;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (el.closest('.exit-skip, [hidden]') || !el.checkVisibility({ visibilityProperty: true })) continue;
      const block = blockOf(el);
      if (block !== lastBlock) { text += '\n'; lastBlock = block; }
      spans.push({ node, from: text.length, to: text.length + node.data.length });
      text += node.data;
    }
    // The 999 line's links are always on screen (sticky), so they count for every card.
    const tels = [...container.querySelectorAll('a[href^="tel:"]'), ...document.querySelectorAll('header.emergency a[href^="tel:"]')]
      .map((a) => digits(a.getAttribute('href')));
    for (const m of text.matchAll(UK)) {
      const from = m.index;
      const to = from + m[0].length;
      const links = new Set(spans.filter((s) => s.from < to && s.to > from).map((s) => s.node.parentElement.closest('a[href^="tel:"]')));
      const link = links.size === 1 ? [...links][0] : null;
      numbers.push({
        shown: m[0],
        digits: digits(m[0]),
        href: link?.getAttribute('href') ?? null,
        linked: Boolean(link) && digits(link.getAttribute('href')) === digits(m[0]),
        callable: tels.includes(digits(m[0])),
        where: `${container.className}: "${(container.querySelector('h3') ?? container).innerText.replace(/\s+/g, ' ').slice(0, 60)}"`,
      });
    }
  }
  return numbers;
}

/** The four outcomes checked per area: danger at the highest level; "Not sure"; no danger at the
 *  second level; no danger but a crime (where asked) at the third level. */
async function eachOutcome(page, w, check) {
  const crime = page.getByRole('radiogroup', { name: /crime/ });
  const answers = [
    ['danger, highest level', async () => { await w.answerDanger('Yes'); await w.tick(await highestIndicator(page)); }],
    ['not sure about danger', async () => { await w.answerDanger('Not sure'); }],
    ['no danger, second level', async () => { await w.answerDanger('No'); await w.tick(await indicatorOfLevel(page, 1)); }],
    ['no danger, a crime, third level', async () => {
      await w.answerDanger('No');
      if (await crime.count()) await crime.getByRole('radio', { name: 'Yes' }).check();
      await w.tick(await indicatorOfLevel(page, 2));
    }],
  ];
  for (const [what, answer] of answers) {
    await page.getByRole('button', { name: 'Start again' }).click();
    await answer();
    await openAllDetails(page);
    await check(what, await page.evaluate(phoneNumbers));
  }
}

// Rochdale's document prints no local numbers (its cards say where to find them): only 999.
for (const [area, local] of [['rotherham', true], ['rochdale', false]]) {
  test(`${area}: every phone number in the route cards and the 999 line can be tapped to call it`, async () => {
    const { context, page, w } = await phone(area, PHONES[1]);
    const all = new Set();
    await eachOutcome(page, w, async (what, numbers) => {
      // A number in a link calls that number; a number in the document's words ("Contact the
      // MASH on 01709 336080.") has its own "Call 01709 336080" button in the same card; a 999
      // mentioned in a source note can be called from the 999 line, always on screen.
      const wrong = numbers.filter((n) => n.href && !n.linked).map((n) => `"${n.shown}" links to ${n.href} (${n.where})`);
      const uncallable = numbers.filter((n) => !n.linked && !n.callable).map((n) => `"${n.shown}" has no tel: link with its digits (${n.where})`);
      assert.deepEqual([...wrong, ...uncallable], [], `${area}, ${what}`);
      const banner = numbers.find((n) => n.where.startsWith('emergency'));
      assert.ok(banner?.linked && banner.digits === '999', `${area}, ${what}: the 999 line's 999 is a tel:999 link`);
      numbers.filter((n) => n.where.startsWith('route')).forEach((n) => all.add(n.digits));
    });
    // Not vacuous: numbers were found in the route cards, local ones where the document has them.
    assert.ok(all.size > 0, `${area}: no numbers found in the route cards`);
    if (local) assert.ok([...all].some((n) => n.length >= 10), `${area}: local numbers were found and checked: ${[...all].join(', ')}`);
    await context.close();
  });

  // Stricter: each number itself is the link, in the document's sentences too.
  test(`${area}: every phone number shown in the route cards is itself a tel: link`, async () => {
    const { context, page, w } = await phone(area, PHONES[1]);
    try {
      await eachOutcome(page, w, async (what, numbers) => {
        const plain = numbers.filter((n) => !n.linked).map((n) => `"${n.shown}" (${n.where})`);
        assert.deepEqual(plain, [], `${area}, ${what}: numbers that are not themselves tel: links`);
      });
    } finally {
      await context.close();
    }
  });
}

// ---- 4. Focus is never hidden behind the 999 line or the "Likely level" bar (WCAG 2.4.11) ----

/** Where focus is: an id for the element, a description, and the bars it is behind (the sticky
 *  999 line at the top, the fixed level bar at the bottom; not counting a bar it is inside). */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__focusIds ??= new WeakMap();
  if (!window.__focusIds.has(el)) window.__focusIds.set(el, window.__focusIds.n = (window.__focusIds.n ?? 0) + 1);
  const bars = [...document.querySelectorAll('header.emergency, .level-peek')].filter((b) => b.checkVisibility());
  const r = el.getBoundingClientRect();
  const overlap = (b) => r.top < b.bottom && r.bottom > b.top && r.left < b.right && r.right > b.left;
  const under = bars.filter((b) => !b.contains(el) && overlap(b.getBoundingClientRect()));
  const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
  const name = (el.innerText || el.labels?.[0]?.innerText || el.id).trim().replace(/\s+/g, ' ').slice(0, 50);
  return {
    key: String(window.__focusIds.get(el)),
    what: `<${el.tagName.toLowerCase()}${cls}> "${name}" at y ${r.top.toFixed(0)}..${r.bottom.toFixed(0)}`,
    under: under.map((b) => `${b.className} (y ${b.getBoundingClientRect().top.toFixed(0)}..${b.getBoundingClientRect().bottom.toFixed(0)})`),
  };
}

/** Presses `key` (Tab or Shift+Tab) from the top of the page until focus comes back round to
 *  where it started (at most 400 presses); returns the presses and the focus stops that were
 *  behind a bar. Chromium scrolls each newly focused element into view, minus scroll-padding. */
async function tabRound(page, key) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const hidden = [];
  let first = null;
  let presses = 0;
  for (; presses < 400; presses++) {
    await page.keyboard.press(key);
    const s = await page.evaluate(focusState);
    if (!s) continue; // focus left the page, before coming back round
    if (first === s.key) break;
    first ??= s.key;
    if (s.under.length) hidden.push(`${key}: ${s.what} is behind ${s.under.join(' and ')}`);
  }
  return { presses, hidden };
}

test('at 320 and 360 px, tabbing either way never leaves the focused control behind the 999 line or the level bar', async (t) => {
  // Milton Keynes (220 stops each way) only at 360 px, to keep this quick.
  for (const size of PHONES) for (const area of AREAS.filter((a) => size.width === 360 || a !== 'milton-keynes')) {
    const { context, page, w } = await phone(area, size);
    await showOutcome(page, w);
    await openAllDetails(page);
    const where = label(area, size);
    // Forwards, elements scroll in at the bottom (the level bar); backwards, at the top (999).
    for (const key of ['Tab', 'Shift+Tab']) {
      const { presses, hidden } = await tabRound(page, key);
      t.diagnostic(`${where}: ${presses} presses of ${key}`);
      assert.ok(presses < 400, `${where}: with ${key}, focus came back round to the start within 400 presses`);
      assert.ok(presses > 20, `${where}: with ${key}, only ${presses} focusable elements were reached`);
      assert.deepEqual(hidden, [], `${where}: focused controls hidden (WCAG 2.4.11):\n${hidden.join('\n')}`);
    }
    await context.close();
  }
});

// ---- 5. Screenshots, and the bars leave room for the page ----

test('screenshots at 320 and 360 px; the 999 line and the level bar leave most of the screen to the page', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const problems = [];
  const check = (ok, message) => { if (!ok) problems.push(message); };
  for (const size of PHONES) {
    for (const area of AREAS) {
      const { context, page, w } = await phone(area, size);
      // Full pages at one pixel per CSS px: tens of thousands of px long, 4× lighter than at 2×.
      const shot = (state, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `phone-${area}-${size.width}-${state}.png`), fullPage, scale: fullPage ? 'css' : 'device' });
      await shot('start');
      await showOutcome(page, w);
      await page.getByRole('link', { name: /Likely level/ }).click(); // to the top of the outcome, as a user gets there
      await shot('outcome');
      const m = await page.evaluate(() => {
        const box = (s) => document.querySelector(s).getBoundingClientRect();
        const b999 = document.querySelector('header.emergency a[href="tel:999"]').getBoundingClientRect();
        const card = document.querySelector('[data-testid="route"]')?.getBoundingClientRect();
        return { bar: box('header.emergency').height, peek: box('.level-peek').height, b999, card, outcomeTop: box('[role="status"]').top };
      });
      const where = label(area, size);
      check(m.bar <= 0.15 * size.height, `${where}: the 999 line is ${m.bar}px high, over 15% of the screen`);
      check(m.peek <= 0.12 * size.height, `${where}: the level bar is ${m.peek}px high, over 12% of the screen`);
      check(m.bar + m.peek <= 0.25 * size.height, `${where}: the two bars take ${m.bar + m.peek}px of ${size.height}, over 25%`);
      check(m.b999.top >= 0 && m.b999.bottom <= m.bar, `${where}: 999 is inside the line at the top`);
      check(m.outcomeTop >= m.bar - 1, `${where}: the outcome's top (${m.outcomeTop}) is under the 999 line (${m.bar})`);
      check(m.card && m.card.top + 40 <= size.height - m.peek,
        `${where}: the first route card does not start on screen, above the level bar: ${JSON.stringify(m.card)}`);
      await openAllDetails(page);
      await shot('full', true);
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});

// A phone on a slow network draws the first screen (the masthead, the 999 line, the danger
// question) before it downloads the rest of the page: the parts of the wasm are asked for once
// that screen is painted, so they do not hold back its paint (Lighthouse's LCP counted them
// when they were asked for in the mount's task; README, "Performance").
test('on a phone, the first screen is painted before the rest of the page is downloaded', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__paints = [];
    new PerformanceObserver((list) => {
      // `paintTime`: the frame's paint on the main thread (`renderTime` is when it was shown,
      // which can be after the next task has started).
      for (const e of list.getEntries()) window.__paints.push({ at: e.paintTime, inApp: !!e.element?.closest('#app') });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(`${env.url}?area=rotherham`);
  await page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  const { paints, parts } = await page.evaluate(() => ({
    paints: window.__paints,
    parts: performance.getEntriesByType('resource').filter((r) => /page-part-[0-9a-f]+\.wasm$/.test(r.name)).map((r) => r.startTime),
  }));
  const firstScreen = paints.find((p) => p.inApp);
  assert.ok(typeof firstScreen?.at === 'number', `the page's own largest text is painted (largest paints: ${JSON.stringify(paints)})`);
  assert.ok(parts.length > 0, 'the parts of the wasm are fetched');
  assert.ok(Math.min(...parts) >= firstScreen.at,
    `the first part was asked for at ${Math.min(...parts).toFixed(0)} ms, before the first screen was painted at ${firstScreen.at.toFixed(0)} ms`);
  await context.close();
});
