// Trunk post_build hook: moves Trunk's inline start-up module out of index.html into a
// same-origin file, so the page runs under a Content-Security-Policy without
// 'unsafe-inline' (Trunk issue 288). Fails the build if any inline script is left.
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
const code = found[1].trim() + '\n';
const name = `start-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(dir, name), code);
html = html.replace(inline, `<script type="module" src="./${name}"></script>`);

const left = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
if (left.length) throw new Error(`${indexPath}: inline scripts remain, which the CSP would block: ${left.join(' ')}`);
if (/\sstyle=/.test(html)) throw new Error(`${indexPath}: an inline style attribute remains, which the CSP would block`);
fs.writeFileSync(indexPath, html);
console.log(`moved the start-up script to ${name}`);
