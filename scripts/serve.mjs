// Static server for dist/: brotli or gzip as the browser asks, the right MIME types, the
// strict Content-Security-Policy, and no third-party anything. Used by `make run`, the browser tests and the benchmark.
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

/** The Content-Security-Policy the widget is built to run under (README, "Privacy and
 *  security"). `frameAncestors` lists who may frame the page: the partnership's own origins. */
export function contentSecurityPolicy(frameAncestors = "'self'") {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** The file of the site under `root` that `pathname` names when the site is served from
 *  `prefix` ('/…/' gives its index.html), or null: outside the prefix or the folder, or none. */
export function siteFile(root, prefix, pathname) {
  let rel = decodeURIComponent(pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  if (!rel.startsWith(prefix)) return null;
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
    const headers = {
      'Content-Type': type,
      // Only a file named by its content hash may be kept for ever; index.html, embed.html,
      // sw.js, widget.js, the manifest and icons keep their names across versions.
      'Cache-Control': /-[0-9a-f]{12,}(_bg)?\.\w+$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      Vary: 'Accept-Encoding',
    };
    if (csp && type.startsWith('text/html')) headers['Content-Security-Policy'] = csp;
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
