// The cross-engine cases: ONE list, run the same way in Chromium, Gecko and WebKit by
// engines.test.mjs. A case is { name, run(t) }; t gives the engine's driver (t.d, see
// drivers.mjs), a fresh origin of the widget (t.widget()), a partnership's page (t.host()),
// the request log (t.requests) and the screenshot folder. Adding a case is a few lines: push
// to CASES, or add a row to a table below.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';

const toml = (file) => parse(fs.readFileSync(file, 'utf8'));

/** Every bundled area: the rulesets folder is the list. */
// Every ruleset file is an area, but the thesaurus shared by all of them (as build.rs has it).
export const AREAS = fs.readdirSync('rulesets').filter((f) => f.endsWith('.toml') && f !== 'thesaurus.toml').map((f) => f.replace(/\.toml$/, '')).sort();

/** Search rows: in `area`, typing `term` shows the indicator with the document's `text`. */
export const SEARCHES = [
  { area: 'rotherham', term: 'private fostering', text: 'Who are living in a private fostering arrangement' },
  { area: 'rochdale', term: 'asylum', text: 'Unaccompanied asylum seeking children' },
  { area: 'trafford', term: 'protection plans', text: 'children subject to Child Protection Plans' },
  { area: 'milton-keynes', term: 'chronic health', text: 'Child/young person has severe/chronic health problems' },
  // The practitioner's own words (the thesaurus and stems; tests/search_terms.toml has the rest).
  { area: 'rotherham', term: 'DV', text: 'Who are living in a situation where there is domestic abuse (this includes unborn babies) or who are age 16/17 and are a victim /perpetrator of domestic abuse' },
  { area: 'milton-keynes', term: 'bruise', text: 'Unexplained injuries' },
];

/** The scenario of tests/scenarios/<area>.toml that ticks the most indicators (two or more)
 *  and gives the exact routes, with no other answer than danger: its level and route names from the
 *  ruleset, so the expectation is the engine's tested one, not re-derived here. */
export function multiIndicatorCase(area) {
  const rs = toml(`rulesets/${area}.toml`);
  const file = `tests/scenarios/${area}.toml`;
  const s = toml(file).scenario.filter((x) => (x.ticked ?? []).length >= 2 && x.routes && x.danger
    && x.crime === undefined && x.social_worker === undefined && x.early_help_not_improved === undefined && !x.none_of_these)
    .reduce((best, x) => (!best || x.ticked.length > best.ticked.length ? x : best), null);
  assert.ok(s, `${file}: a scenario ticking two or more indicators with its exact routes`);
  const name = (list, id, what) => {
    const found = list.find((x) => x.id === id);
    assert.ok(found, `${file}: ${what} ${id} is in rulesets/${area}.toml`);
    return found.name;
  };
  return {
    scenario: s.name,
    danger: { yes: 'Yes', no: 'No', 'not-sure': 'Not sure' }[s.danger],
    ticked: s.ticked,
    level: name(rs.levels, s.level, 'level'),
    routes: s.routes.map((id) => name(rs.routes, id, 'route')),
  };
}

// ---- what the cases read from the page, the same in every engine ------------------------------

/** The outcome as the practitioner sees it: level, route names, their Call links, checked boxes. */
function outcome() {
  const host = document.querySelector('[data-threshold-widget]');
  const root = host?.shadowRoot ?? document;
  const status = root.querySelector('[role=status]');
  const routes = [...(status?.querySelectorAll('[data-testid=route]') ?? [])];
  const name = (h) => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove());
    return copy.textContent.replace(/\s+/g, ' ').trim();
  };
  return {
    area: root.querySelector('.layout')?.dataset.area ?? null,
    level: status?.querySelector('[data-testid=likely-level]')?.textContent.trim() ?? null,
    routes: routes.map((r) => name(r.querySelector('.route-name'))),
    tel: [...(status?.querySelectorAll('a.call') ?? [])].map((a) => a.getAttribute('href')),
    ticked: [...root.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.id),
    danger: [...root.querySelectorAll('input[type=radio]:checked')].map((r) => r.labels?.[0]?.textContent.trim()),
    reasons: [...(status?.querySelectorAll('.reasons li') ?? [])].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
  };
}

