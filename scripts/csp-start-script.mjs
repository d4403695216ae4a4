// Trunk post_build hook: moves Trunk's inline start-up module out of index.html into a
// same-origin file, so the page runs under a Content-Security-Policy without
// 'unsafe-inline' (Trunk issue 288), and adds to it the preload of an area named in `?area=`.
// Fails the build if any inline script is left.
//   node scripts/csp-start-script.mjs "$TRUNK_STAGING_DIR"
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.argv[2];
if (!dir) throw new Error('usage: csp-start-script.mjs STAGING_DIR');
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

// Trunk writes `<script type="module">`, or `<script type=module>` when it minifies.
const inline = /<script type="?module"?(?: nonce="?[^">\s]*"?)?>([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) throw new Error(`${indexPath}: Trunk's inline start-up script was not found`);
// An area other than the default (inside the wasm) is a file of its own, which the wasm asks
// for once it runs, after it has arrived. A `?area=` naming one is preloaded here instead, so
// its file comes down beside the wasm and not after it (README, "Performance"); the
// module's imports come first, so this runs once the JS glue has arrived.
// A build of one area alone (a partnership's own copy) has no `areas/` and no preload.
const areasDir = path.join(dir, 'areas');
const areaFiles = (fs.existsSync(areasDir) ? fs.readdirSync(areasDir) : [])
  .map((f) => f.match(/^([a-z0-9-]+)-[0-9a-f]{16}\.bin$/))
  .filter(Boolean)
  .map(([file, id]) => [id, `areas/${file}`]);
const preload = areaFiles.length === 0 ? '' : `{
  const file = new Map(${JSON.stringify(areaFiles)}).get(new URLSearchParams(location.search).get('area'));
  if (file) {
    const link = document.createElement('link');
    Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: file });
    document.head.append(link);
  }
}
`;
const trunk = found[1].trim();
const imports = trunk.match(/^(?:import [^;]+;\s*)+/)?.[0] ?? '';
if (!imports) throw new Error(`${indexPath}: Trunk's start-up script does not begin with its imports`);
const code = imports.trim() + '\n' + preload + trunk.slice(imports.length).trim() + '\n';
const name = `start-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(dir, name), code);
html = html.replace(inline, `<script type="module" src="./${name}"></script>`);

const left = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
if (left.length) throw new Error(`${indexPath}: inline scripts remain, which the CSP would block: ${left.join(' ')}`);
if (/\sstyle=/.test(html)) throw new Error(`${indexPath}: an inline style attribute remains, which the CSP would block`);
fs.writeFileSync(indexPath, html);
console.log(`moved the start-up script to ${name}`);
