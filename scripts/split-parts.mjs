// Trunk post_build hook, before minify-glue.mjs: ships the parts of the page's wasm that
// scripts/bin/wasm-bindgen split off at its `#[lazy]` functions (fetched when first called,
// after the first screen), and their loader:
//  - each part optimised like the page's wasm (wasm-opt -Oz) and named by its content;
//  - the loader (`__wasm_split.js`) pointed at those names and at the glue's hashed name,
//    named by its content and imported by the glue under that name (minify-glue.mjs then
//    bundles it into the glue: one request).
//   node scripts/split-parts.mjs "$TRUNK_STAGING_DIR"
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const dir = process.argv[2];
if (!dir) throw new Error('usage: split-parts.mjs STAGING_DIR');
const target = process.env.CARGO_TARGET_DIR || 'target';
const from = path.join(target, 'wasm-bindgen', 'release', 'wasm-split');
const loaderSrc = path.join(from, '__wasm_split.js');
if (!fs.existsSync(loaderSrc)) {
  throw new Error(`${loaderSrc} is missing: was the page built with scripts/bin first on PATH (see the Makefile)?`);
}
const hash = (...data) => {
  const h = crypto.createHash('sha256');
  for (const d of data) h.update(d);
  return h.digest('hex').slice(0, 16);
};

const glue = fs.readdirSync(dir).filter((f) => /^threshold-widget-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) throw new Error(`${dir}: expected one threshold-widget-<hash>.js, found ${glue.length}`);

let loader = fs.readFileSync(loaderSrc, 'utf8');
const replaceOnce = (text, what, by, where) => {
  if (text.split(what).length !== 2) throw new Error(`${where}: expected ${what} exactly once`);
  return text.replace(what, () => by);
};
loader = replaceOnce(loader, '"./page.js"', `"./${glue[0]}"`, loaderSrc);
let total = 0;
for (const part of fs.readdirSync(from).filter((f) => f.endsWith('.wasm')).sort()) {
  const opt = path.join(from, `${part}.opt`);
  execFileSync('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', path.join(from, part), '-o', opt], { stdio: ['ignore', 'inherit', 'inherit'] });
  const bytes = fs.readFileSync(opt);
  fs.rmSync(opt);
  const name = `page-part-${hash(bytes)}.wasm`;
  fs.writeFileSync(path.join(dir, name), bytes);
  loader = replaceOnce(loader, `"./${part}"`, `"./${name}"`, loaderSrc);
  total += bytes.length;
  console.log(`split part ${part}: ${name}, ${(bytes.length / 1024).toFixed(1)} KB`);
}
const loaderName = `page-part-loader-${hash(loader)}.js`;
fs.writeFileSync(path.join(dir, loaderName), loader);

const gluePath = path.join(dir, glue[0]);
let code = fs.readFileSync(gluePath, 'utf8');
// Only the `from` of the import: the wasm's import module keeps the name "./__wasm_split.js".
code = code.replace(/(from\s*)(['"])\.\/__wasm_split\.js\2/g, (_, f, q) => `${f}${q}./${loaderName}${q}`);
if (!code.includes(loaderName)) throw new Error(`${gluePath}: no import of ./__wasm_split.js to rename`);
fs.writeFileSync(gluePath, code);

console.log(`split parts: ${loaderName}, ${(total / 1024).toFixed(1)} KB of wasm in parts`);