const danger = (t, answer) => t.d.click({ role: 'radio', name: answer, within: 'immediate danger' });
const tickId = (t, id) => t.d.click({ selector: `#ind-${id}` });
const state = (t) => t.d.eval(outcome);
/** Waits until the outcome satisfies `check` (a function of it, run here); returns it. */
async function outcomeWhere(t, check, message) {
  const end = Date.now() + 10000;
  let last;
  for (;;) {
    last = await state(t);
    if (check(last)) return last;
    if (Date.now() > end) assert.fail(`${message}: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openArea(t, area, origin) {
  const site = origin ?? await t.widget();
  await t.d.goto(`${site.url}?area=${area}`);
  await t.d.ready();
  await outcomeWhere(t, (o) => o.area === area, `${area} is shown`);
  return site;
}

/** The service worker's registration as the page sees it (getRegistration(), each worker's
 *  state, the controller), polled from here rather than awaited in one long script (a
 *  WebKitWebDriver script is cut off after 30 s, which says nothing of why). */
function swState() {
  if (!('serviceWorker' in navigator)) return { supported: false };
  return navigator.serviceWorker.getRegistration().then((reg) => ({
    supported: true,
    registration: reg ? reg.scope : null,
    installing: reg?.installing?.state ?? null,
    waiting: reg?.waiting?.state ?? null,
    active: reg?.active?.state ?? null,
    controller: !!navigator.serviceWorker.controller,
  }));
}

/** Waits until the page's own registration (web/offline.js) has an active worker: what
 *  `navigator.serviceWorker.ready` means, and all a later navigation needs (the spec holds its
 *  fetch until the worker is activated). Not the worker's `state`: in WebKitGTK 2.50 the
 *  page's ServiceWorker object for the active worker says "installing" (every WebKit run
 *  here), sometimes for good (waiting on "activated" timed out after 30 s in 2 of 4 full runs),
 *  while the page is then served offline all the same. If none is active after `ms`, fails with what happened: each state seen,
 *  the requests for sw.js and the site's files, and what a register() of the same script,
 *  called by the case, gives. Resolves to the states seen. */
async function serviceWorkerActive(t, site, ms = 30000) {
  const seen = [];
  const from = Date.now();
  const end = from + ms;
  for (;;) {
    const s = await t.d.eval(swState).catch((e) => ({ error: e.message.split('\n')[0] }));
    const text = JSON.stringify(s);
    if (seen.at(-1)?.text !== text) seen.push({ ms: Date.now() - from, text });
    if (s.registration && s.active) return seen.map((x) => `${x.ms} ms ${x.text}`).join('; ');
    if (Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const retried = await t.d.eval(() => navigator.serviceWorker
    .register(new URL('sw.js', document.baseURI), { scope: './', updateViaCache: 'none' })
    .then((reg) => new Promise((r) => setTimeout(r, 5000)).then(() => `registered ${reg.scope}: installing ${reg.installing?.state}, waiting ${reg.waiting?.state}, active ${reg.active?.state}`),
      (e) => `register() failed: ${e.name}: ${e.message}`)).catch((e) => `register() did not answer: ${e.message.split('\n')[0]}`);
  const asked = t.requests.since(from - 60000).filter((e) => e.origin === site.origin).map((e) => e.url);
  assert.fail(`no active service worker after ${ms / 1000} s; states seen: ${seen.map((x) => `${x.ms} ms ${x.text}`).join('; ')}; `
    + `requests to the site: ${asked.length} (${asked.filter((u) => /sw\.js|offline-/.test(u)).join(', ') || 'neither sw.js nor offline-*.js'}); the case's own register(): ${retried}`);
}

// ---- the cases ---------------------------------------------------------------------------------

export const CASES = [];

for (const area of AREAS) {
  CASES.push({
    name: `${area}: opens from ?area=${area} and puts 999 first in immediate danger`,
    async run(t) {
      await openArea(t, area);
      await danger(t, 'Yes');
      const o = await outcomeWhere(t, (x) => x.tel.length > 0, 'route cards shown');
      assert.equal(o.tel[0], 'tel:999', `999 is the first Call link: ${o.tel}`);
      // The 999 bar at the top is there before any answer, too.
      const bar = await t.d.eval(() => [...document.querySelectorAll('a[href="tel:999"]')].some((a) => a.getClientRects().length > 0));
      assert.ok(bar, 'a visible tel:999 link in the page');
    },
  });

  const c = multiIndicatorCase(area);
  CASES.push({
    name: `${area}: several indicators give ${c.level} and its routes (scenario "${c.scenario}")`,
    async run(t) {
      await openArea(t, area);
      await danger(t, c.danger);
      for (const id of c.ticked) await tickId(t, id);
      const o = await outcomeWhere(t, (x) => x.ticked.length === c.ticked.length && x.level === c.level,
        `ticking ${c.ticked.join(', ')} gives ${c.level}`);
      assert.deepEqual(o.routes, c.routes);
    },
  });
}

for (const row of SEARCHES) {
  CASES.push({
    name: `search: "${row.term}" in ${row.area} finds and ticks "${row.text}"`,
    async run(t) {
      await openArea(t, row.area);
      const all = await t.d.eval(() => document.querySelectorAll('.indicator').length);
      await t.d.type({ role: 'textbox', name: 'Search indicators' }, row.term);
      await t.d.waitFor((text) => {
        const shown = [...document.querySelectorAll('.indicator')].filter((e) => !e.hidden && e.getClientRects().length);
        return shown.length > 0 && shown.every((e) => !!e.querySelector('label')) &&
          shown.some((e) => e.querySelector('label').textContent.trim() === text) ? shown.length : 0;
      }, [row.text], { message: `"${row.term}" shows "${row.text}"` });
      const shown = await t.d.eval(() => [...document.querySelectorAll('.indicator')].filter((e) => !e.hidden).length);
      assert.ok(shown < all, `the search narrows the list (${shown} of ${all})`);
      await t.d.click({ role: 'checkbox', name: row.text });
      const o = await outcomeWhere(t, (x) => x.ticked.length === 1, 'one indicator ticked');
      assert.ok(o.reasons.some((r) => r.includes(row.text)), `the ticked indicator is quoted as the reason: ${o.reasons}`);
    },
  });
}

CASES.push({
  name: 'Start again clears every answer and tick',
  async run(t) {
    const c = multiIndicatorCase('rotherham');
    await openArea(t, 'rotherham');
    const fresh = await state(t);
    await danger(t, 'Yes');
    for (const id of c.ticked) await tickId(t, id);
    await outcomeWhere(t, (x) => x.ticked.length === c.ticked.length && x.tel[0] === 'tel:999', 'answered');
    await t.d.click({ role: 'button', name: 'Start again' });
    const o = await outcomeWhere(t, (x) => x.ticked.length === 0 && x.danger.length === 0, 'nothing answered after Start again');
    assert.equal(o.level, fresh.level, 'the level is back to the unanswered one');
  },
});

CASES.push({
  name: 'Exit this page (the button) leaves for the neutral site, with the answers cleared',
  async run(t) {
    const site = await openArea(t, 'rotherham');
    await danger(t, 'Yes');
    const before = Date.now();
    // The button in the 999 bar (the skip link of the same name is off screen until focused).
    await t.d.click({ selector: 'header a.exit-button' }, { leaves: true });
    // Chromium and Firefox send https through the suite's proxy, which records it; WebKitGTK
    // does not use the proxy for https (no CONNECT reaches it), so there the address shows it.
    await t.waitUntil(async () => t.requests.outside(before).some((e) => e.origin === 'https://www.bbc.co.uk')
      || (t.engine === 'webkit' && (await t.d.url()).startsWith('https://www.bbc.co.uk/weather')),
    'the browser went to https://www.bbc.co.uk/weather');
    t.allowOutside('https://www.bbc.co.uk');
    const url = await t.waitUntil(async () => { const u = await t.d.url(); return u.startsWith(site.origin) ? null : u; },
      'the widget page is gone');
    assert.match(url, /^https:\/\/www\.bbc\.co\.uk\/weather|^about:|^chrome-error:/, url);
  },
});

CASES.push({
  name: 'the service worker serves the page offline after one visit',
  async run(t) {
    const site = await openArea(t, 'rotherham');
    t.note(`service worker: ${await serviceWorkerActive(t, site)}`);
    site.goOffline();
    await t.d.newPage();
    const offlineFrom = Date.now();
    await openArea(t, 'rotherham', site);
    assert.ok(await t.d.eval(() => !!navigator.serviceWorker.controller), 'the page came from the service worker');
    await danger(t, 'Yes');
    await outcomeWhere(t, (x) => x.tel[0] === 'tel:999', 'offline, 999 first');
    t.note(`${t.requests.since(offlineFrom).filter((e) => e.origin === site.origin).length} requests refused while offline`);
  },
});

CASES.push({
  name: 'script mount: the widget mounts into the partnership page and works',
  async run(t) {
    const widget = await t.widget();
    const host = await t.host(widget);
    await t.d.goto(`${host.url}script.html`);
    await t.d.ready();
    const inShadow = await t.d.eval(() => !!document.querySelector('[data-threshold-widget]')?.shadowRoot?.querySelector('#app'));
    assert.ok(inShadow, 'the widget is in the shadow root of the partnership element');
    await danger(t, 'Yes');
    await tickId(t, multiIndicatorCase('rotherham').ticked[0]);
    const o = await outcomeWhere(t, (x) => x.tel[0] === 'tel:999' && x.ticked.length === 1, '999 first, one tick');
    assert.ok(o.level, 'a level is shown');
    assert.equal(await t.d.eval(() => document.querySelector('h1').textContent), 'Levels of need', "the partnership's page is still there");
    await t.d.screenshot(path.join(t.shots, 'script-mount.png'));
  },
});

CASES.push({
  name: 'iframe: the frame on another origin works and is sized to its content',
  async run(t) {
    const host = await t.host(await t.widget());
    await t.d.goto(`${host.url}iframe.html`);
    await t.d.frame('iframe[data-threshold-widget-frame]');
    await t.d.ready();
    await danger(t, 'Yes');
    await outcomeWhere(t, (x) => x.tel[0] === 'tel:999', 'in the frame, 999 first');
    const content = await t.d.eval(() => Math.ceil(document.body.getBoundingClientRect().height));
    await t.d.frame(null);
    const height = await t.d.waitFor((want) => {
      const h = document.querySelector('iframe[data-threshold-widget-frame]').getBoundingClientRect().height;
      return Math.abs(h - want) <= 2 ? h : 0;
    }, [content], { message: `the frame is sized to its content (${content}px)` });
    assert.notEqual(height, 900, 'resized from the example height');
    await t.d.screenshot(path.join(t.shots, 'iframe.png'));
  },
});

/** Opens `path` of a partnership's page (or the widget's own page when `path` is null) in a
 *  360 x 740 frame, a phone's screen, and goes into it; returns the sites. */
async function openInPhone(t, path, query = '') {
  const widget = await t.widget();
  const host = await t.host(widget);
  const src = path === null ? `${widget.url}${query}` : `${host.url}${path}${query}`;
  await t.d.goto(`${host.url}phone.html?src=${encodeURIComponent(src)}`);
  await t.d.frame('#phone');
  return { widget, host };
}

CASES.push({
  name: 'no sideways scroll at 360 px, with an outcome shown, in every area',
  async run(t) {
    await t.d.setViewport(360, 740);
    const inner = await t.d.eval(() => window.innerWidth);
    // MiniBrowser's window does not shrink below its toolbar's width (447 px seen here): there
    // the page is laid out in a 360 px frame instead, which is the same layout (media queries,
    // widths) but not a top-level viewport.
    const framed = inner !== 360;
    if (framed) {
      await t.d.setViewport(1000, 800);
      t.note(`the window is ${inner} px at the narrowest: 360 px in a frame`);
    }
    try {
      for (const area of AREAS) {
        if (framed) {
          await openInPhone(t, null, `?area=${area}`);
          await t.d.ready();
          await outcomeWhere(t, (o) => o.area === area, `${area} is shown`);
        } else {
          await openArea(t, area);
        }
        await danger(t, 'Yes');
        await tickId(t, multiIndicatorCase(area).ticked[0]);
        await outcomeWhere(t, (x) => x.ticked.length === 1, `${area}: ticked`);
        const m = await t.d.eval(() => ({
          inner: window.innerWidth,
          client: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth,
        }));
        assert.equal(m.inner, 360, `the window is 360 px wide: ${JSON.stringify(m)}`);
        // clientWidth leaves out a classic scrollbar (Firefox draws 12 px ones headless).
        assert.ok(m.scroll <= m.client, `${area}: no sideways scroll at 360 px: ${JSON.stringify(m)}`);
        if (area === 'rotherham') await t.d.screenshot(path.join(t.shots, 'phone-360.png'));
      }
    } finally {
      await t.d.frame(null);
      if (!framed) await t.d.setViewport(1000, 800);
    }
  },
});

CASES.push({
  name: 'no request after load, none to another origin (the browser is off the network)',
  async run(t) {
    const site = await openArea(t, 'rotherham');
    await serviceWorkerActive(t, site);
    await new Promise((r) => setTimeout(r, 500));
    const loaded = Date.now();
    const c = multiIndicatorCase('rotherham');
    await danger(t, 'No');
    for (const id of c.ticked) await tickId(t, id);
    await t.d.type({ role: 'textbox', name: 'Search indicators' }, 'abuse');
    await outcomeWhere(t, (x) => x.level === c.level, 'answered');
    await new Promise((r) => setTimeout(r, 1000));
    // Requests leaving loopback are checked after every case (engines.test.mjs). One request is
    // the browser's, not the page's: the service worker's update check (a GET of sw.js itself,
    // no query, marked `Service-Worker: script`), which Chromium made twice just after the first
    // install in 1 run of 5; it carries nothing of the page.
    const swCheck = (e) => e.method === 'GET' && e.url === '/levels-of-need/sw.js' && e.headers?.['service-worker'] === 'script';
    const after = t.requests.since(loaded).filter((e) => e.kind !== 'outside');
    const checks = after.filter(swCheck).length;
    if (checks) t.note(`${checks} service-worker update check(s) of sw.js after load, by the browser`);
    assert.deepEqual(after.filter((e) => !swCheck(e)).map((e) => `${e.method} ${e.origin}${e.url}`), [], 'no request after load');
    assert.ok(t.requests.entries.some((e) => e.origin === site.origin), 'the log does see the page load');
    // t.outside() is checked after every case: the proxy saw nothing outside loopback.
  },
});

CASES.push({
  name: 'the request log sees a request to another origin, and the process is off the network',
  async run(t) {
    const before = Date.now();
    await t.d.goto('http://outside.example/');
    await t.waitUntil(() => t.requests.outside(before).some((e) => e.origin === 'http://outside.example'),
      'the proxy recorded the request to http://outside.example');
    t.allowOutside('http://outside.example');
    await t.offNetwork();
  },
});

CASES.push({
  name: 'the strict CSP holds: no violation, and an injected inline script is blocked',
  async run(t) {
    await openArea(t, 'rotherham');
    await danger(t, 'Yes');
    const ran = await t.d.eval(async () => {
      const seen = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 300));
      return { injected: window.__injected === true, seen };
    });
    assert.equal(ran.injected, false, 'the inline script did not run');
    assert.ok(ran.seen.some((d) => d.startsWith('script-src')), `a script-src violation was reported: ${ran.seen}`);
    t.expectCspReports(/script-src/);
  },
});

