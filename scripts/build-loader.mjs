// Trunk post_build hook: builds the ruleset loader (src/bin/ruleset_loader.rs), a second wasm
// module the page imports only when a partnership points it at its own ruleset file, so the
// TOML parser never weighs on the first load. Names the files by their content hash and
// tells the page where they are (`data-loader` on #app).
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
run('cargo', ['build', '--quiet', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', 'ruleset-loader', ...features]);
const tmp = fs.mkdtempSync(path.join(path.resolve('target'), 'loader-'));
try {
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', 'ruleset-loader',
    'target/wasm32-unknown-unknown/release/ruleset-loader.wasm']);
  run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', path.join(tmp, 'ruleset-loader_bg.wasm'), '-o', path.join(tmp, 'opt.wasm')]);
  const js = fs.readFileSync(path.join(tmp, 'ruleset-loader.js'));
  const wasm = fs.readFileSync(path.join(tmp, 'opt.wasm'));
  const hash = crypto.createHash('sha256').update(js).update(wasm).digest('hex').slice(0, 16);
  const name = `ruleset-loader-${hash}`;
  fs.writeFileSync(path.join(dir, `${name}.js`), js);
  fs.writeFileSync(path.join(dir, `${name}_bg.wasm`), wasm);

  const indexPath = path.join(dir, 'index.html');
  const html = fs.readFileSync(indexPath, 'utf8');
  const app = /<div id="?app"?/;
  if (!app.test(html)) throw new Error(`${indexPath}: <div id="app"> not found`);
  fs.writeFileSync(indexPath, html.replace(app, (m) => `${m} data-loader="${name}.js"`));
  console.log(`ruleset loader: ${name}.js, ${(wasm.length / 1024).toFixed(1)} KB wasm`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
