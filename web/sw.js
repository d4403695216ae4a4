// Service worker of threshold-widget: the checker opens without a connection after one visit.
// scripts/offline.mjs (the last Trunk hook) writes dist/sw.js from web/sw.js, filling in this
// build's file list and version. Any change to any file gives a new version, so a
// new sw.js, which the browser installs alongside the old one.
//
// It keeps only the site's own files, as the server sent them. It never stores a request
// the page makes, and sees no answer or tick: those never leave the page (README, "Privacy
// and security").
const VERSION = '%VERSION%';
const FILES = [/* FILES */];
// Files are relative to this script's folder, which is the scope ('./').
const FOLDER = new URL('./', self.location).href;
// Named by folder too: two copies of the site on one origin (/lon/, /lon-test/) never
// delete each other's files.
const PREFIX = `threshold-widget ${FOLDER} `;
const CACHE = PREFIX + VERSION;
const URLS = new Set([FOLDER, ...FILES.map((f) => new URL(f, FOLDER).href)]);
// The ruleset loader (about 130 KB) is needed only where a site uses its own ruleset: kept
// when first used, not downloaded on every first visit.
const HASHED = /-[0-9a-f]{12,}(_bg)?\.\w+$/;
// So is the authoring page (author.html, author-*), which only ruleset authors open.
const ON_USE = new Set(FILES.filter((f) => /^(ruleset-loader-|author[-.])/.test(f)).map((f) => new URL(f, FOLDER).href));

self.addEventListener('install', (event) => {
  // All or nothing: if one file fails, the install fails and the old version keeps serving.
  // A file named by its content hash is the same wherever it comes from, so the copy the page
  // has just loaded is taken from the HTTP cache rather than downloaded twice on a poor
  // connection; every other file ('reload') comes from the server, so no older copy is kept.
  const requests = [...URLS].filter((url) => !ON_USE.has(url))
    .map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests))
    .catch((error) => caches.delete(CACHE).then(() => { throw error; })));
  // No skipWaiting() (and no clients.claim()): a new version waits until no page of the old one
  // is open. An open page keeps being served from its own version's cache, so it never loads a
  // file of another version (a renamed wasm, a changed area file) and a new page never gets
  // an old one; the old cache is deleted only once nothing can need it.
});

// The authoring page, once open, asks for the files kept on use (its own and the ruleset
// loader its preview uses), so it works offline after one visit.
self.addEventListener('message', (event) => {
  if (event.data !== 'keep-authoring-files') return;
  const requests = [...ON_USE].map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  // Only this folder's older versions: other caches of the origin belong to someone else.
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
    .map((name) => caches.delete(name)))));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  // The page is opened as ?area=rochdale: the query only chooses the area inside the page.
  if (request.mode === 'navigate') url.search = '';
  // Anything that is not a file of this version goes to the network untouched.
  if (url.origin !== self.location.origin || !URLS.has(url.href)) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(url.href, { ignoreVary: true }))
    // A redirected copy (a host sending index.html to its folder) cannot answer a navigation.
    .then((cached) => (cached && !cached.redirected ? cached : fetch(request).then((response) => {
      if (response.ok && ON_USE.has(url.href)) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.href, copy)));
      }
      return response;
    }))));
});
