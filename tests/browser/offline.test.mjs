// Offline after one visit, with safe updates: the service worker (web/sw.js, written into the
// site by scripts/offline.mjs) and the web app manifest, in headless Chromium.
// Playwright's context.setOffline(true) also cuts the service worker's own fetches, and each
// test's server counts the requests that reach it, so "offline" here means no network at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { start, openWidget, areaShown, Widget, DIST } from './support.mjs';
import { serve } from '../../scripts/serve.mjs';

const PREFIX = '/levels-of-need/';
const OFFLINE_HOOK = path.resolve('scripts/offline.mjs');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The files of a built site as the service worker lists them: relative, '/', sorted, no sw.js. */
function siteFiles(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .map((f) => f.split(path.sep).join('/'))
    // _headers is for the host (Netlify, Cloudflare Pages), which never serves it.
    .filter((f) => f !== 'sw.js' && f !== '_headers' && fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/** The version scripts/offline.mjs wrote into dir/sw.js. */
function swVersion(dir) {
  return fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]+)'/)[1];
}

/** Serves a folder like a partnership's site, and counts the requests that reach it. */
async function site(dir, { port = 0 } = {}) {
  const { server, url } = await serve({ dir, prefix: PREFIX, port });
  const hits = [];
  server.on('request', (req) => hits.push(req.url));
  return {
    url,
    hits,
    port: Number(new URL(url).port),
    close() { server.closeAllConnections(); server.close(); },
  };
}

/** Waits until this page's service worker registration has an activated worker. */
async function swActivated(page) {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (reg.active.state !== 'activated') await new Promise((r) => setTimeout(r, 50));
  });
}

/** Polls `predicate` (run in the page, may be async) until it holds; fails after 20 s. */
async function until(page, predicate, arg) {
  const deadline = Date.now() + 20000;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${predicate}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every Cache Storage entry of the page's origin: { cacheName: [url, ...] }. */
async function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return out;
  });
}

/** Records what a user would notice going wrong in `page`: failed requests, HTTP errors and
 *  console messages (Chromium's own warnings aside); and every response. */
function watch(page) {
  const seen = { failed: [], errors: [], console: [], responses: [] };
  page.on('requestfailed', (r) => seen.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    seen.responses.push(r);
    if (r.status() >= 400) seen.errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => { if (m.type() !== 'warning') seen.console.push(`${m.type()}: ${m.text()}`); });
  return seen;
}

/** Opens `url` in a new page of `context`, watched, and waits until the widget has mounted. */
async function openWatched(context, url) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(url);
  await page.locator('#app[data-ready="true"]').waitFor();
  return { page, seen };
}

function assertClean(seen, what) {
  assert.deepEqual(seen.failed, [], `${what}: no request failed`);
  assert.deepEqual(seen.errors, [], `${what}: no 404 or other error`);
  assert.deepEqual(seen.console, [], `${what}: nothing written to the console`);
}

/** In immediate danger, the first route is the police on 999. */
async function dangerGives999(page, what) {
  const w = new Widget(page);
  await w.answerDanger('Yes');
  assert.equal((await w.telLinks())[0], 'tel:999', `${what}: 999 first`);
}

test('after one visit the checker works with no connection: it opens, gives 999 first, and changes area', async () => {
  const server = await site(DIST);
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const first = await openWidget(context, server.url);
    await swActivated(first);
    await first.close();

    await context.setOffline(true);
    const hitsBefore = server.hits.length;
    const { page, seen } = await openWatched(context, `${server.url}?area=rotherham`);
    await areaShown(page, 'rotherham');
    await dangerGives999(page, 'Rotherham, offline');

    // Another area is a file of its own, fetched when chosen: it was kept too.
    await page.getByLabel('Area', { exact: true }).selectOption('rochdale');
    await areaShown(page, 'rochdale');
    await dangerGives999(page, 'Rochdale, offline');

    // Opened again with the other area in the address (the query is ignored by the cache).
    await page.reload();
    await page.locator('#app[data-ready="true"]').waitFor();
    await areaShown(page, 'rochdale');
    await dangerGives999(page, 'Rochdale reloaded, offline');

    assertClean(seen, 'offline');
    assert.ok(seen.responses.length > 0 && seen.responses.every((r) => r.fromServiceWorker()),
      'every file came from the service worker');
    assert.deepEqual(server.hits.slice(hitsBefore), [], 'nothing reached the server while offline');
    // Really offline: a file the service worker does not keep cannot be fetched.
    assert.equal(await page.evaluate(() => fetch('./not-kept', { cache: 'no-store' }).then(() => 'fetched', () => 'failed')), 'failed');
  } finally {
    await context.close();
    server.close();
  }
});

