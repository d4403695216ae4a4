// One small driver interface over three engines, so tests/engines/cases.mjs is written once:
//   Chromium  Debian's chromium through playwright-core (CDP)
//   Gecko     Debian's firefox-esr through puppeteer-core (WebDriver BiDi)
//   WebKit    WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver) under Xvfb
// Every driver sends outside requests to the suite's recording proxy (site.mjs), never to
// the network; the suite itself runs in a network namespace with only loopback (run.sh).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import { FINDER } from './finder.mjs';
import { startProcess, endProcess, groupMembers } from './processes.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** Hosts of each browser's own services (updates, settings, autofill hints), which the
 *  browsers call by themselves whatever the page does; the proxy refuses them like any other,
 *  and engines.test.mjs checks that no file of the site names any of them. */
export const BROWSER_SERVICES = {
  chromium: /(^|\.)(googleapis\.com|gvt1\.com)$/,
  firefox: /(^|\.)services\.mozilla\.com$/,
  webkit: /^$/,
};

/** What every engine's driver offers the cases. `target` is the page, or the frame switched to. */
class Driver {
  /** Runs `fn` (a function, may be async) with `args` (JSON) in the current document; its result (JSON). */
  async eval(fn, ...args) { throw new Error('eval: not implemented'); }

  /** Waits until `fn(...args)` is truthy in the page; fails with `message` after `ms`. Returns its value. */
  async waitFor(fn, args = [], { ms = 15000, message = `waited for ${fn}` } = {}) {
    const end = Date.now() + ms;
    let last;
    for (;;) {
      try {
        last = await this.eval(fn, ...args);
        if (last) return last;
      } catch (e) {
        last = e; // the page may be navigating
      }
      if (Date.now() > end) throw new Error(`${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The widget's `#app` is mounted (data-ready="true"), in the page or in its shadow root, and
   *  the indicator rows, drawn group by group after the first screen, are all there. */
  async ready() {
    await this.waitFor(() => {
      const host = document.querySelector('[data-threshold-widget]');
      const root = host?.shadowRoot ?? document;
      const rows = root.querySelector('.indicators');
      return !!root.querySelector('#app[data-ready="true"]') && rows?.dataset.rows === 'all';
    }, [], { message: 'the widget mounted (#app[data-ready="true"]) with every indicator row drawn' });
  }

  /** A description of what `spec` matched, for error messages and text checks (see finder.mjs). */
  async describe(spec) {
    return this.eval(`${FINDER}; return twDescribe(arguments[0]);`, spec);
  }
}

/** Wraps a function or a body string into a script body taking `arguments`. */
function body(fn) {
  return typeof fn === 'string' ? fn : `return (${fn}).apply(null, arguments);`;
}

// ---- Chromium and Gecko: page objects with evaluate, handles and frames ----------------------

class PageDriver extends Driver {
  constructor(engine, browser, page, close) {
    super();
    this.engine = engine;
    this.browser = browser;
    this.page = page;
    this.target = page;
    this._close = close;
  }
  async goto(url) {
    this.target = this.page;
    // A page that goes on loading (or fails, off the network) must not stop the case here.
    await this.page.goto(url, { waitUntil: 'load', timeout: 20000 }).catch((e) => {
      if (!/net::|NS_ERROR|ERR_|timeout/i.test(e.message)) throw e;
    });
  }
  async url() { return this.page.url(); }
  async eval(fn, ...args) {
    const src = body(fn);
    return this.target.evaluate(([src, args]) => (new Function(src)).apply(null, args), [src, args]);
  }
  async handle(spec) {
    const handle = await this.target.evaluateHandle(([src, spec]) => (new Function(src))(spec),
      [`${FINDER}; return twFind(arguments[0]);`, spec]);
    const el = handle.asElement();
    if (!el) throw new Error(`nothing matches ${JSON.stringify(spec)}`);
    return el;
  }
  async click(spec) { await (await this.handle(spec)).click(); }
  async type(spec, text) { await (await this.handle(spec)).type(text); }
  /** Into the frame `selectors[0]` of the page, then `selectors[1]` inside it, and so on;
   *  no selector: back to the page. */
  async frame(...selectors) {
    this.target = this.page;
    for (const selector of selectors.filter(Boolean)) {
      const el = await this.target.waitForSelector(selector);
      this.target = await el.contentFrame();
    }
  }
  async screenshot(file) { await this.page.screenshot({ path: file }); }
  async close() { await this._close(); }
}

class ChromiumDriver extends PageDriver {
  async setViewport(width, height) { await this.page.setViewportSize({ width, height }); }
  async newPage() {
    await this.page.close();
    this.page = await this.context.newPage();
    this.target = this.page;
  }
}

class FirefoxDriver extends PageDriver {
  async setViewport(width, height) { await this.page.setViewport({ width, height }); }
  async newPage() {
    const old = this.page;
    this.page = await this.browser.newPage();
    this.target = this.page;
    await old.close();
  }
}

async function launchChromium({ proxyPort, log }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Outside hosts go to the recording proxy; loopback (the suite's sites) goes direct.
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
    ],
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  log(`chromium ${browser.version()}`);
  const d = new ChromiumDriver('chromium', browser, page, () => browser.close());
  d.context = context;
  return d;
}

async function launchFirefox({ proxyPort, log }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: { width: 1000, height: 800 },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.allow_hijacking_localhost': false, // loopback (the suite's sites) direct
      'network.proxy.no_proxies_on': '',
      // Firefox's own services, not the page's requests: pointed at a closed loopback port.
      'services.settings.server': 'http://127.0.0.1:9/v1',
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.region.network.url': '',
      'app.update.enabled': false,
    },
  });
  const page = (await browser.pages())[0] ?? await browser.newPage();
  log(`firefox ${await browser.version()}`);
  const proc = browser.process();
  return new FirefoxDriver('firefox', browser, page, async () => {
    await browser.close().catch(() => {});
    if (proc) await endProcess(proc);
  });
}

