// Trunk post_build hook: the authoring page (author.html), where a partnership writes, checks,
// previews and tests its own ruleset with only a browser. Builds its wasm (src/bin/author.rs:
// the engine's loader, checker, decision table and scenario runner), names every file by its
// content hash (author-*), and writes author.html from web/author.html with those names.
// The widget never loads any of these; the service worker keeps them once the page is used.
//   node scripts/build-author.mjs "$TRUNK_STAGING_DIR"   (with TW_FEATURES as for Trunk)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const dir = process.argv[2];
if (!dir) throw new Error('usage: build-author.mjs STAGING_DIR');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const hashOf = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

// The same features as the page's build, so Cargo reuses the library it has just compiled.
const features = process.env.TW_FEATURES ? ['--features', process.env.TW_FEATURES] : [];
run('cargo', ['build', '--quiet', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', 'author', ...features]);
const tmp = fs.mkdtempSync(path.join(path.resolve('target'), 'author-'));
const names = {};
try {
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', 'author-engine',
    'target/wasm32-unknown-unknown/release/author.wasm']);
  run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', path.join(tmp, 'author-engine_bg.wasm'), '-o', path.join(tmp, 'opt.wasm')]);
  const js = fs.readFileSync(path.join(tmp, 'author-engine.js'));
  const wasm = fs.readFileSync(path.join(tmp, 'opt.wasm'));
  const engine = `author-engine-${hashOf(js, wasm)}`;
  fs.writeFileSync(path.join(dir, `${engine}.js`), js);
  fs.writeFileSync(path.join(dir, `${engine}_bg.wasm`), wasm);
  names.engine = `${engine}.js`;
  console.log(`authoring page: ${engine}.js, ${(wasm.length / 1024).toFixed(1)} KB wasm`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

for (const [key, file] of [['script', 'author.js'], ['style', 'author.css']]) {
  const body = fs.readFileSync(new URL(`../web/${file}`, import.meta.url));
  const [stem, ext] = file.split('.');
  names[key] = `${stem}-${hashOf(body)}.${ext}`;
  fs.writeFileSync(path.join(dir, names[key]), body);
}
// The service worker's registration, as Trunk named it for index.html.
names.offline = fs.readdirSync(dir).find((f) => /^offline-[0-9a-f]+\.js$/.test(f));
if (!names.offline) throw new Error(`${dir}: offline-<hash>.js (web/offline.js) not found`);

let html = fs.readFileSync(new URL('../web/author.html', import.meta.url), 'utf8');
for (const [key, value] of Object.entries(names)) {
  const marker = `{{${key}}}`;
  if (!html.includes(marker)) throw new Error(`web/author.html: ${marker} is missing`);
  html = html.replaceAll(marker, value);
}
if (/\{\{\w+\}\}/.test(html)) throw new Error(`web/author.html: ${html.match(/\{\{\w+\}\}/)[0]} is not filled in`);
fs.writeFileSync(path.join(dir, 'author.html'), html);
