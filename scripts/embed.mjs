// Trunk post_build hook: the two ways a partnership embeds the widget (README, "Embed it on
// your site"), made from the built index.html so they can never drift from it:
//   embed.html   the page for an <iframe>: the same page, marked data-embed="frame", so it
//                tells its parent its height (the `parent-origin` setting) and leaves the
//                whole page on "Exit this page"; with in-view-<hash>.js (web/in-view.js),
//                which places the 999 line and the level bar where the parent says the
//                frame is on screen;
//   widget.js    web/widget.js, which mounts the widget into <div data-threshold-widget> of
//                the partnership's own page, inside a shadow root so neither page's CSS
//                reaches the other, with this build's file names and markup filled in; its
//                stylesheet is widget-<hash>.css, main.css made fit for a shadow root by
//                scripts/shadow-css.mjs, and it loads in-view-<hash>.js too (focus clear of
//                the sticky bars).
//   node scripts/embed.mjs "$TRUNK_STAGING_DIR"
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { forShadowRoot } from './shadow-css.mjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: embed.mjs STAGING_DIR');
const indexPath = path.join(dir, 'index.html');
const html = fs.readFileSync(indexPath, 'utf8');
// The embeds' own script, not in index.html (the page keeps its first load).
const inViewJs = fs.readFileSync(new URL('../web/in-view.js', import.meta.url), 'utf8');
const inView = `in-view-${hash(inViewJs)}.js`;
fs.writeFileSync(path.join(dir, inView), inViewJs);

// embed.html
const frame = html.replace(/<html([^>]*)>/, '<html$1 data-embed="frame">')
  .replace(/<script[^>]*exit-this-page-[0-9a-f]+\.js/, (tag) => `<script src="./${inView}" defer></script>${tag}`);
if (!frame.includes('data-embed="frame"') || !frame.includes(inView)) throw new Error(`${indexPath}: <html> or the exit-this-page script not found`);
fs.writeFileSync(path.join(dir, 'embed.html'), frame);

// widget.js (web/widget.js, with this build's names filled in) and its stylesheet. The files
// are found by name in the staging folder, where each is the only one of its kind.
const only = (re, what) => {
  const found = fs.readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`${dir}: expected one ${what}, found ${found.length}`);
  return found[0];
};
const css = only(/^main-[0-9a-f]+\.css$/, 'stylesheet main-<hash>.css');
const opening = html.indexOf('<body>');
const closing = html.lastIndexOf('</body>');
if (opening < 0 || closing < opening) throw new Error(`${indexPath}: <body> not found`);
const widgetCss = forShadowRoot(fs.readFileSync(path.join(dir, css), 'utf8'));
const cssName = `widget-${hash(widgetCss)}.css`;
fs.writeFileSync(path.join(dir, cssName), widgetCss);
const build = {
  css: cssName,
  exit: only(/^exit-this-page-[0-9a-f]+\.js$/, 'exit-this-page-<hash>.js'),
  inView,
  module: only(/^threshold-widget-[0-9a-f]+\.js$/, 'threshold-widget-<hash>.js'),
  wasm: only(/^threshold-widget-[0-9a-f]+_bg\.wasm$/, 'threshold-widget-<hash>_bg.wasm'),
  body: html.slice(opening + '<body>'.length, closing),
};
const source = fs.readFileSync(new URL('../web/widget.js', import.meta.url), 'utf8');
const marker = '/* BUILD */ null';
if (source.split(marker).length !== 2) throw new Error(`web/widget.js: ${marker} must occur exactly once`);
fs.writeFileSync(path.join(dir, 'widget.js'), source.replace(marker, () => JSON.stringify(build)));
console.log(`embed.html, widget.js and ${cssName} written`);

function hash(text) {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
}