// ---- WebKit: W3C WebDriver, element references, window rect -----------------------------------

class WebKitDriver extends Driver {
  constructor(session, close) {
    super();
    this.engine = 'webkit';
    this.session = session;
    this._close = close;
  }
  async goto(url) {
    await this.session.switchTo().defaultContent();
    await this.session.get(url).catch((e) => {
      if (!/load|network|timeout|resolve/i.test(e.message)) throw e;
    });
    // pageLoadStrategy 'none' (see launchWebKit): wait here until the document is the new one
    // and loaded; a page that fails to load (off the network) does not stop the case.
    const end = Date.now() + 20000;
    while (Date.now() < end) {
      const [href, state] = await this.session.executeScript('return [location.href, document.readyState]').catch(() => ['', '']);
      if (href === url && state === 'complete') return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async url() { return this.session.getCurrentUrl(); }
  async eval(fn, ...args) {
    // The last argument is WebDriver's callback; a promise result is awaited before it is called.
    // The function's text goes into the script itself: the page's CSP forbids new Function().
    const script = `const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      Promise.resolve().then(() => (function () { ${body(fn)} }).apply(null, args))
        .then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e && e.stack || e) }));`;
    const r = await this.session.executeAsyncScript(script, ...args);
    if (r?.error) throw new Error(r.error);
    return r?.value;
  }
  async handle(spec) {
    const el = await this.session.executeScript(`${FINDER}; return twFind(arguments[0]);`, spec);
    if (!el) throw new Error(`nothing matches ${JSON.stringify(spec)}`);
    return el;
  }
  /** Scrolls `el` to the middle of the window first, as a reader scrolls to what they tap:
   *  WebKitWebDriver takes MiniBrowser's window (toolbar included) for the viewport, so an
   *  element up to ~70 px below the bottom edge counts as in view, is not scrolled to, and its
   *  click fails as "not interactable" (seen on Trafford's second tier and on search results
   *  just under the search box). The WebDriver click that follows still checks it is on screen. */
  async inView(el) {
    await this.session.executeScript('arguments[0].scrollIntoView({ block: "center", inline: "nearest" })', el);
    return el;
  }
  async click(spec, { leaves = false } = {}) {
    if (!leaves) {
      // As Playwright waits for an element to be actionable before it clicks: a click that
      // WebKitWebDriver finds "not interactable" is tried again, found and scrolled to afresh,
      // for up to 2 s (seen once in four runs on the danger question of a frame just shown,
      // a 9 ms answer where a click takes 40 ms). One that stays so still fails.
      for (let tries = 0; ; tries++) {
        try {
          await (await this.inView(await this.handle(spec))).click();
          return;
        } catch (e) {
          if (e?.name !== 'ElementNotInteractableError' || tries >= 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    const el = await this.inView(await this.handle(spec));
    // A click that leaves the page: WebKitWebDriver's click waits for the next page to load,
    // and off the network it never does (the case hung until its timeout). The same checks as
    // WebDriver's click (on screen, nothing over its centre), then the click from the page,
    // after the script has returned.
    const hit = await this.session.executeScript(`const el = arguments[0]; const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const top = (el.getRootNode().elementFromPoint ? el.getRootNode() : document).elementFromPoint(x, y);
      const ok = r.width > 0 && r.height > 0 && y >= 0 && y <= innerHeight && x >= 0 && x <= innerWidth && !!top && (top === el || el.contains(top));
      if (ok) setTimeout(() => el.click(), 0);
      return ok ? 'clicked' : JSON.stringify({ rect: r, at: top && top.outerHTML.slice(0, 120) });`, el);
    if (hit !== 'clicked') throw new Error(`${JSON.stringify(spec)} is not clickable: ${hit}`);
  }
  async type(spec, text) { await (await this.inView(await this.handle(spec))).sendKeys(text); }
  async frame(...selectors) {
    await this.session.switchTo().defaultContent();
    for (const selector of selectors.filter(Boolean)) {
      const el = await this.session.wait(async () => (await this.session.executeScript(
        'return document.querySelector(arguments[0])', selector)) || null, 15000, `frame ${selector}`);
      await this.session.switchTo().frame(el);
      // pageLoadStrategy 'none': the frame's document may still be loading (a script run in it
      // now would be cut off by its unload); wait until it is its own page, loaded.
      const end = Date.now() + 15000;
      for (;;) {
        const [href, state] = await this.session.executeScript('return [location.href, document.readyState]').catch(() => ['', '']);
        if (href && href !== 'about:blank' && state === 'complete') break;
        if (Date.now() > end) throw new Error(`frame ${selector}: not loaded (${href} ${state})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  async setViewport(width, height) {
    // The window's rect includes its decorations: set it, then correct by what the page sees.
    const win = this.session.manage().window();
    await win.setRect({ width, height });
    for (let i = 0; i < 3; i++) {
      const [iw, ih] = await this.session.executeScript('return [window.innerWidth, window.innerHeight]');
      if (iw === width && ih === height) return;
      const rect = await win.getRect();
      await win.setRect({ width: rect.width + width - iw, height: rect.height + height - ih });
    }
  }
  async newPage() {
    await this.session.switchTo().defaultContent();
    await this.session.get('about:blank');
  }
  async screenshot(file) {
    // Bounded and not a check: WebKitWebDriver sometimes never answers a screenshot (seen about
    // one in fifty, after a frame's load); the case goes on, the missing file is logged.
    const png = await Promise.race([this.session.takeScreenshot(), new Promise((r) => setTimeout(r, 10000, null))]);
    if (png === null) { process.stderr.write(`engines: webkit: no screenshot in 10 s for ${path.basename(file)}\n`); return; }
    fs.writeFileSync(file, Buffer.from(png, 'base64'));
  }
  async close() { await this._close(); }
}

/** MiniBrowser, from the package that ships it (libwebkit2gtk-4.1-0). */
function miniBrowser() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  const files = execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' }).split('\n');
  const found = files.find((f) => f.endsWith('/MiniBrowser'));
  if (!found) throw new Error('MiniBrowser not found in libwebkit2gtk-4.1-0: run `scripts/install-deps.sh engines`');
  return found;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts Xvfb on a free display; resolves to { display, proc }. */
async function startXvfb(log) {
  for (let n = 90 + Math.floor(Math.random() * 100), tries = 0; tries < 20; n++, tries++) {
    if (fs.existsSync(`/tmp/.X11-unix/X${n}`) || fs.existsSync(`/tmp/.X${n}-lock`)) continue;
    const proc = startProcess('Xvfb', [`:${n}`, '-screen', '0', '1400x1000x24', '-nolisten', 'tcp']);
    const up = await new Promise((resolve) => {
      const end = Date.now() + 10000;
      const poll = () => {
        if (fs.existsSync(`/tmp/.X11-unix/X${n}`)) return resolve(true);
        if (proc.exitCode !== null || Date.now() > end) return resolve(false);
        setTimeout(poll, 50);
      };
      poll();
    });
    if (up) { log(`Xvfb :${n} pid ${proc.pid}`); return { display: `:${n}`, proc }; }
    await endProcess(proc);
  }
  throw new Error('Xvfb did not start');
}

/** The one start-up failure retried: MiniBrowser crashing as WebKitWebDriver starts it. */
export function isMiniBrowserStartCrash(error) {
  return /MiniBrowser crashed|session not created|Failed to connect to browser|browser.*(crash|terminated|closed)|connection refused|ECONNRESET|socket hang up/i.test(error?.message ?? '');
}

/** The other start-up failure retried, once: WebKitWebDriver never answering the new-session
 *  request (seen once in three full runs: no page of the widget had been asked for yet). */
export class SessionStartHang extends Error {}

/** Rejects as the start-up crash once MiniBrowser, having started, is gone from the driver's
 *  process group: WebKitWebDriver itself never says so when the browser dies before it connects
 *  (tried with a browser that exits at once: the new-session request is never answered). */
function browserGone(pgid, binary, stop) {
  const name = ` ${path.basename(binary).slice(0, 15)}`; // as /proc/<pid>/stat names it
  return new Promise((_, no) => {
    let seen = false;
    const poll = () => {
      if (stop.done) return;
      const browser = groupMembers(pgid).some((m) => m.endsWith(name));
      if (browser) seen = true;
      else if (seen) return no(new Error('MiniBrowser crashed: it exited before the WebDriver session started'));
      setTimeout(poll, 100);
    };
    poll();
  });
}

/** What the processes of group `pgid` are doing (state, kernel wait channel, command line). */
function groupReport(pgid) {
  try {
    return execFileSync('ps', ['-o', 'pid=,stat=,wchan:20=,etime=,args=', '-g', String(pgid)], { encoding: 'utf8' })
      .trim().split('\n').map((l) => l.trim().slice(0, 160)).join(' | ');
  } catch { return '(no process left)'; }
}

async function launchWebKit({ proxyPort, log, attempts = 4, sessionMs = 30000 }) {
  const xvfb = await startXvfb(log);
  const binary = miniBrowser();
  let hangs = 0;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const driverProc = startProcess('WebKitWebDriver', [`--port=${port}`], {
      env: { ...process.env, DISPLAY: xvfb.display, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
    });
    try {
      await waitForPort(port, driverProc);
      const started = Date.now();
      const building = new Builder()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary, args: ['--automation'] },
          proxy: { proxyType: 'manual', httpProxy: `127.0.0.1:${proxyPort}`, sslProxy: `127.0.0.1:${proxyPort}`, noProxy: ['127.0.0.1', 'localhost'] },
          // 'none': WebKitWebDriver otherwise holds every command after a click that leaves
          // the page until the next page loads, and off the network it never does.
          pageLoadStrategy: 'none',
        })
        .build();
      // Bounded: a session that has not started in `sessionMs` is a hang of the driver, ended
      // with its process group (MiniBrowser and its web processes with it) and tried again once.
      // A MiniBrowser that dies before it connects is seen go (browserGone), and retried as the
      // start-up crash.
      let timer;
      const stop = { done: false };
      const start = async () => {
        const session = await building;
        await session.manage().setTimeouts({ script: 30000, pageLoad: 30000 });
        return [session, await session.getCapabilities()];
      };
      const [session, caps] = await Promise.race([
        start(),
        browserGone(driverProc.pid, binary, stop),
        new Promise((_, no) => {
          timer = setTimeout(() => no(new SessionStartHang(`no WebDriver session in ${sessionMs / 1000} s; processes: ${groupReport(driverProc.pid)}`)), sessionMs);
        }),
      ]).finally(() => { clearTimeout(timer); stop.done = true; });
      log(`webkit ${caps.get('browserVersion')} (MiniBrowser, WebKitWebDriver pid ${driverProc.pid}), attempt ${attempt}, session in ${Date.now() - started} ms`);
      return new WebKitDriver(session, async () => {
        await Promise.race([session.quit().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
        await endProcess(driverProc);
        await endProcess(xvfb.proc);
      });
    } catch (error) {
      await endProcess(driverProc);
      const hang = error instanceof SessionStartHang;
      if (hang) hangs++;
      if (attempt < attempts && (hang ? hangs === 1 : isMiniBrowserStartCrash(error))) {
        log(`RETRY webkit start, attempt ${attempt} failed: ${error.message.split('\n')[0]} | driver output: ${driverProc.output.trim().split('\n').slice(-3).join(' | ') || '(none)'}`);
        continue;
      }
      await endProcess(xvfb.proc);
      throw error;
    }
  }
}

async function waitForPort(port, proc) {
  const end = Date.now() + 10000;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${proc.output}`);
    if (Date.now() > end) throw new Error('WebKitWebDriver did not listen');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `engine`; resolves to its Driver. */
export async function launch(engine, options) {
  const start = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit }[engine];
  if (!start) throw new Error(`unknown engine ${engine}: one of ${ENGINES.join(', ')}`);
  return start(options);
}

export const SHOTS = path.resolve('target/screenshots/engines');

// Every WebKit driver call is kept with its time (the last 40), and printed when a case fails,
// to show a call that hung; TW_TRACE=1 prints each as it goes.
for (const name of ['goto', 'eval', 'click', 'type', 'frame', 'setViewport', 'newPage', 'screenshot']) {
  const plain = WebKitDriver.prototype[name];
  WebKitDriver.prototype[name] = async function (...args) {
    const start = Date.now();
    const what = `${name} ${String(args[0]).slice(0, 50).replace(/\s+/g, ' ')}`;
    const entry = { what, start, ms: null };
    this.calls = [...(this.calls ?? []).slice(-39), entry];
    if (process.env.TW_TRACE) process.stderr.write(`trace ${what}\n`);
    try { return await plain.apply(this, args); } finally { entry.ms = Date.now() - start; }
  };
}
WebKitDriver.prototype.recentCalls = function () {
  return (this.calls ?? []).map((c) => `${new Date(c.start).toISOString().slice(11, 23)} ${c.what}: ${c.ms === null ? 'NO ANSWER YET' : `${c.ms} ms`}`);
};
