// The authoring page (author.html, README "Write your ruleset in the browser"): a partnership
// opens, checks, previews, tests and downloads its ruleset with only a browser. Real headless
// Chromium against the normal build (dist/), served with the strict Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { start, eventually, DIST, SHOTS } from './support.mjs';
import { serve } from '../../scripts/serve.mjs';

const VALID = fs.readFileSync('tests/fixtures/testshire.toml', 'utf8');
/** The three different mistakes of tests/author.rs: an unknown field, an indicator at a level
 *  that does not exist, a phone field that is not a number. */
const MISTAKES = [
  ['name = "Level 1 Universal"', 'name = "Level 1 Universal"\ncolour = "red"'],
  ['level = "level-2"\ntext = "Misses', 'level = "level-9"\ntext = "Misses'],
  ['phone = "01709 336080"\naction = "Refer', 'phone = "call us"\naction = "Refer'],
];
const withMistakes = MISTAKES.reduce((text, [from, to]) => text.replace(from, to), VALID);
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

let env;
before(async () => {
  env = await start();
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await env?.close(); });

/** Page object: the authoring page by its labels and roles. */
class Author {
  constructor(page) {
    this.page = page;
    this.editor = page.getByLabel('Ruleset text (TOML)');
    this.scenarios = page.getByLabel('Scenario file (TOML)');
    this.problems = page.locator('#problems li');
    this.phone = page.frameLocator('#preview-phone');
    this.desktop = page.frameLocator('#preview-desktop');
  }
  static async open(context, url, viewport = { width: 1500, height: 1100 }) {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${url}author.html`);
    await page.locator('body[data-ready="true"]').waitFor();
    return new Author(page);
  }
  async checks() { return Number(await this.page.locator('body').getAttribute('data-checks') ?? 0); }
  /** Replaces the ruleset's text as typing would, and waits for the check it starts. */
  async type(text) {
    const before = await this.checks();
    await this.editor.fill(text);
    await eventually(async () => (await this.checks()) > before, 'the page did not check the edited text');
  }
  async openFile(inputLabel, name, text) {
    const before = await this.checks();
    await this.page.getByLabel(inputLabel).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    if (inputLabel.includes('ruleset')) {
      await eventually(async () => (await this.checks()) > before, 'the opened file was not checked');
    } else {
      await eventually(async () => (await this.scenarios.inputValue()) === text, 'the scenario file was not opened');
    }
  }
  async problemTexts() { return this.problems.allInnerTexts(); }
  /** The 1-based line of the editor's cursor, and whether the editor has focus. */
  async cursor() {
    return this.editor.evaluate((t) => ({
      line: t.value.slice(0, t.selectionStart).split('\n').length,
      focused: document.activeElement === t,
    }));
  }
}

test('a file with three mistakes shows all three with their lines; each is a link to its line; fixed, the preview shows it and updates', async () => {
  const context = await env.browser.newContext();
  const a = await Author.open(context, env.url);
  await a.openFile('Open a ruleset file…', 'testshire.toml', withMistakes);

  const problems = await a.problemTexts();
  assert.equal(problems.length, 3, problems.join('\n'));
  const expected = [
    [lineOf(withMistakes, 'colour'), 'unknown field `colour`'],
    [lineOf(withMistakes, 'level-9'), 'level `level-9`'],
    [lineOf(withMistakes, 'call us'), 'not a phone number'],
  ];
  expected.forEach(([line, words], i) => {
    assert.match(problems[i], new RegExp(`^testshire\\.toml:${line}:\\d+: `), problems[i]);
    assert.ok(problems[i].includes(words), `${problems[i]} lacks ${words}`);
  });
  assert.match(await a.page.locator('#check-status').innerText(), /3 problems/);
  await a.page.screenshot({ path: path.join(SHOTS, 'author-problems.png'), fullPage: false });
  // No preview of a ruleset with problems.
  assert.equal(await a.page.locator('#preview-desktop').getAttribute('src'), null);

  // Following a problem puts the cursor on its line.
  for (const [i, [line]] of expected.entries()) {
    await a.page.locator('#problems li a').nth(i).click();
    assert.deepEqual(await a.cursor(), { line, focused: true }, `problem ${i + 1}`);
  }
  assert.equal(await a.page.locator('#ruleset-cursor').innerText(), `Line ${expected[2][0]}, column ${'phone = '.length + 1}`);

  // Fixed: no problem, and the real widget shows the ruleset in both previews.
  await a.type(VALID);
  assert.deepEqual(await a.problemTexts(), []);
  for (const frame of [a.phone, a.desktop]) {
    await frame.getByText('Test levels of need', { exact: false }).first().waitFor();
    await frame.locator('a[href="tel:999"]').first().waitFor();
  }
  const phoneWidth = await a.page.locator('#preview-phone').evaluate((f) => ({
    inner: f.contentWindow.innerWidth, scroll: f.contentDocument.documentElement.scrollWidth,
  }));
  assert.deepEqual(phoneWidth, { inner: 360, scroll: 360 }, 'the phone preview is 360 px wide with nothing wider');
  assert.equal(await a.desktop.getByTestId('likely-level').innerText(), 'Level 1 Universal');

  // An edit shows in the preview without a reload of the authoring page.
  await a.type(VALID.replace('name = "Level 1 Universal"', 'name = "Level 1 Everyday"'));
  await eventually(async () => (await a.desktop.getByTestId('likely-level').innerText().catch(() => '')) === 'Level 1 Everyday',
    'the desktop preview did not show the edited level name', 15000);
  await eventually(async () => (await a.phone.getByTestId('likely-level').innerText().catch(() => '')) === 'Level 1 Everyday',
    'the phone preview did not show the edited level name', 15000);
  await a.page.screenshot({ path: path.join(SHOTS, 'author-preview.png'), fullPage: false });
  await context.close();
});

test('the template checks clean and previews, with the decision table and the embed snippet', async () => {
  const context = await env.browser.newContext();
  const a = await Author.open(context, env.url);
  await a.page.getByRole('button', { name: 'Start from the template' }).click();
  await a.page.locator('body[data-checked="clean"]').waitFor();
  assert.deepEqual(await a.problemTexts(), []);
  await a.desktop.getByText('Exampleshire (template)').first().waitFor();
  await a.phone.getByTestId('likely-level').waitFor();
  // Immediate danger gives 999 first in the preview.
  await a.phone.getByRole('radiogroup', { name: /immediate danger/ }).getByRole('radio', { name: 'Yes', exact: true }).check();
  assert.equal(await a.phone.getByTestId('route').first().locator('a[href^="tel:"]').first().getAttribute('href'), 'tel:999');

  await a.page.getByRole('button', { name: 'Show the decision table' }).click();
  const review = a.page.locator('#review');
  for (const level of ['Level 1: Universal', 'Level 2: Early help', 'Level 3: Child protection']) {
    await review.getByRole('heading', { name: new RegExp(`^${level}`) }).waitFor();
  }
  assert.ok(await review.locator('table tbody tr').count() >= 12, 'a row per level and answer');
  assert.ok((await review.innerText()).includes('Police (999) 999 (emergency; national: 999)'));
  assert.equal(await a.page.locator('#embed-snippet').innerText(),
    '<div data-threshold-widget data-ruleset="/levels-of-need/levels.toml" data-fixed-area="example-area"></div>\n<script src="/levels-of-need/widget.js" defer></script>');
  // The iframe form of the README's "Embed it on your site", for this file and the page's site.
  await a.page.getByLabel('Your page\'s site (its origin)').fill('https://www.exampleshire.gov.uk/');
  assert.equal(await a.page.locator('#frame-snippet').innerText(),
    '<iframe data-threshold-widget-frame\n'
    + '        src="/levels-of-need/embed.html?ruleset=/levels-of-need/levels.toml&amp;fixed-area=example-area&amp;parent-origin=https://www.exampleshire.gov.uk"\n'
    + '        title="Levels of need checker" style="width:100%;height:900px;border:0"\n'
    + '        allow="clipboard-write" referrerpolicy="no-referrer"></iframe>\n'
    + '<script src="threshold-frame.js" defer></script>  <!-- a copy of examples/threshold-frame.js -->');
  await context.close();
});

test('the iframe snippet shows the ruleset in embed.html, as a partnership would paste it', async () => {
  const context = await env.browser.newContext();
  const a = await Author.open(context, env.url);
  await a.page.getByLabel('Folder of the widget on your site').fill('/');
  await a.page.getByLabel('Your page\'s site (its origin)').fill('');
  await a.openFile('Open a ruleset file…', 'testshire.toml', VALID);
  const src = /src="([^"]+)"/.exec(await a.page.locator('#frame-snippet').innerText())[1].replaceAll('&amp;', '&');
  assert.equal(src, '/embed.html?ruleset=/testshire.toml&fixed-area=testshire');
  // Served as the partnership would: the ruleset published next to the widget's files.
  const page = await context.newPage();
  await page.route(`${env.url}testshire.toml`, (route) => route.fulfill({ body: VALID, contentType: 'text/plain' }));
  await page.goto(new URL(src, env.url).href);
  await page.getByText('Test levels of need', { exact: false }).first().waitFor();
  assert.equal(await page.getByTestId('likely-level').innerText(), 'Level 1 Universal');
  await context.close();
});

test('the preview keeps the answers given in it across an edit of the ruleset', async () => {
  const context = await env.browser.newContext();
  const a = await Author.open(context, env.url);
  await a.openFile('Open a ruleset file…', 'testshire.toml', VALID);
  await a.phone.getByTestId('likely-level').waitFor();
  await a.desktop.getByTestId('likely-level').waitFor();
  await a.phone.getByRole('radiogroup', { name: /immediate danger/ }).getByRole('radio', { name: 'No', exact: true }).check();
  await a.phone.getByRole('checkbox', { name: 'Misses appointments', exact: true }).check();
  await a.desktop.getByRole('checkbox', { name: 'Has an unexplained injury', exact: true }).check();
  assert.equal(await a.phone.getByTestId('likely-level').innerText(), 'Level 2 Targeted');

  await a.type(VALID.replace('name = "Level 2 Targeted"', 'name = "Level 2 Extra help"'));
  await eventually(async () => (await a.phone.getByTestId('likely-level').innerText().catch(() => '')) === 'Level 2 Extra help',
    'the phone preview lost its answers, or did not show the edit', 15000);
  assert.ok(await a.phone.getByRole('checkbox', { name: 'Misses appointments', exact: true }).isChecked());
  assert.ok(await a.phone.getByRole('radiogroup', { name: /immediate danger/ }).getByRole('radio', { name: 'No', exact: true }).isChecked());
  // Each preview keeps its own answers.
  await eventually(async () => (await a.desktop.getByTestId('likely-level').innerText().catch(() => '')) === 'Level 3 Acute',
    'the desktop preview lost its answers', 15000);
  assert.equal(await a.desktop.getByRole('checkbox', { name: 'Misses appointments', exact: true }).isChecked(), false);
  await context.close();
});

test('scenarios run in the page: one passes, one fails with its difference; a scenario saved from the preview passes', async () => {
  const context = await env.browser.newContext();
  const a = await Author.open(context, env.url);
  await a.openFile('Open a ruleset file…', 'testshire.toml', VALID);
  const scenarios = [
    'area = "testshire"',
    '', '[[scenario]]', 'name = "nothing ticked"', 'level = "level-1"', 'routes = ["school"]',
    '', '[[scenario]]', 'name = "an injury, expected at the wrong level"', 'ticked = ["i-three"]', 'level = "level-2"',
    '',
  ].join('\n');
  await a.openFile('Open a scenario file…', 'testshire.scenarios.toml', scenarios);
  await a.page.getByRole('button', { name: 'Run scenarios' }).click();
  assert.match(await a.page.locator('#scenario-status').innerText(), /^2 scenarios: 1 passes, 1 fails/);
  const results = a.page.locator('#scenario-results > li');
  assert.equal(await results.nth(0).innerText(), 'Passes: nothing ticked');
  const failed = await results.nth(1).innerText();
  assert.ok(failed.startsWith('Fails: an injury, expected at the wrong level'), failed);
  assert.ok(failed.includes('level is `level-3`, expected `level-2`'), failed);

  // Answers given in the desktop preview, saved as a scenario.
  const f = a.desktop;
  await f.getByRole('radiogroup', { name: /immediate danger/ }).getByRole('radio', { name: 'Not sure', exact: true }).check();
  await f.getByRole('checkbox', { name: 'Misses appointments', exact: true }).check();
  await eventually(async () => (await f.getByTestId('likely-level').innerText()) === 'Level 2 Targeted', 'the preview did not show level 2');
  await a.page.getByLabel('Scenario name').fill('saved from the preview');
  await a.page.getByRole('button', { name: 'Save this as a scenario' }).click();
  const text = await a.scenarios.inputValue();
  assert.ok(text.startsWith(scenarios.trimEnd()), 'the scenarios already there are kept');
  assert.ok(text.includes('[[scenario]]\nname = "saved from the preview"\ndanger = "not-sure"\nticked = ["i-two"]\nlevel = "level-2"\nroutes = ['), text);
  assert.match(await a.page.locator('#save-status').innerText(), /the preview shows Level 2 Targeted/);
  await a.page.getByRole('button', { name: 'Run scenarios' }).click();
  assert.match(await a.page.locator('#scenario-status').innerText(), /^3 scenarios: 2 pass, 1 fails/);
  assert.equal(await results.nth(2).innerText(), 'Passes: saved from the preview');
  await a.page.locator('#scenarios-panel').screenshot({ path: path.join(SHOTS, 'author-scenarios.png') });
  await context.close();
});

test('Download gives exactly the edited text; dropping a file opens it; leaving with unsaved changes asks first', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const a = await Author.open(context, env.url);
  // Dropped on the page, as from a file manager.
  const dropped = VALID.replace('partnership = "Testshire"', 'partnership = "Testshire \u201cdropped\u201d"');
  const transfer = await a.page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'testshire.toml', { type: 'text/plain' }));
    return dt;
  }, dropped);
  const before = await a.checks();
  await a.page.dispatchEvent('#ruleset-panel', 'drop', { dataTransfer: transfer });
  await eventually(async () => (await a.checks()) > before, 'the dropped file was not checked');
  assert.equal(await a.editor.inputValue(), dropped);
  assert.equal(await a.page.getByLabel('File name').first().inputValue(), 'testshire.toml');

  const edited = `${dropped}\n# edited in the page: \u00e9, \u2019, \u201cquoted\u201d\n`;
  await a.editor.click();
  await a.type(edited);
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Download ruleset' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'testshire.toml');
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), edited, 'byte for byte the edited text');

  // Saved: leaving does not ask. Edited again: it does.
  let asked = null;
  a.page.on('dialog', (d) => { asked = d.type(); d.accept(); });
  await a.editor.press('End');
  await a.page.keyboard.type('# more');
  await a.page.close({ runBeforeUnload: true });
  await eventually(() => asked === 'beforeunload', 'no warning before leaving with unsaved changes');

  const b = await Author.open(context, env.url);
  await b.openFile('Open a ruleset file…', 'testshire.toml', VALID);
  await Promise.all([b.page.waitForEvent('download'), b.page.getByRole('button', { name: 'Download ruleset' }).click()]);
  let askedAgain = false;
  b.page.on('dialog', (d) => { askedAgain = true; d.accept(); });
  await b.page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(askedAgain, false, 'no warning once everything is downloaded');
  await context.close();
});

