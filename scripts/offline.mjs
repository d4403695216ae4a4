// Trunk post_build hook, run last: writes DIR/sw.js from web/sw.js with the list of every file
// of the site and a version computed from their names and contents (and the template's), so
// any change to the site gives a new service worker and a new cache (see web/sw.js).
//   node scripts/offline.mjs "$TRUNK_STAGING_DIR"
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.argv[2];
if (!dir) throw new Error('usage: offline.mjs STAGING_DIR');
const template = fs.readFileSync(new URL('../web/sw.js', import.meta.url), 'utf8');

const files = fs.readdirSync(dir, { recursive: true })
  .map((f) => f.split(path.sep).join('/'))
  // _headers is for the host (Netlify, Cloudflare Pages), which does not serve it.
  .filter((f) => f !== 'sw.js' && f !== '_headers' && fs.statSync(path.join(dir, f)).isFile())
  .sort();
if (!files.includes('index.html')) throw new Error(`${dir}/index.html is missing`);

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const version = sha256([sha256(template), ...files.map((f) => `${f}\0${sha256(fs.readFileSync(path.join(dir, f)))}`)].join('\n')).slice(0, 16);

const fill = (text, marker, value) => {
  if (text.split(marker).length !== 2) throw new Error(`web/sw.js: ${marker} must occur exactly once`);
  return text.replace(marker, () => value);
};
let sw = fill(template, '%VERSION%', version);
sw = fill(sw, '[/* FILES */]', `[\n${files.map((f) => `  ${JSON.stringify(f)},`).join('\n')}\n]`);
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`wrote sw.js: version ${version}, ${files.length} files`);
