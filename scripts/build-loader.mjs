// Trunk post_build hook: builds the page's on-demand wasm modules, which never weigh on the
// first load:
//  - the ruleset loader (src/bin/ruleset_loader.rs), imported only when a partnership points
//    the widget at its own ruleset file (the TOML parser and validator): `data-loader`;
//  - the search engine (src/bin/search.rs), imported when the search box is first used (the
//    stemmer, the thesaurus and the index): `data-search`.
// Names the files by their content hash and tells the page where they are (on #app).
//   node scripts/build-loader.mjs "$TRUNK_STAGING_DIR"   (with TW_FEATURES as for Trunk)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const dir = process.argv[2];
if (!dir) throw new Error('usage: build-loader.mjs STAGING_DIR');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

// The same features as the page's build, so Cargo reuses the library it has just compiled.
const features = process.env.TW_FEATURES ? ['--features', process.env.TW_FEATURES] : [];
const modules = [['ruleset-loader', 'data-loader'], ['search', 'data-search']];
run('cargo', ['build', '--quiet', '--release', '--locked', '--target', 'wasm32-unknown-unknown',
  ...modules.flatMap(([bin]) => ['--bin', bin]), ...features]);
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const app = /<div id="?app"?/;
if (!app.test(html)) throw new Error(`${indexPath}: <div id="app"> not found`);
for (const [bin, attribute] of modules) {
  const tmp = fs.mkdtempSync(path.join(path.resolve('target'), `${bin}-`));
  try {
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', bin,
      `target/wasm32-unknown-unknown/release/${bin}.wasm`]);
    run('wasm-opt', ['-Oz', '--low-memory-unused', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', path.join(tmp, `${bin}_bg.wasm`), '-o', path.join(tmp, 'opt.wasm')]);
    const js = fs.readFileSync(path.join(tmp, `${bin}.js`));
    const wasm = fs.readFileSync(path.join(tmp, 'opt.wasm'));
    const hash = crypto.createHash('sha256').update(js).update(wasm).digest('hex').slice(0, 16);
    const name = `${bin}-${hash}`;
    fs.writeFileSync(path.join(dir, `${name}.js`), js);
    fs.writeFileSync(path.join(dir, `${name}_bg.wasm`), wasm);
    html = html.replace(app, (m) => `${m} ${attribute}="${name}.js"`);
    console.log(`${bin}: ${name}.js, ${(wasm.length / 1024).toFixed(1)} KB wasm`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
fs.writeFileSync(indexPath, html);
