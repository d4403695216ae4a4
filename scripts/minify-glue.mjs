// Trunk post_build hook, after split-parts.mjs: bundles the wasm-bindgen JS glue with what it
// imports (its inline snippets and the loader of the wasm's parts) into the glue's one file,
// minified, with esbuild, so the first load asks for one script where it asked for three; the
// snippets' files and index.html's preloads of them go, and its integrity for the glue is
// updated. The glue's file keeps Trunk's name: the same input always gives the same output,
// so the name still stands for one content.
//   node scripts/minify-glue.mjs "$TRUNK_STAGING_DIR"
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { buildSync } from 'esbuild';

const dir = process.argv[2];
if (!dir) throw new Error('usage: minify-glue.mjs STAGING_DIR');
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

const glue = fs.readdirSync(dir).filter((f) => /^threshold-widget-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) throw new Error(`${dir}: expected one threshold-widget-<hash>.js, found ${glue.length}`);
const file = path.join(dir, glue[0]);
const before = fs.statSync(file).size;
const { outputFiles, metafile } = buildSync({
  entryPoints: [file], bundle: true, write: false, metafile: true,
  minify: true, format: 'esm', target: 'es2020', legalComments: 'none',
  // wasm-bindgen names the parts' loader once per part in the wasm's imports object, always
  // the same module: the repeated key is its own, and harmless.
  logOverride: { 'duplicate-object-key': 'silent' },
});
const code = outputFiles[0].text;
// What went into the bundle, besides the glue: served no more, so removed with their preloads.
const bundled = Object.keys(metafile.inputs).map((f) => path.resolve(f)).filter((f) => f !== path.resolve(file));
fs.writeFileSync(file, code);
for (const f of bundled) {
  const href = `./${path.relative(dir, f).split(path.sep).join('/')}`;
  const link = new RegExp(`<link[^>]*${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^>]*>`, 'g');
  html = html.replace(link, '');
  fs.rmSync(f);
}
fs.rmSync(path.join(dir, 'snippets'), { recursive: true, force: true });

// <link rel="modulepreload" href="./NAME" ... integrity="sha384-..."> must match the new bytes.
const sri = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
let updated = 0;
html = html.replace(new RegExp(`<link[^>]*${glue[0].replace('.', '\\.')}[^>]*>`, 'g'), (tag) => {
  updated += 1;
  return tag.replace(/integrity="?sha384-[^">\s]+"?/, `integrity="${sri}"`);
});
if (updated === 0 && /integrity=/.test(html)) throw new Error(`${indexPath}: no link to ${glue[0]} found to update its integrity`);
fs.writeFileSync(indexPath, html);
console.log(`bundled and minified ${glue[0]}: ${before} -> ${code.length} bytes, with ${bundled.map((f) => path.basename(f)).join(', ')}`);