test('the web app manifest is linked, valid, and its icons exist at their declared sizes', async () => {
  const context = await env.browser.newContext();
  const page = await openWidget(context, env.url, '?area=rotherham');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, page.url()).href;

  // What Chromium itself fetched and parsed from the page's link.
  const cdp = await context.newCDPSession(page);
  const fetched = await cdp.send('Page.getAppManifest');
  assert.equal(fetched.url, manifestUrl);
  assert.deepEqual(fetched.errors, [], 'Chromium found no error in the manifest');
  const response = await page.request.get(manifestUrl);
  assert.equal(response.headers()['content-type'], 'application/manifest+json');
  const m = JSON.parse(fetched.data);
  assert.equal(m.name, 'Levels of need: what to do next');
  assert.equal(m.short_name, 'Levels of need');
  assert.equal(new URL(m.start_url, manifestUrl).href, env.url, 'it starts at the site folder');
  assert.equal(new URL(m.scope, manifestUrl).href, env.url);
  assert.equal(m.display, 'standalone');
  assert.equal(m.background_color, '#ffffff');
  assert.equal(m.theme_color, '#b10e1e');

  const pngs = [];
  for (const icon of m.icons) {
    const url = new URL(icon.src, manifestUrl);
    assert.equal(url.origin, new URL(env.url).origin, `${icon.src}: the site's own file`);
    const file = path.join(DIST, url.pathname.slice(new URL(env.url).pathname.length));
    assert.ok(fs.existsSync(file), `${icon.src} is in the site`);
    const served = await page.request.get(url.href);
    assert.equal(served.status(), 200, `${icon.src} is served`);
    assert.equal(served.headers()['content-type'], icon.type, `${icon.src}: served as ${icon.type}`);
    const bytes = fs.readFileSync(file);
    if (icon.type === 'image/png') {
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
      assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
      const size = `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
      assert.equal(icon.sizes, size, `${icon.src} is ${size}`);
      pngs.push(size);
    } else {
      assert.equal(icon.type, 'image/svg+xml');
      assert.equal(icon.sizes, 'any');
      assert.match(bytes.toString('utf8'), /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    assert.ok(!icon.purpose || icon.purpose.split(' ').includes('any'), `${icon.src}: purpose any`);
  }
  assert.deepEqual(pngs.sort(), ['192x192', '512x512']);
  // Installable, as far as Chromium can tell (Playwright's contexts are incognito ones).
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await context.close();
});

test("the service worker keeps only the site's own files, never a request with a query or an answer", async () => {
  const context = await env.browser.newContext();
  const page = await openWidget(context, env.url, '?area=rotherham');
  await swActivated(page);
  // Use it while the service worker is in control: areas, answers, a request it does not keep.
  await page.reload();
  await page.locator('#app[data-ready="true"]').waitFor();
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
  for (const area of ['rochdale', 'milton-keynes']) {
    await page.getByLabel('Area', { exact: true }).selectOption(area);
    await areaShown(page, area);
    await new Widget(page).answerDanger('Not sure');
  }
  assert.equal(await page.evaluate(() => fetch('./elsewhere?area=rochdale').then((r) => r.status)), 404);

  const kept = await cacheContents(page);
  assert.deepEqual(Object.keys(kept), [`threshold-widget ${env.url} ${swVersion(DIST)}`], 'one cache, of this folder and version');
  const origin = new URL(env.url).origin;
  for (const u of Object.values(kept)[0].map((x) => new URL(x))) {
    assert.equal(u.origin, origin, `${u}: the site's own origin`);
    assert.equal(u.search, '', `${u}: no query string`);
    assert.equal(u.hash, '', `${u}: no fragment`);
  }
  // Exactly the folder and every file of the site (so every area works offline), nothing else;
  // the ruleset loader and the authoring page (author.test.mjs) are kept only once used.
  const precached = siteFiles(DIST).filter((f) => !/^(ruleset-loader-|author[-.])/.test(f));
  assert.deepEqual(Object.values(kept)[0], [env.url, ...precached.map((f) => env.url + f)].sort());
  await context.close();
});

