// The authoring page (author.html): a partnership writes, checks, previews and tests its own
// ruleset with only a browser. Everything the page says about the ruleset comes from its
// wasm (src/bin/author.rs: the engine's own checker, decision table and scenario runner);
// this script only renders it. Nothing leaves the page and nothing is stored: the preview
// gets the text as a blob: URL of this page, which only this browser can read.

const $ = (id) => document.getElementById(id);
const CHECK_DELAY_MS = 400;

const ruleset = { text: $('ruleset-text'), gutter: $('ruleset-gutter'), name: $('ruleset-name') };
const scenarios = { text: $('scenarios-text'), gutter: $('scenarios-gutter'), name: $('scenarios-name') };
let engine = null;
let unsaved = false;
let checkTimer = 0;
let previewUrl = null;
let lastPreview = $('preview-desktop');
let lastReview = '';

const fileName = (input, fallback) => (input.value.trim() || fallback);

// ---- editors: line numbers, cursor position, going to a line ------------------------------

function drawGutter(editor) {
  const lines = editor.text.value.split('\n').length;
  if (editor.gutter.dataset.lines !== String(lines)) {
    editor.gutter.textContent = Array.from({ length: lines }, (_, i) => i + 1).join('\n');
    editor.gutter.dataset.lines = String(lines);
  }
  editor.gutter.scrollTop = editor.text.scrollTop;
}