// ---- both embeds on a phone, mid-scroll (tests/browser/embed-in-view.test.mjs, in every engine) --

/** In the widget's document: where the 999 link and the level bar are, whether each is what
 *  the screen shows at its centre, and what the bar and the outcome say. */
function inView() {
  const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
  const rect = (el) => (el ? el.getBoundingClientRect().toJSON() : null);
  const tel = root.querySelector('.emergency a[href="tel:999"]');
  const peek = root.querySelector('.level-peek');
  const centre = (el) => { const r = el.getBoundingClientRect(); return root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); };
  return {
    tel: rect(tel),
    telOnTop: !!tel && centre(tel) === tel,
    peek: rect(peek),
    peekOnTop: !!peek && peek.contains(centre(peek)),
    peekText: peek?.innerText.replace(/\s+/g, ' ').trim() ?? null,
    level: root.querySelector('[data-testid="likely-level"]')?.textContent.trim() ?? null,
    viewTop: getComputedStyle(document.documentElement).getPropertyValue('--tw-view-top'),
  };
}

/** Where the widget's frame is in the partnership's page (for the script mount: at 0, its
 *  rects are the page's own). */
const frameTop = (t, kind) => (kind === 'frame'
  ? t.d.eval(() => document.querySelector('iframe[data-threshold-widget-frame]').getBoundingClientRect().top)
  : 0);

