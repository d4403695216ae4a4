// README "Privacy and security" (and ARCHITECTURE.md, "What the page may store and send"):
// each guarantee proven in headless Chromium against the normal build,
// served with the strict Content-Security-Policy partnerships are told to send.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, openWidget, areaShown, recordCspViolations, Widget, DIST, bundledAreas } from './support.mjs';
import { contentSecurityPolicy } from '../../scripts/serve.mjs';

const { areas: AREAS } = bundledAreas();
const NEUTRAL = 'https://www.bbc.co.uk/weather';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Everything a practitioner does in one area: every question, ticks, a search, the worked
 *  examples and the questions to think about opened, then Start again. Returns the ticked texts. */
async function fullSession(page) {
  const w = new Widget(page);
  await w.answerDanger('Not sure');
  for (const group of await page.locator('.questions fieldset[role="radiogroup"]').all()) {
    await group.getByRole('radio').first().check();
  }
  const labels = await page.locator('.indicators .indicator-text label').allInnerTexts();
  const ticked = [labels[0], labels[Math.floor(labels.length / 2)], labels[labels.length - 1]];
  for (const text of ticked) await w.tick(text);
  const word = ticked[1].split(/\W+/).find((x) => x.length > 4) ?? ticked[1].split(' ')[0];
  await w.searchFor(word);
  await w.searchFor('');
  for (const summary of await page.locator('details > summary').all()) await summary.click();
  await page.getByRole('button', { name: 'Start again' }).click();
  await page.waitForTimeout(200);
  return ticked;
}

test('nothing leaves the device and nothing is kept: a full session in every area', async () => {
  const origin = new URL(env.url).origin;
  const siteFiles = new Set(fs.readdirSync(DIST, { recursive: true }).map((f) => '/' + f.split(path.sep).join('/')));
  for (const area of AREAS) {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push({ type: m.type(), text: m.text() }));
    await page.goto(`${env.url}?area=${area}`);
    await areaShown(page, area);
    await page.waitForLoadState('networkidle');
    const loaded = requests.length;

    const ticked = await fullSession(page);
    await page.waitForTimeout(1000); // time for anything sent late (a batched beacon, a timer)

    assert.deepEqual(requests.slice(loaded), [], `${area}: no request after the page's own files`);
    for (const u of requests.map((r) => new URL(r))) {
      assert.equal(u.origin, origin, `${area}: ${u} is not the page's own origin`);
      assert.ok(u.pathname === '/' || siteFiles.has(u.pathname), `${area}: ${u.pathname} is not a file of the site`);
    }
    assert.deepEqual(await context.cookies(), [], `${area}: cookies`);
    const kept = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      // The service worker keeps the site's own files for offline use, and nothing else.
      cached: (await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))).flat(),
    }));
    const { cached, ...stored } = kept;
    assert.deepEqual(stored, { local: 0, session: 0, idb: 0 }, `${area}: storage`);
    for (const u of cached.map((c) => new URL(c))) {
      assert.ok(u.origin === origin && !u.search && !u.hash && (u.pathname === '/' || siteFiles.has(u.pathname)),
        `${area}: ${u} is in Cache Storage but is not a file of the site`);
    }
    assert.equal(new URL(page.url()).search, `?area=${area}`, `${area}: the address carries the area and nothing else`);
    for (const text of ticked) {
      assert.ok(!consoleLines.some((l) => l.text.includes(text)), `${area}: "${text}" was written to the console`);
    }
    // Chromium itself may warn (e.g. about the preload's integrity attribute); the page logs nothing.
    const logged = consoleLines.filter((l) => l.type !== 'warning');
    assert.deepEqual(logged, [], `${area}: nothing is written to the console`);
    await context.close();
  }
});

test('web/_headers is the one source of the headers: every file gets them, a year\'s cache only for a hashed name, and the file is never served', async () => {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(`Content-Security-Policy: ${contentSecurityPolicy()}`), 'the README shows the policy of web/_headers');
  const files = fs.readdirSync(DIST, { recursive: true }).map((f) => f.split(path.sep).join('/'))
    .filter((f) => fs.statSync(path.join(DIST, f)).isFile());
  assert.ok(files.includes('_headers'), 'the build copies _headers into dist/ for the host');
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  assert.ok(!sw.includes('"_headers"'), 'the service worker does not ask for it (hosts do not serve it)');
  for (const f of files) {
    const response = await fetch(new URL(f, env.url));
    if (f === '_headers') {
      assert.equal(response.status, 404, 'not served');
      continue;
    }
    assert.equal(response.status, 200, f);
    const h = response.headers;
    const hashed = /-[0-9a-f]{12,}(_bg)?\.\w+$/.test(f); // as web/sw.js tells them
    assert.equal(h.get('cache-control'), hashed ? 'public, max-age=31536000, immutable' : 'no-cache', f);
    assert.equal(h.get('referrer-policy'), 'no-referrer', f);
    assert.equal(h.get('x-content-type-options'), 'nosniff', f);
    if (f.endsWith('.html')) assert.equal(h.get('content-security-policy'), contentSecurityPolicy(), f);
  }
});

test('the strict Content-Security-Policy is sent, enforced, and never violated by the widget', async () => {
  const context = await env.browser.newContext();
  await recordCspViolations(context);
  const page = await context.newPage();
  const response = await page.goto(`${env.url}?area=rotherham`);
  assert.equal(response.headers()['content-security-policy'], contentSecurityPolicy());
  await page.locator('#app[data-ready="true"]').waitFor();
  for (const area of AREAS) {
    await page.getByLabel('Area', { exact: true }).selectOption(area);
    await areaShown(page, area);
    await fullSession(page);
  }
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation event');

  // The policy is really in force: an injected inline script is blocked and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.append(s);
  });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  assert.match((await page.evaluate(() => window.__csp)).join(' '), /script-src/);
  await context.close();
});