test('nothing leaves the device: no request carries the ruleset, and nothing is stored', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const origin = new URL(env.url).origin;
  const siteFiles = new Set(fs.readdirSync(DIST, { recursive: true }).map((f) => '/' + f.split(path.sep).join('/')));
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '', headers: r.headers() }));
  const MARK = 'Zq7marker';
  const a = await Author.open(context, env.url);
  await a.openFile('Open a ruleset file…', 'testshire.toml', withMistakes.replace('Attends school', `Attends school ${MARK}`));
  await a.type(VALID.replace('Attends school', `Attends school ${MARK}`));
  await a.desktop.getByRole('checkbox', { name: `Attends school ${MARK}` }).check();
  await a.page.getByLabel('Scenario name').fill(`case ${MARK}`);
  await a.page.getByRole('button', { name: 'Save this as a scenario' }).click();
  await a.page.getByRole('button', { name: 'Run scenarios' }).click();
  await a.page.getByRole('button', { name: 'Show the decision table' }).click();
  await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: 'Download scenarios' }).click()]);
  await a.page.waitForTimeout(1000);

  assert.ok(requests.length > 0);
  for (const r of requests) {
    const u = new URL(r.url);
    const seen = `${r.method} ${r.url}`;
    assert.ok(!`${r.url} ${r.body} ${JSON.stringify(r.headers)}`.includes(MARK), `${seen} carries the ruleset's text`);
    assert.ok(!/school/i.test(decodeURIComponent(r.url)), `${seen}: text of the ruleset in an address`);
    if (u.protocol === 'blob:') {
      // The preview's copy of the text: made by this page, readable only in this browser.
      assert.equal(new URL(u.pathname).origin, origin, `${seen}: a blob of this page`);
      continue;
    }
    assert.equal(r.method, 'GET', seen);
    assert.equal(u.origin, origin, `${seen}: not the page's own origin`);
    assert.ok(u.pathname === '/' || siteFiles.has(u.pathname), `${seen}: not a file of the site`);
  }
  const stored = await a.page.evaluate(async () => ({
    cookies: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(stored, { cookies: '', local: 0, session: 0, databases: 0 });
  // Cache Storage holds the site's files only, never the text.
  const cached = await a.page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
  for (const u of cached) assert.ok(siteFiles.has(new URL(u).pathname) || new URL(u).pathname === '/', `${u} cached`);
  await context.close();
});

test('axe-core finds no accessibility violations with problems, results and the decision table shown', async () => {
  const context = await env.browser.newContext();
  const a = await Author.open(context, env.url);
  const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  // The two previews are the same widget, so axe, which joins frames, would find each of its
  // landmarks twice (landmark-unique): the phone preview is scanned on its own.
  const scan = async () => [
    ...(await new AxeBuilder({ page: a.page }).withTags(TAGS).exclude('#preview-phone').analyze()).violations,
    // (Scanned as part of a page, the frame alone "lacks" the page's h1 and main, which the
    // first scan checks.)
    ...(await new AxeBuilder({ page: a.page }).withTags(TAGS).include('#preview-phone')
      .disableRules(['landmark-one-main', 'page-has-heading-one']).analyze()).violations,
  ];
  const show = (violations) => violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  let v = await scan();
  assert.deepEqual(v, [], show(v));
  await a.openFile('Open a ruleset file…', 'testshire.toml', withMistakes);
  v = await scan();
  assert.deepEqual(v, [], show(v));
  await a.type(VALID);
  await a.desktop.getByTestId('likely-level').waitFor();
  await a.phone.getByTestId('likely-level').waitFor();
  await a.page.getByLabel('Scenario name').fill('first');
  await a.page.getByRole('button', { name: 'Save this as a scenario' }).click();
  await a.page.getByRole('button', { name: 'Run scenarios' }).click();
  await a.page.getByRole('button', { name: 'Show the decision table' }).click();
  v = await scan();
  assert.deepEqual(v, [], show(v));
  await context.close();
});

test('after one visit the authoring page works with no connection: it checks and previews', async () => {
  const { server, url } = await serve({ dir: DIST });
  const context = await env.browser.newContext();
  try {
    const first = await Author.open(context, url);
    // The service worker keeps the authoring files (and the loader the preview uses) once asked.
    await eventually(() => first.page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
      return ['author.html', 'author-engine-', 'ruleset-loader-', 'index.html'].every((f) => urls.some((u) => u.includes(f)));
    }), 'the service worker did not keep the authoring files', 20000);
    await first.page.close();

    await context.setOffline(true);
    const a = await Author.open(context, url);
    await a.page.getByRole('button', { name: 'Start from the template' }).click();
    await a.page.locator('body[data-checked="clean"]').waitFor();
    await a.desktop.getByText('Exampleshire (template)').first().waitFor({ timeout: 15000 });
    await a.desktop.locator('a[href="tel:999"]').first().waitFor();
    await a.type('area = "example-area"\n');
    assert.ok((await a.problemTexts()).length > 0, 'checks offline too');
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
  }
});
