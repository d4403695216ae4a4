#!/bin/sh
# Trunk's post_build hook, one step after another on the staging folder ($1):
#   1. every area but the default as a file areas/<area>-<hash>.bin (see build.rs), written
#      from the native build, which embeds them all (the default is inside the page's wasm);
#   2. Trunk's inline start-up module moved into a file, for the strict CSP (with the preload
#      of an area named in ?area=, so the area files must be written first), the parts split
#      off the page's wasm (scripts/bin/wasm-bindgen) shipped, and the wasm-bindgen JS glue
#      minified;
#   3. the ruleset loader, a second wasm loaded only for a site's own ruleset;
#   4. embed.html and widget.js, the two ways to embed the widget, made from index.html;
#   5. the authoring page (author.html and its wasm), for partnerships writing a ruleset;
#   6. the service worker, listing every file above, so it must come last.
set -eu
dir="$1"
cargo run --quiet --locked ${TW_FEATURES:+--features $TW_FEATURES} -- pack "$dir"
node scripts/csp-start-script.mjs "$dir"
node scripts/split-parts.mjs "$dir"
node scripts/minify-glue.mjs "$dir"
node scripts/build-loader.mjs "$dir"
node scripts/embed.mjs "$dir"
node scripts/build-author.mjs "$dir"
node scripts/offline.mjs "$dir"
