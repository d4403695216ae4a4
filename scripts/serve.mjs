// Static server for dist/: brotli or gzip as the browser asks, the right MIME types, the
// headers of web/_headers (the strict Content-Security-Policy among them), and no
// third-party anything. Used by `make run`, the browser tests and the benchmark.
//   node scripts/serve.mjs --dir dist --host 127.0.0.1 --port 8080
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.toml': 'text/plain; charset=utf-8',
};

/** web/_headers, the one deployable file of the site's headers (Netlify / Cloudflare Pages
 *  format): [{ pattern, headers: [[name, value]] }], in the file's order. */
export const HEADERS_FILE = fileURLToPath(new URL('../web/_headers', import.meta.url));
export function readHeaderRules(file = HEADERS_FILE) {
  const rules = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      return;
    }
    const m = line.trim().match(/^([A-Za-z0-9-]+):\s*(.*)$/);
    if (!m || !rules.length) throw new Error(`${file}:${i + 1}: expected "  Name: value" under a path`);
    rules.at(-1).headers.push([m[1], m[2]]);
  });
  return rules;
}

/** The headers the rules give `pathname` (relative to the site's folder): every matching
 *  rule's, a name given twice joined with ", " (as Netlify and Cloudflare do). `*` is any
 *  text, `:name` one path segment. */
export function headersFor(rules, pathname) {
  const headers = {};
  for (const { pattern, headers: list } of rules) {
    const re = new RegExp('^' + pattern.split(/(\*|:[A-Za-z]\w*)/).map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('') + '$');
    if (!re.test(pathname)) continue;
    for (const [name, value] of list) headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** The Content-Security-Policy the widget is built to run under, as web/_headers gives it
 *  (README, "Privacy and security"). `frameAncestors` lists who may frame the page: the
 *  partnership's own origins. */
export function contentSecurityPolicy(frameAncestors = "'self'") {
  const csp = headersFor(readHeaderRules(), '/index.html')['Content-Security-Policy'];
  if (!/frame-ancestors 'self'$/.test(csp ?? '')) throw new Error(`${HEADERS_FILE}: the CSP must end with frame-ancestors 'self'`);
  return csp.replace(/frame-ancestors 'self'$/, `frame-ancestors ${frameAncestors}`);
}

/** The file of the site under `root` that `pathname` names when the site is served from
 *  `prefix` ('/…/' gives its index.html), or null: outside the prefix or the folder, or none. */
export function siteFile(root, prefix, pathname) {
  let rel = decodeURIComponent(pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  // _headers is read by the host (and by serve()), never served.
  if (!rel.startsWith(prefix) || path.basename(rel) === '_headers') return null;
  const file = path.join(root, path.normalize('/' + rel.slice(prefix.length)));
  const ok = file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
  return ok ? file : null;
}

/** Starts a server; resolves to { server, url }. `port: 0` picks a free port.
 *  `encoding` ('br' | 'gzip' | 'identity') overrides negotiation, for the benchmark.
 *  `prefix` (e.g. '/levels-of-need/') serves the site from that folder, as a partnership's
 *  site would; anything outside it is 404. */
export function serve({ dir, host = '127.0.0.1', port = 0, log = false, encoding: forced = null, prefix = '/', csp = contentSecurityPolicy() }) {
  const root = path.resolve(dir);
  const rules = readHeaderRules();
  // Compressed copies, made before listening so no request waits for brotli, and made
  // again when the file changes (edited after start-up: an author's ruleset, a rebuild).
  const cache = new Map();
  const compressed = (file, encoding) => {
    const key = `${file}:${encoding}`;
    const { mtimeMs, ctimeMs, size } = fs.statSync(file);
    const version = `${mtimeMs}:${ctimeMs}:${size}`;
    if (cache.get(key)?.version !== version) {
      const raw = fs.readFileSync(file);
      cache.set(key, {
        version,
        body: encoding === 'br'
          ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
          : zlib.gzipSync(raw, { level: 9 }),
      });
    }
    return cache.get(key).body;
  };
  const server = http.createServer((req, res) => {
    const file = siteFile(root, prefix, new URL(req.url, 'http://localhost').pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      if (log) console.log(`404 ${req.url}`);
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const negotiated = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    const encoding = forced ? (forced === 'identity' ? null : forced) : negotiated;
    const pathname = new URL(req.url, 'http://localhost').pathname;
    const headers = {
      'Content-Type': type,
      // web/_headers: the CSP, Referrer-Policy, nosniff and Cache-Control (a year only for a
      // file named by its content hash).
      ...headersFor(rules, '/' + decodeURIComponent(pathname).slice(prefix.length)),
      Vary: 'Accept-Encoding',
    };
    // `csp` replaces the file's policy (other framing origins), or with null drops it.
    if (csp) headers['Content-Security-Policy'] = csp;
    else delete headers['Content-Security-Policy'];
    const body = encoding ? compressed(file, encoding) : fs.readFileSync(file);
    if (encoding) headers['Content-Encoding'] = encoding;
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    if (log) console.log(`200 ${req.url} ${encoding ?? 'identity'} ${body.length}`);
  });
  for (const f of fs.readdirSync(root, { recursive: true })) {
    const file = path.join(root, f);
    if (fs.statSync(file).isFile()) for (const enc of ['br', 'gzip']) compressed(file, enc);
  }
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}${prefix}` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await serve({
    dir: arg('dir', 'dist'),
    host: arg('host', '127.0.0.1'),
    port: Number(arg('port', '8080')),
    log: true,
  });
  console.log(`threshold-widget is being served at ${url} (Ctrl-C to stop)`);
}