for (const kind of ['frame', 'script']) {
  for (const area of ['milton-keynes', 'rotherham']) {
    CASES.push({
      name: `${kind} embed, ${area}, 360 px: mid-scroll in the indicators, 999 and the live level are on screen; a tick changes the level in view`,
      async run(t) {
        // The partnership's page (examples/) in a phone's 360 x 740 screen; the widget in it.
        await openInPhone(t, kind === 'frame' ? 'iframe.html' : 'script.html', `?area=${area}`);
        const into = () => (kind === 'frame' ? t.d.frame('#phone', 'iframe[data-threshold-widget-frame]') : t.d.frame('#phone'));
        const page = () => t.d.frame('#phone');
        await into();
        await t.d.ready();
        const check = async (where) => {
          // The frame is told which part of it is on screen; wait until it has applied it.
          let m;
          const end = Date.now() + 5000;
          for (;;) {
            await page();
            const top = await frameTop(t, kind);
            await into();
            m = await t.d.eval(inView);
            const told = `${Math.round(Math.max(0, -top))}px`;
            // Within a pixel: Firefox puts the bar's bottom at 740.00002 on a 740 px screen.
            const onScreen = (r) => r && r.top + top >= -1 && r.bottom + top <= 741 && r.height > 0;
            m.where = { top, told, telOnScreen: onScreen(m.tel), peekOnScreen: onScreen(m.peek) };
            if ((kind !== 'frame' || m.viewTop === told) && m.where.telOnScreen && m.where.peekOnScreen && m.telOnTop && m.peekOnTop) break;
            if (Date.now() > end) break;
            await new Promise((r) => setTimeout(r, 100));
          }
          assert.ok(m.where.telOnScreen, `${where}: the 999 link is on screen: ${JSON.stringify(m)}`);
          assert.ok(m.telOnTop, `${where}: nothing covers the 999 link: ${JSON.stringify(m)}`);
          assert.ok(m.where.peekOnScreen, `${where}: the level bar is on screen: ${JSON.stringify(m)}`);
          assert.ok(m.peekOnTop, `${where}: nothing covers the level bar: ${JSON.stringify(m)}`);
          assert.ok(m.level && m.peekText.includes(`Likely level: ${m.level}`), `${where}: the bar says the outcome's level "${m.level}": "${m.peekText}"`);
          return m;
        };
        // Scroll the partnership's page until the middle indicator is in the middle of the screen.
        const y = await t.d.eval(() => {
          const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
          const rows = root.querySelectorAll('.indicator');
          const r = rows[Math.floor(rows.length / 2)].getBoundingClientRect();
          return r.top + r.height / 2;
        });
        await page();
        const top = await frameTop(t, kind);
        await t.d.eval((dy) => window.scrollBy(0, dy), top + y - 370);
        await into();
        const before = await check(`${kind} ${area}, middle`);
        await t.d.screenshot(path.join(t.shots, `in-view-${kind}-${area}-middle.png`));
        // A tick that raises the level: the scenario's first indicator, clicked from the page
        // where it is (as tests/browser/embed-in-view.test.mjs does: WebKitWebDriver's own
        // click lands nowhere in a frame inside a frame).
        const id = multiIndicatorCase(area).ticked[0];
        await t.d.eval((id) => {
          const root = document.querySelector('[data-threshold-widget]')?.shadowRoot ?? document;
          root.getElementById(`ind-${id}`).click();
        }, id);
        await t.waitUntil(async () => (await t.d.eval(inView)).peekText !== before.peekText,
          `${kind} ${area}: the level bar changes after the tick`);
        const after = await check(`${kind} ${area}, after the tick`);
        assert.notEqual(after.level, before.level, 'the tick changed the level');
        await page();
        assert.ok(await t.d.eval(() => window.scrollY) > 500, 'the partnership\'s page is scrolled, not at its top');
        await t.d.screenshot(path.join(t.shots, `in-view-${kind}-${area}-ticked.png`));
        await t.d.frame(null);
      },
    });
  }
}
