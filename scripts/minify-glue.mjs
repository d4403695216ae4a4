// Trunk post_build hook: minifies the wasm-bindgen JS glue (Trunk leaves it as generated) with
// esbuild, and updates the integrity hashes index.html gives for it. The glue's file keeps
// Trunk's name: the same input always gives the same output, so the name still stands for
// one content.
//   node scripts/minify-glue.mjs "$TRUNK_STAGING_DIR"
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { transformSync } from 'esbuild';

const dir = process.argv[2];
if (!dir) throw new Error('usage: minify-glue.mjs STAGING_DIR');
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

const glue = fs.readdirSync(dir).filter((f) => /^threshold-widget-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) throw new Error(`${dir}: expected one threshold-widget-<hash>.js, found ${glue.length}`);
const file = path.join(dir, glue[0]);
const before = fs.readFileSync(file, 'utf8');
const { code } = transformSync(before, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
fs.writeFileSync(file, code);

// <link rel="modulepreload" href="./NAME" ... integrity="sha384-..."> must match the new bytes.
const sri = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
let updated = 0;
html = html.replace(new RegExp(`<link[^>]*${glue[0].replace('.', '\\.')}[^>]*>`, 'g'), (tag) => {
  updated += 1;
  return tag.replace(/integrity="?sha384-[^">\s]+"?/, `integrity="${sri}"`);
});
if (updated === 0 && /integrity=/.test(html)) throw new Error(`${indexPath}: no link to ${glue[0]} found to update its integrity`);
fs.writeFileSync(indexPath, html);
console.log(`minified ${glue[0]}: ${before.length} -> ${code.length} bytes`);