test('an update never mixes versions: open pages keep the old one, new pages get the new one once the old are closed', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-offline-'));
  const dir = path.join(tmp, 'site');
  fs.cpSync(DIST, dir, { recursive: true });
  execFileSync('node', [OFFLINE_HOOK, dir]); // as the build does (no-op on an integrated build)
  const v1 = swVersion(dir);
  const indexPath = path.join(dir, 'index.html');
  const html1 = fs.readFileSync(indexPath, 'utf8');
  const title1 = html1.match(/<title>([^<]*)<\/title>/)[1];
  const startName1 = html1.match(/start-[0-9a-f]+\.js/)[0];

  let server = await site(dir);
  const context = await env.browser.newContext();
  try {
    const { page: a, seen: seenFirst } = await openWatched(context, `${server.url}?area=rotherham`);
    await swActivated(a);
    assertClean(seenFirst, 'v1, first visit');

    // Version 2 replaces version 1 on the server: another title, and the start-up script
    // renamed (as a new build renames its hashed files), so v1's name is gone from the server.
    const title2 = `${title1} (version 2)`;
    const startName2 = startName1.replace(/^start-/, 'start-0002');
    fs.renameSync(path.join(dir, startName1), path.join(dir, startName2));
    fs.writeFileSync(indexPath, html1.replace(`<title>${title1}</title>`, `<title>${title2}</title>`).replace(startName1, startName2));
    execFileSync('node', [OFFLINE_HOOK, dir]);
    const v2 = swVersion(dir);
    assert.notEqual(v2, v1, 'the hook gives version 2 a new version');
    // serve() compresses files when it starts: a new server, on the same origin.
    const { port } = server;
    server.close();
    server = await site(dir, { port });
    assert.equal((await context.request.get(server.url + startName1)).status(), 404, "v1's start-up script is gone from the server");

    // The open v1 page, reloaded: still v1 complete, from v1's cache. The reload also makes
    // the browser fetch sw.js, so version 2 installs and waits.
    const seenA = watch(a);
    await a.reload();
    await a.locator('#app[data-ready="true"]').waitFor();
    assert.equal(await a.title(), title1, 'the open page is still version 1');
    await a.getByLabel('Area', { exact: true }).selectOption('trafford');
    await areaShown(a, 'trafford');
    await dangerGives999(a, 'v1 page reloaded');
    assertClean(seenA, 'v1 page reloaded after the update');
    assert.ok(seenA.responses.some((r) => r.url().endsWith(startName1) && r.fromServiceWorker()), "v1's start-up script, from v1's cache");
    await until(a, async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed');

    // While a v1 page is open, a new page is v1 too: one version at a time.
    const { page: b, seen: seenB } = await openWatched(context, `${server.url}?area=rochdale`);
    assert.equal(await b.title(), title1, 'a page opened while version 1 is in use is version 1');
    await areaShown(b, 'rochdale');
    await dangerGives999(b, 'second v1 page');
    assertClean(seenB, 'second v1 page');
    assert.equal(await b.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting?.state), 'installed', 'version 2 still waits');

    // Every v1 page closed: version 2 activates and removes version 1's cache. Watched from a
    // page of the origin outside the site's folder, which is no page of either version.
    await a.close();
    await b.close();
    const watcher = await context.newPage();
    await watcher.goto(new URL('/outside', server.url).href);
    await until(watcher, async ([folder, name]) => {
      const reg = await navigator.serviceWorker.getRegistration(folder);
      const names = await caches.keys();
      return Boolean(reg?.active) && !reg.waiting && reg.active.state === 'activated' && names.length === 1 && names[0] === name;
    }, [server.url, `threshold-widget ${server.url} ${v2}`]);
    await watcher.close();

    const { page: c, seen: seenC } = await openWatched(context, `${server.url}?area=rotherham`);
    assert.equal(await c.title(), title2, 'a new page is version 2');
    await areaShown(c, 'rotherham');
    await dangerGives999(c, 'v2 page');
    await c.getByLabel('Area', { exact: true }).selectOption('worcestershire');
    await areaShown(c, 'worcestershire');
    assertClean(seenC, 'v2 page');
    const urls = seenC.responses.map((r) => r.url());
    assert.ok(urls.some((u) => u.endsWith(startName2)) && !urls.some((u) => u.endsWith(startName1)), 'with version 2 files only');
    assert.ok(seenC.responses.every((r) => r.fromServiceWorker()), 'from version 2 cache');
    assert.deepEqual(Object.values(await cacheContents(c))[0].filter((u) => u.includes('start-')), [server.url + startName2]);
  } finally {
    await context.close();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