function cursorText(textarea) {
  const before = textarea.value.slice(0, textarea.selectionStart).split('\n');
  return `Line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

// Puts the cursor at LINE:COL of the ruleset editor and scrolls that line into view.
function goTo(line, column) {
  const t = ruleset.text;
  const lines = t.value.split('\n');
  const l = Math.min(Math.max(line, 1), lines.length);
  let offset = 0;
  for (let i = 0; i < l - 1; i += 1) offset += lines[i].length + 1;
  const start = offset + Math.min(Math.max(column, 1) - 1, lines[l - 1].length);
  t.focus();
  t.setSelectionRange(start, offset + lines[l - 1].length);
  const lineHeight = parseFloat(getComputedStyle(t).lineHeight) || 20;
  t.scrollTop = Math.max(0, (l - 1) * lineHeight - t.clientHeight / 3);
  drawGutter(ruleset);
  $('ruleset-cursor').textContent = cursorText(t);
}

function setText(editor, text) {
  editor.text.value = text;
  editor.text.scrollTop = 0;
  drawGutter(editor);
}

// ---- checking as you type ------------------------------------------------------------------

function problemParts(file, line) {
  const prefix = `${file}:`;
  const m = line.startsWith(prefix) && /^(\d+):(\d+): /.exec(line.slice(prefix.length));
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

function check() {
  clearTimeout(checkTimer);
  if (!engine) return;
  const file = fileName(ruleset.name, 'levels.toml');
  const text = ruleset.text.value;
  const problems = engine.check(file, text);
  const list = $('problems');
  list.replaceChildren(...problems.map((p) => {
    const li = document.createElement('li');
    const where = problemParts(file, p);
    if (where) {
      const a = document.createElement('a');
      a.href = '#ruleset-text';
      a.textContent = p;
      a.addEventListener('click', (e) => { e.preventDefault(); goTo(where.line, where.column); });
      li.append(a);
    } else {
      li.textContent = p;
    }
    return li;
  }));
  $('check-status').textContent = problems.length === 0
    ? `${file}: no problems. The preview shows this version.`
    : `${file}: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}. Select one to go to its line.`;
  document.body.dataset.checked = problems.length === 0 ? 'clean' : 'problems';
  document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
  if (problems.length === 0) {
    const area = engine.area(file, text);
    preview(file, text, area);
    snippet(file, area);
  } else if (previewUrl) {
    $('preview-status').textContent = 'The preview shows the last version without problems: fix the problems to see your changes.';
  }
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_DELAY_MS);
}

// ---- the preview: the real widget, fed the text as a blob: URL of this page ----------------

// The answers given in a preview (the ids of its ticked boxes and chosen options), read before
// it reloads with an edited ruleset and given again after, so an edit does not lose them.
const answersIn = (frame) => [...(frame.contentDocument?.querySelectorAll('#app input:checked') ?? [])]
  .map((i) => i.id).filter(Boolean);

function giveAnswers(frame, ids) {
  if (ids.length === 0) return;
  const started = Date.now();
  const tryNow = () => {
    const doc = frame.contentDocument;
    const late = Date.now() - started > 5000;
    // The widget draws its indicators after the rest: wait for every one (an id the edit
    // removed never comes, so not for ever).
    const ready = doc?.querySelector('#app[data-ready="true"] .layout')
      && (late || ids.every((id) => doc.getElementById(id)));
    if (!ready) {
      if (Date.now() - started < 10000) setTimeout(tryNow, 100);
      return;
    }
    // A click, as the author's own, so the widget hears it.
    for (const id of ids) {
      const input = doc.getElementById(id);
      if (input && !input.checked) input.click();
    }
    frame.dataset.restored = String(Number(frame.dataset.restored || 0) + 1);
  };
  tryNow();
}

function preview(file, text, area) {
  const old = previewUrl;
  previewUrl = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const src = `index.html?ruleset=${encodeURIComponent(previewUrl)}${area ? `&fixed-area=${encodeURIComponent(area)}` : ''}&exit-page=off`;
  let loaded = 0;
  for (const frame of [$('preview-phone'), $('preview-desktop')]) {
    const given = answersIn(frame);
    frame.addEventListener('load', () => {
      loaded += 1;
      watchPreview(frame);
      giveAnswers(frame, given);
      // Each frame has fetched the text by now or will not; the old text is no longer needed.
      if (loaded === 2 && old) URL.revokeObjectURL(old);
    }, { once: true });
    frame.src = src;
  }
  $('preview-status').textContent = `The preview shows ${file} as checked just now.`;
  document.body.dataset.preview = String(Number(document.body.dataset.preview || 0) + 1);
}

// "Save this as a scenario" reads the answers from the preview used last.
function watchPreview(frame) {
  const doc = frame.contentDocument;
  if (!doc) return;
  const mark = () => { lastPreview = frame; };
  doc.addEventListener('change', mark, true);
  doc.addEventListener('focusin', mark, true);
}

function saveScenario() {
  const status = $('save-status');
  if (!engine) return;
  const doc = lastPreview.contentDocument;
  const file = fileName(ruleset.name, 'levels.toml');
  if (!doc || !previewUrl) {
    status.textContent = 'There is no preview yet: fix the ruleset\'s problems first.';
    return;
  }
  const name = $('scenario-name').value.trim();
  if (!name) {
    status.textContent = 'Give the scenario a name first.';
    $('scenario-name').focus();
    return;
  }
  const checked = answersIn(lastPreview);
  try {
    setText(scenarios, engine.add_scenario(file, ruleset.text.value, scenarios.text.value, name, checked));
    unsaved = true;
    const shown = doc.querySelector('[data-testid="likely-level"]')?.textContent.trim();
    status.textContent = `Saved \u201c${name}\u201d${shown ? ` (the preview shows ${shown})` : ''}. Run the scenarios to check them.`;
    $('scenario-name').value = '';
  } catch (e) {
    status.textContent = `Not saved: ${e}`;
  }
}

// ---- scenarios -----------------------------------------------------------------------------

function runScenarios() {
  if (!engine) return;
  const lines = engine.run_scenarios(fileName(ruleset.name, 'levels.toml'), ruleset.text.value,
    fileName(scenarios.name, 'levels.scenarios.toml'), scenarios.text.value);
  const results = new Map();
  const fileProblems = [];
  for (const line of lines) {
    const [kind, name, difference] = line.split('\t');
    if (kind === 'file') fileProblems.push(name);
    else {
      if (!results.has(name)) results.set(name, []);
      if (kind === 'fail') results.get(name).push(difference);
    }
  }
  const items = [];
  let failed = 0;
  for (const [name, differences] of results) {
    const li = document.createElement('li');
    li.className = differences.length ? 'fail' : 'pass';
    const verdict = document.createElement('strong');
    verdict.textContent = differences.length ? 'Fails' : 'Passes';
    li.append(verdict, `: ${name}`);
    if (differences.length) {
      failed += 1;
      const ul = document.createElement('ul');
      ul.append(...differences.map((d) => Object.assign(document.createElement('li'), { textContent: d })));
      li.append(ul);
    }
    items.push(li);
  }
  for (const p of fileProblems) {
    items.push(Object.assign(document.createElement('li'), { className: 'fail', textContent: p }));
  }
  $('scenario-results').replaceChildren(...items);
  const n = results.size;
  $('scenario-status').textContent = `${n} ${n === 1 ? 'scenario' : 'scenarios'}: ${n - failed} ${n - failed === 1 ? 'passes' : 'pass'}, ${failed} ${failed === 1 ? 'fails' : 'fail'}`
    + (fileProblems.length ? `; ${fileProblems.length} ${fileProblems.length === 1 ? 'note' : 'notes'} on the whole file.` : '.');
}

// ---- the decision table: Markdown from the engine, drawn as text (never as markup) ---------

function inline(text) {
  const out = [];
  text.split(/(`[^`]*`|\*\*[^*]+\*\*)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      out.push(Object.assign(document.createElement('code'), { textContent: part.slice(1, -1) }));
    } else if (part.startsWith('**') && part.endsWith('**') && part.length > 4) {
      out.push(Object.assign(document.createElement('strong'), { textContent: part.slice(2, -2) }));
    } else if (part) {
      part.split('<br>').forEach((piece, i) => {
        if (i > 0) out.push(document.createElement('br'));
        out.push(piece.replace(/\\\|/g, '|'));
      });
    }
  });
  return out;
}

