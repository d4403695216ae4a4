// Shared set-up for the browser tests: serve dist/ on a free local port and open Debian's
// Chromium through playwright-core, with no connection allowed beyond 127.0.0.1.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { serve, siteFile, TYPES } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST = path.resolve(process.env.DIST_DIR ?? 'dist');
/** The same site built with test hooks (`make dist-test`): failure triggers, made-up areas. */
export const DIST_TEST = path.resolve(process.env.DIST_TEST_DIR ?? 'target/dist-test');
export const SHOTS = path.resolve('target/screenshots');

export const LAUNCH_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** The bundled areas as the build finds them: `areas`, each `rulesets/<area>.toml` but the
 *  thesaurus, in file-name order (the picker's order), and `defaultArea`, the one named by
 *  `rulesets/default-area`. Throws when there is none, so a test looping over the areas
 *  can never pass by doing nothing. */
export function bundledAreas() {
  const areas = fs.readdirSync('rulesets').filter((f) => f.endsWith('.toml') && f !== 'thesaurus.toml')
    .sort().map((f) => f.replace(/\.toml$/, ''));
  assert.ok(areas.length > 0, 'rulesets/ has no area');
  const defaultArea = fs.readFileSync('rulesets/default-area', 'utf8').trim();
  assert.ok(areas.includes(defaultArea), `rulesets/default-area names ${defaultArea}, which is not in rulesets/`);
  return { areas, defaultArea };
}

/** Serves `dir` (dist/ by default, from `prefix`, '/' by default) with the strict CSP, and
 *  starts Chromium; returns { url, browser, close }. */
export async function start({ prefix = '/', dir = DIST } = {}) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run \`make dist dist-test\` first`);
  }
  const { server, url } = await serve({ dir, prefix });
  // Playwright gives every launch a fresh, empty profile of its own.
  // Playwright turns the back/forward cache off by default; the widget must handle it, so on.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: LAUNCH_ARGS,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/** Waits until an area's indicators are on the page (it may have been fetched). */
export async function areaShown(page, area) {
  await page.locator(`.layout[data-area="${area}"]`).waitFor();
  // The rows are drawn group by group after the first screen (README, "Performance").
  await page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  // Then the search module, fetched with the page's other files (README, "Performance"), or
  // known to be unavailable (the box then matches literally).
  await page.locator('.search:not([data-search="literal"])').waitFor({ state: 'attached' });
}

/** Records Content-Security-Policy violations in every page of `context` (window.__csp). */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Waits until `check` holds (polling), or fails with `message` (a string, or a function giving one). */
export async function eventually(check, message, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(typeof message === 'function' ? await message() : message);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens the widget at `query` (e.g. '?area=rotherham') and waits until it has mounted. */
export async function openWidget(context, url, query = '') {
  const page = await context.newPage();
  await page.goto(url + query);
  await page.locator('#app[data-ready="true"]').waitFor();
  return page;
}

/** The widget at `query` in a new 360 x 740 context of `env` (from `start`): the context, the
 *  page and its page object. */
export async function openPhone(env, query) {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await openWidget(context, env.url, query);
  return { context, page, w: new Widget(page) };
}

/** Page object: the widget as a practitioner uses it, by accessible names only. */
export class Widget {
  constructor(page) {
    this.page = page;
    this.danger = page.getByRole('radiogroup', { name: /immediate danger/ });
    this.outcome = page.getByRole('status');
    this.level = this.outcome.getByTestId('likely-level');
    this.routes = this.outcome.getByTestId('route');
    this.search = page.getByLabel('Search indicators');
  }
  async answerDanger(option) {
    await this.danger.getByRole('radio', { name: option, exact: true }).check();
  }
  /** Types `query` into the search box, then waits until the list is up to date: when a
   *  search shows many rows, they come a screenful per task, top first (README,
   *  "Performance"). */
  async searchFor(query) {
    await this.search.fill(query);
    await this.page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  }
  async tick(text) {
    await this.page.getByRole('checkbox', { name: text, exact: true }).check();
  }
  /** The words of a part of the outcome that are shown (or would be, scrolled to), spaces
   *  collapsed: text in a closed `<details>`, under `display: none` or `visibility: hidden`
   *  is left out, as `innerText` leaves it out. Not `innerText` itself: on a phone the outcome is off screen
   *  while ticking, the browser has skipped its layout (`content-visibility: auto`, see
   *  style/main.css), and `innerText`, the text as laid out, is empty there;
   *  `checkVisibility()` counts skipped content as shown. */
  async read(locator) {
    return locator.evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const words = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement.checkVisibility({ visibilityProperty: true })) words.push(n.data);
      }
      return words.join('').replace(/\s+/g, ' ').trim();
    });
  }
  /** `read` for each element `locator` finds. */
  async readAll(locator) {
    return Promise.all((await locator.all()).map((one) => this.read(one)));
  }
  /** The "Call" buttons' `tel:` links of the route cards, most urgent first. */
  async telLinks() {
    return this.routes.locator('a.call').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  }
}

/** Serves a made-up https origin inside `context` from disk, as a partnership's site would be:
 *  `mounts` maps a path prefix to a folder (longest first) or a path to a page's text; HTML
 *  gets `csp` when given. Nothing reaches the network. */
export async function routeOrigin(context, origin, mounts, { csp = null } = {}) {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  await context.route(`${origin}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    for (const [prefix, target] of entries) {
      if (!pathname.startsWith(prefix)) continue;
      let body;
      let file = pathname;
      if (typeof target === 'string' && fs.existsSync(target) && fs.statSync(target).isDirectory()) {
        file = siteFile(path.resolve(target), prefix, pathname);
        if (!file) continue;
        body = fs.readFileSync(file);
      } else if (pathname === prefix) {
        body = target;
      } else {
        continue;
      }
      const type = TYPES[path.extname(file)] ?? 'text/html; charset=utf-8';
      const headers = { 'content-type': type };
      if (csp && type.startsWith('text/html')) headers['content-security-policy'] = csp;
      return route.fulfill({ status: 200, headers, body });
    }
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
  });
}
