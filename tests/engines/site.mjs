// The sites the engine suite serves, all on loopback, and the request log:
// - the widget's files (dist/) by scripts/serve.mjs, each case on a fresh port, so each case
//   is a fresh origin (its own service worker and cache) of the same server;
// - a partnership's page (examples/) on another origin (localhost, not 127.0.0.1), with the
//   widget's files under /levels-of-need/ for the script mount;
// - a proxy that every browser is told to use for anything not on loopback: it answers
//   nothing and records each request, so a request to another origin is seen, not lost.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { serve, siteFile, TYPES, contentSecurityPolicy } from '../../scripts/serve.mjs';

export const DIST = path.resolve(process.env.DIST_DIR ?? 'dist');
export const EXAMPLES = path.resolve('examples');
export const PREFIX = '/levels-of-need/';
/** The origins the example pages name, replaced by the suite's own when served. */
const EXAMPLE_WIDGET = 'https://widget.partnership.example';
const EXAMPLE_HOST = 'https://www.partnership.example';

/** Every request that reached one of the suite's servers or its proxy, in order. */
export class RequestLog {
  constructor() { this.entries = []; }
  add(origin, url, kind = 'site', req = null) {
    this.entries.push({ at: Date.now(), origin, url, kind, method: req?.method ?? null, headers: req?.headers ?? null });
  }
  since(t) { return this.entries.filter((e) => e.at >= t); }
  outside(t = 0) { return this.since(t).filter((e) => e.kind === 'outside'); }
}

function listen(server, host) {
  return new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
}

function closeServer(server) {
  server.closeAllConnections?.();
  server.close();
}

/** Starts the suite's servers; `site.origin()` gives each case a fresh origin. */
export async function startSites(log) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run \`make dist\` first`);
  }
  // One scripts/serve.mjs server (its compressed copies made once); each origin forwards to it.
  const { server: dist } = await serve({ dir: DIST, prefix: PREFIX, csp: null });
  const open = new Set([dist]);

  /** A new origin serving dist/ at /levels-of-need/ with the strict CSP, plus a report-uri
   *  so that a violation in any engine, even during load, reaches the log (kind 'csp'). */
  async function widgetOrigin() {
    let origin;
    const state = { down: false, frameAncestors: ["'self'"] };
    const server = http.createServer((req, res) => {
      if (req.url.endsWith('/csp-report')) {
        let text = '';
        req.on('data', (c) => { text += c; });
        req.on('end', () => { log.add(origin, `${req.url} ${text}`, 'csp'); res.writeHead(204); res.end(); });
        return;
      }
      log.add(origin, req.url, 'site', req);
      if (state.down) { req.socket.destroy(); return; }
      const writeHead = res.writeHead.bind(res);
      res.writeHead = (status, headers = {}) => {
        if (String(headers['Content-Type'] ?? '').startsWith('text/html')) {
          headers['Content-Security-Policy'] = `${contentSecurityPolicy(state.frameAncestors.join(' '))}; report-uri ${PREFIX}csp-report`;
        }
        return writeHead(status, headers);
      };
      dist.emit('request', req, res);
    });
    const port = await listen(server, '127.0.0.1');
    origin = `http://127.0.0.1:${port}`;
    open.add(server);
    return {
      origin,
      url: origin + PREFIX,
      /** Lists `other` in frame-ancestors, as a partnership framing the widget must. */
      allowFraming(other) { state.frameAncestors.push(other); },
      /** Takes the site off line: every connection is dropped from now on. */
      goOffline() { state.down = true; server.closeAllConnections?.(); },
    };
  }

  /** A partnership's page (examples/) on `localhost`, the example origins replaced by `widget`'s and its own. */
  async function hostOrigin(widget) {
    let origin;
    const server = http.createServer((req, res) => {
      log.add(origin, req.url);
      const { pathname, searchParams } = new URL(req.url, 'http://x');
      if (pathname.startsWith(PREFIX)) { dist.emit('request', req, res); return; }
      if (pathname === '/phone.html') {
        // A phone's screen: `src` in a 360 x 740 frame, for an engine whose window cannot be
        // made that narrow (MiniBrowser's is 447 px at the least), and for the embeds mid-scroll.
        const src = searchParams.get('src') ?? '';
        if (!/^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(src)) { res.writeHead(400); res.end('src: a loopback URL'); return; }
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>phone</title>
<style>html, body { margin: 0; } iframe { display: block; width: 360px; height: 740px; border: 0; }</style></head>
<body><iframe id="phone" title="phone" src="${src.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"></iframe></body></html>`);
        return;
      }
      const file = siteFile(EXAMPLES, '/', pathname);
      if (!file) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('Not found'); return; }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      let text = fs.readFileSync(file);
      if (type.startsWith('text/html')) {
        text = String(text).replaceAll(EXAMPLE_WIDGET, widget.origin).replaceAll(EXAMPLE_HOST, origin);
        // ?area=X: the example's fixed area (Rotherham) replaced by another.
        const area = searchParams.get('area');
        if (area && /^[a-z-]+$/.test(area)) text = text.replaceAll('fixed-area=rotherham', `fixed-area=${area}`).replaceAll('data-area="rotherham"', `data-area="${area}"`);
      }
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
      res.end(text);
    });
    const port = await listen(server, '::'); // localhost may be ::1 or 127.0.0.1
    origin = `http://localhost:${port}`;
    widget.allowFraming(origin);
    open.add(server);
    return { origin, url: `${origin}/` };
  }

  // The proxy: plain http requests come as absolute URLs, https as CONNECT host:443.
  const proxy = http.createServer((req, res) => {
    log.add(new URL(req.url).origin, req.url, 'outside');
    res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end('Off the network (tests/engines)');
  });
  proxy.on('connect', (req, socket) => {
    log.add(`https://${req.url.replace(/:443$/, '')}`, req.url, 'outside');
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  const proxyPort = await listen(proxy, '127.0.0.1');
  open.add(proxy);

  return {
    proxyPort,
    widgetOrigin,
    hostOrigin,
    close() { for (const s of open) closeServer(s); },
  };
}
