// Benchmark (prints figures; asserts nothing): the first load's transferred bytes with brotli
// and with gzip, the time from navigation to a usable widget under 4x CPU throttling, and the
// cost of choosing an area that is fetched when chosen.
//   make bench
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from './serve.mjs';
import { CHROMIUM, LAUNCH_ARGS, DIST } from '../tests/browser/support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// 120 KB until the embedding issue added the summary, the site settings, the site's own
// ruleset and the frame and shadow-root mounts (about 23 KB of wasm, brotli): 150 KB since.
const BUDGET_BROTLI = 150 * 1024;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Records when #app is marked ready, on the page's own clock (0 = navigation start).
const READY_PROBE = `
  new MutationObserver((_, obs) => {
    const app = document.getElementById('app');
    if (app && app.dataset.ready === 'true') { window.__twReady = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });`;

// Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

async function firstLoad(browser, encoding, throttle, network = null) {
  const { server, url } = await serve({ dir: DIST, encoding });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.addInitScript(READY_PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const bytes = new Map();
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto(url + '?area=rotherham');
  await page.waitForFunction(() => window.__twReady !== undefined, null, { timeout: 60_000 });
  const ready = await page.evaluate(() => window.__twReady);
  await page.waitForLoadState('networkidle');
  const transferred = [...bytes.values()].reduce((a, b) => a + b, 0);
  await context.close();
  server.close();
  return { transferred, requests: bytes.size, ready };
}

/** A first visit with the HTTP cache on, as a practitioner's browser has it: the bytes the
 *  server sends until ready, and until the service worker's install is done (at the server). */
async function firstVisitWithOffline(browser) {
  const { server, url } = await serve({ dir: DIST, encoding: 'br' });
  let bytes = 0;
  let responses = 0;
  server.prependListener('request', (req, res) => {
    const end = res.end;
    res.end = function (body, ...rest) {
      if (body) { bytes += body.length; responses += 1; }
      return end.call(this, body, ...rest);
    };
  });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(url + '?area=rotherham');
  await page.locator('#app[data-ready="true"]').waitFor();
  const pageBytes = bytes;
  const pageResponses = responses;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForLoadState('networkidle');
  await context.close();
  server.close();
  return { pageBytes, pageResponses, swBytes: bytes - pageBytes, swResponses: responses - pageResponses };
}

/** Opens the default area, then picks `area`: time until its indicators show, bytes fetched. */
async function switchArea(browser, area) {
  const { server, url } = await serve({ dir: DIST, encoding: 'br' });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(url + '?area=rotherham');
  await page.locator('.layout[data-area="rotherham"]').waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  const bytes = new Map();
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  const t0 = await page.evaluate(() => performance.now());
  await page.getByLabel('Area', { exact: true }).selectOption(area);
  await page.locator(`.layout[data-area="${area}"]`).waitFor();
  const ms = (await page.evaluate(() => performance.now())) - t0;
  await context.close();
  server.close();
  return { ms, transferred: [...bytes.values()].reduce((a, b) => a + b, 0) };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
try {
  console.log('threshold-widget benchmark (dist/, area=rotherham, 360x740, cache disabled)\n');
  console.log('files in dist/:');
  let totalBr = 0;
  let precacheBr = 0;
  let loaderBr = 0;
  const files = fs.readdirSync(DIST, { recursive: true }).filter((f) => fs.statSync(path.join(DIST, f)).isFile());
  for (const f of files.sort()) {
    const raw = fs.readFileSync(path.join(DIST, f));
    const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const gz = zlib.gzipSync(raw, { level: 9 }).length;
    if (!f.startsWith('areas')) totalBr += br;
    if (f.startsWith('ruleset-loader-')) loaderBr += br;
    else if (f !== 'sw.js') precacheBr += br;
    console.log(`  ${f.padEnd(48)} raw ${kb(raw.length).padStart(9)}  gzip ${kb(gz).padStart(8)}  brotli ${kb(br).padStart(8)}`);
  }

  console.log(`\nthe service worker keeps every file but the ruleset loader: ${kb(precacheBr)} brotli, fetched once in the background after the first visit`);
  console.log(`a site's own ruleset (the \`ruleset\` setting) adds the ruleset loader: ${kb(loaderBr)} brotli, fetched only by such pages`);

  console.log('\nfirst load, bytes on the wire (headers included):');
  const results = {};
  for (const enc of ['br', 'gzip', 'identity']) {
    const r = await firstLoad(browser, enc, 1);
    results[enc] = r;
    console.log(`  ${enc.padEnd(9)} ${kb(r.transferred).padStart(9)} in ${r.requests} requests`);
  }

  const visit = await firstVisitWithOffline(browser);
  const total = visit.pageBytes + visit.swBytes;
  console.log(`\nfirst visit with the HTTP cache on, until the service worker has kept everything for offline use: ${kb(total)} in ${visit.pageResponses + visit.swResponses} responses (bodies, brotli; the worker takes the files the page has loaded from the HTTP cache)`);

  console.log(`\ntime from navigation to ready (median of ${RUNS} cold loads, brotli):`);
  for (const [label, rate, network] of [['CPU 1x', 1, null], ['CPU 4x', 4, null], ['CPU 4x, slow 4G', 4, SLOW_4G]]) {
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push((await firstLoad(browser, 'br', rate, network)).ready);
    console.log(`  ${label.padEnd(16)} ${median(times).toFixed(0).padStart(5)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
  }

  console.log('\nchoosing another area (fetched from the site when chosen; brotli, 4x CPU, slow 4G):');
  for (const area of ['trafford', 'milton-keynes']) {
    const times = [];
    let transferred = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await switchArea(browser, area);
      times.push(r.ms);
      transferred = r.transferred;
    }
    console.log(`  ${area.padEnd(16)} ${median(times).toFixed(0).padStart(5)} ms to show (min ${Math.min(...times).toFixed(0)}), ${kb(transferred)} on the wire`);
  }

  const br = results.br.transferred;
  console.log(`\nbudget: first load at most ${kb(BUDGET_BROTLI)} brotli: ${kb(br)} (${br <= BUDGET_BROTLI ? 'within' : 'OVER'} budget)`);
} finally {
  await browser.close();
}