function cells(row) {
  return row.replace(/^\|/, '').replace(/\|\s*$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

function drawMarkdown(markdown) {
  const nodes = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    const heading = /^(#{1,4}) (.*)$/.exec(line);
    if (heading) {
      const h = document.createElement(`h${Math.min(heading[1].length + 2, 6)}`);
      h.append(...inline(heading[2]));
      nodes.push(h);
    } else if (line.startsWith('|')) {
      const table = document.createElement('table');
      const head = table.createTHead().insertRow();
      for (const c of cells(line)) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.append(...inline(c));
        head.append(th);
      }
      const body = table.createTBody();
      i += 1; // the |---| line
      while (i + 1 < lines.length && lines[i + 1].startsWith('|')) {
        i += 1;
        const tr = body.insertRow();
        for (const c of cells(lines[i])) tr.insertCell().append(...inline(c));
      }
      const wrap = document.createElement('div');
      wrap.className = 'table-wrap';
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', nodes.findLast((n) => /^H/.test(n.tagName))?.textContent ?? 'Decision table');
      wrap.append(table);
      nodes.push(wrap);
    } else if (line.startsWith('- ')) {
      const ul = document.createElement('ul');
      i -= 1;
      while (i + 1 < lines.length && lines[i + 1].startsWith('- ')) {
        i += 1;
        const li = document.createElement('li');
        li.append(...inline(lines[i].slice(2)));
        ul.append(li);
      }
      nodes.push(ul);
    } else if (line.trim()) {
      const p = document.createElement('p');
      p.append(...inline(line));
      nodes.push(p);
    }
  }
  return nodes;
}

function showReview() {
  if (!engine) return;
  const status = $('review-status');
  try {
    lastReview = engine.review(fileName(ruleset.name, 'levels.toml'), ruleset.text.value);
    $('review').replaceChildren(...drawMarkdown(lastReview));
    status.textContent = 'The decision table for the ruleset as it is now.';
  } catch (e) {
    lastReview = '';
    $('review').replaceChildren();
    status.textContent = 'The ruleset has problems, so there is no decision table yet: see the problems list.';
  }
}

// ---- embed snippet -------------------------------------------------------------------------

// Both forms of the README's "Embed it on your site": mounted in the page, and in an iframe.
function snippet(file, area) {
  let folder = $('publish-folder').value.trim() || '/';
  if (!folder.endsWith('/')) folder += '/';
  $('embed-snippet').textContent = `<div data-threshold-widget data-ruleset="${folder}${file}"${area ? ` data-fixed-area="${area}"` : ''}></div>\n<script src="${folder}widget.js" defer></script>`;
  const origin = $('page-origin').value.trim().replace(/\/+$/, '');
  const params = [`ruleset=${folder}${file}`, area && `fixed-area=${area}`, origin && `parent-origin=${origin}`].filter(Boolean);
  $('frame-snippet').textContent = `<iframe data-threshold-widget-frame\n        src="${folder}embed.html?${params.join('&amp;')}"\n        title="Levels of need checker" style="width:100%;height:900px;border:0"\n        allow="clipboard-write" referrerpolicy="no-referrer"></iframe>\n<script src="threshold-frame.js" defer></script>  <!-- a copy of examples/threshold-frame.js -->`;
}

// ---- files in and out ----------------------------------------------------------------------

function download(name, text, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function openFile(file, target) {
  const text = await file.text();
  const isScenarios = target === 'scenarios' || (target == null && (/\.scenarios\.toml$/.test(file.name) || /^\s*\[\[scenario\]\]/m.test(text)));
  const editor = isScenarios ? scenarios : ruleset;
  editor.name.value = file.name;
  setText(editor, text);
  unsaved = true;
  if (!isScenarios) check();
}

function wire(editor, onInput) {
  editor.text.addEventListener('input', () => { unsaved = true; drawGutter(editor); onInput(); });
  editor.text.addEventListener('scroll', () => { editor.gutter.scrollTop = editor.text.scrollTop; });
}

wire(ruleset, scheduleCheck);
wire(scenarios, () => {});
ruleset.name.addEventListener('input', scheduleCheck);
for (const ev of ['keyup', 'click', 'select']) {
  ruleset.text.addEventListener(ev, () => { $('ruleset-cursor').textContent = cursorText(ruleset.text); });
}
$('open-ruleset').addEventListener('change', (e) => { const f = e.target.files[0]; if (f) openFile(f, 'ruleset'); e.target.value = ''; });
$('open-scenarios').addEventListener('change', (e) => { const f = e.target.files[0]; if (f) openFile(f, 'scenarios'); e.target.value = ''; });
$('use-template').addEventListener('click', () => {
  if (engine) {
    ruleset.name.value = 'levels.toml';
    setText(ruleset, engine.template());
    unsaved = true;
    check();
  }
});
$('download-ruleset').addEventListener('click', () => { download(fileName(ruleset.name, 'levels.toml'), ruleset.text.value); unsaved = false; });
$('download-scenarios').addEventListener('click', () => { download(fileName(scenarios.name, 'levels.scenarios.toml'), scenarios.text.value); unsaved = false; });
$('download-review').addEventListener('click', () => {
  showReview();
  if (lastReview) download(fileName(ruleset.name, 'levels.toml').replace(/\.toml$/, '') + '.review.md', lastReview, 'text/markdown');
});
$('run-scenarios').addEventListener('click', runScenarios);
$('save-scenario').addEventListener('click', saveScenario);
$('show-review').addEventListener('click', showReview);
for (const input of ['publish-folder', 'page-origin']) {
  $(input).addEventListener('input', () => {
    if (document.body.dataset.checked === 'clean') snippet(fileName(ruleset.name, 'levels.toml'), engine.area(fileName(ruleset.name, 'levels.toml'), ruleset.text.value));
  });
}
for (const [button, code] of [['copy-snippet', 'embed-snippet'], ['copy-frame-snippet', 'frame-snippet']]) {
  $(button).addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($(code).textContent);
      $('copy-status').textContent = 'Copied.';
    } catch {
      $('copy-status').textContent = 'Your browser did not allow copying: select the snippet and copy it.';
    }
  });
}
document.addEventListener('dragover', (e) => { e.preventDefault(); });
document.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = e.dataTransfer?.files?.[0];
  if (f) openFile(f, e.target.closest?.('#scenarios-panel') ? 'scenarios' : null);
});
window.addEventListener('beforeunload', (e) => {
  if (unsaved) { e.preventDefault(); e.returnValue = ''; }
});
// The page works offline once used: ask the service worker to keep the authoring files,
// which it does not download for the widget's visitors.
navigator.serviceWorker?.ready.then((reg) => reg.active?.postMessage('keep-authoring-files')).catch(() => {});

// ---- start ---------------------------------------------------------------------------------

(async () => {
  const status = $('engine-status');
  try {
    const url = new URL(document.body.dataset.engine, document.baseURI).href;
    const mod = await import(url);
    await mod.default({ module_or_path: url.replace(/\.js$/, '_bg.wasm') });
    engine = mod;
    status.textContent = 'Ready. Open your ruleset or start from the template.';
    document.body.dataset.ready = 'true';
    drawGutter(ruleset);
    drawGutter(scenarios);
    if (ruleset.text.value) check();
  } catch (e) {
    status.textContent = 'The checker did not load. Reload the page to try again.';
  }
})();