test('coming back from the back/forward cache shows an empty form', async () => {
  const context = await env.browser.newContext();
  const page = await openWidget(context, env.url, '?area=rotherham');
  const w = new Widget(page);
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  assert.equal(await w.read(w.level), 'Level 4 Acute');
  await page.evaluate(() => {
    window.__restored = false;
    window.addEventListener('pageshow', (e) => { window.__restored = e.persisted; });
  });

  await page.goto(`${env.url}elsewhere`); // another page of the site (a 404 is enough)
  await page.goBack({ waitUntil: 'commit' });
  await page.locator('#app[data-ready="true"]').waitFor();
  assert.equal(await page.evaluate(() => window.__restored), true, 'the page came back from the back/forward cache');
  assert.equal(await page.locator('input:checked').count(), 0, 'no answer or tick survives');
  assert.equal(await w.read(w.level), 'Level 1 Universal');
  await context.close();
});

/** A context where the neutral page answers locally (nothing may reach the internet), and
 *  `https://partnership.example/` stands for the page the practitioner came from. */
async function exitContext({ neutralDelayMs = 0 } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.route(`${NEUTRAL}**`, async (route) => {
    if (neutralDelayMs) await new Promise((r) => setTimeout(r, neutralDelayMs));
    await route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><p>Neutral page</p>' });
  });
  await context.route('https://partnership.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Partnership</title><p>Safeguarding</p>' }));
  const page = await context.newPage();
  await page.goto('https://partnership.example/');
  await page.goto(`${env.url}?area=rotherham`);
  await page.locator('#app[data-ready="true"]').waitFor();
  const w = new Widget(page);
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  return { context, page, w };
}

test('"Exit this page": clears the answers, covers the page, and leaves so that Back cannot return', async () => {
  const { context, page } = await exitContext({ neutralDelayMs: 800 });
  // What the page looks like just after the exit starts, while the neutral page is held back.
  const seen = new Promise((resolve) => page.exposeFunction('__report', resolve));
  await page.evaluate(() => window.addEventListener('threshold-widget:clear', () => setTimeout(() => window.__report({
    overlay: getComputedStyle(document.getElementById('exit-overlay')).display !== 'none',
    checked: document.querySelectorAll('input:checked').length,
  }), 100)));
  // A real mouse click (page.mouse does not wait for the navigation it starts).
  const box = await page.locator('header a.exit-button').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  assert.deepEqual(await seen, { overlay: true, checked: 0 }, 'covered, and the answers cleared, before leaving');
  await page.waitForURL(NEUTRAL);

  await page.goBack({ waitUntil: 'commit' });
  assert.equal(page.url(), 'https://partnership.example/', 'Back skips the checker: it was replaced, not left');
  await context.close();
});

test('"Exit this page" by keyboard: Shift three times within 5 seconds; a capital letter does not count', async () => {
  const { context, page } = await exitContext();
  const widgetUrl = page.url();
  // Shift, then Shift held for a capital A, then Shift twice: not three plain presses in a row.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  assert.equal(page.url(), widgetUrl);
  assert.match(await page.locator('#exit-status').innerText(), /press 1 more time/);

  await page.keyboard.press('Shift');
  await page.waitForURL(NEUTRAL);
  await page.goBack({ waitUntil: 'commit' });
  assert.equal(page.url(), 'https://partnership.example/');
  await context.close();
});

test('"Exit this page": presses more than 5 seconds apart do not add up', async () => {
  const { context, page } = await exitContext();
  const widgetUrl = page.url();
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(5300);
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  assert.equal(page.url(), widgetUrl);
  await context.close();
});

test('"Exit this page" is the first thing Tab reaches, shown when focused', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await openWidget(context, env.url, '?area=rotherham');
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  assert.equal(await focused.innerText(), 'Exit this page');
  const box = await focused.boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 360, `visible when focused: ${JSON.stringify(box)}`);
  await context.close();
});

test('the test hooks do not ship: ?tw-fail= does nothing and the made-up areas are absent', async () => {
  const context = await env.browser.newContext();
  for (const fail of ['panic', 'unpack']) {
    const page = await openWidget(context, env.url, `?area=rotherham&tw-fail=${fail}`);
    await areaShown(page, 'rotherham');
    assert.equal(await page.locator('#app-failed').isVisible(), false, `tw-fail=${fail}`);
    await page.close();
  }
  const page = await openWidget(context, env.url, '?area=test-markup');
  assert.deepEqual(
    await page.getByLabel('Area', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value)),
    AREAS,
    'the picker offers the areas of rulesets/ and none of the test build\'s made-up areas',
  );
  assert.ok(!fs.readdirSync(path.join(DIST, 'areas')).some((f) => f.startsWith('test-')));
  await context.close();
});

test('a site can turn "Exit this page" off for all its areas', async () => {
  const context = await env.browser.newContext();
  const page = await openWidget(context, env.url, '?area=rotherham');
  assert.ok(await page.locator('header a.exit-button').isVisible());
  // As if the site's index.html said <html data-exit-page="off">.
  await page.evaluate(() => { document.documentElement.dataset.exitPage = 'off'; });
  assert.equal(await page.locator('header a.exit-button').isVisible(), false);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  assert.match(page.url(), /\?area=rotherham$/);
  await context.close();
});
