// The five partnerships in real headless Chromium: each opens from its ?area= link and from
// the picker, shows its own document and notices, and one case each gives the level and the
// route that area's document leads to. Areas other than the default are fetched from the
// site when chosen; that fetch must stay on the page's own origin and carry nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { start, openWidget, areaShown, Widget, DIST, SHOTS, bundledAreas } from './support.mjs';

const { areas: AREAS, defaultArea: DEFAULT_AREA } = bundledAreas();

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function phone(query) {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true });
  const page = await openWidget(context, env.url, query);
  return { context, page, w: new Widget(page) };
}

// One case per area, from its document: what is ticked, the level, and the first routes.
const CASES = [
  {
    area: 'rotherham', partnership: /Rotherham/, stale: /gives no date/,
    danger: 'No', tick: 'Who have alleged abuse',
    level: 'Level 4 Acute', firstRoute: /Multi-Agency Safeguarding Hub/, tel: 'tel:01709336080',
  },
  {
    area: 'rochdale', partnership: /Rochdale/,
    danger: 'No', tick: 'Unaccompanied asylum seeking children',
    level: 'Level 5', firstRoute: /Children's Social Care \(CSC\): urgent referral/,
    rule: /Refer now: Children's Social Care/, stale: /gives no date/,
  },
  {
    area: 'trafford', partnership: /Trafford/,
    danger: 'No', tick: 'children subject to Child Protection Plans',
    // Tier 4 is children's social care as lead agency, not a new significant-harm referral
    // (fidelity review 2026-12-01, T1).
    level: 'Tier 4', firstRoute: /Children’s social care \(lead agency\)/,
    // Dated January 2024: a notice appears once it is three years old.
  },
  {
    area: 'worcestershire', partnership: /Worcestershire/,
    danger: 'No', tick: 'concern that a child or young person may have suffered significant harm, or may be at risk of significant harm',
    level: 'Significant harm (Section 47, Children Act 1989)', firstRoute: /Access Centre/, tel: 'tel:08456072000',
    stale: /dates from May 2008/,
  },
  {
    area: 'milton-keynes', partnership: /Milton Keynes/,
    danger: 'No', tick: 'Child/young person has severe/chronic health problems',
    // The level's own "contact the MASH for advice", not the significant-harm card (M3).
    level: 'Children Social Care', firstRoute: /MASH\): advice, and referral to Children's Social Care/, tel: 'tel:01908253169',
    rule: /Refer now/, stale: /due for review in October 2023/,
  },
];

test('every area of rulesets/ has its case here', () => {
  assert.deepEqual(CASES.map((c) => c.area).sort(), [...AREAS].sort());
});

for (const c of CASES) {
  test(`${c.area}: opens from ?area=${c.area}, and its document leads to ${c.level}`, async () => {
    const { context, page, w } = await phone(`?area=${c.area}`);
    await areaShown(page, c.area);
    assert.equal(await page.getByLabel('Area', { exact: true }).inputValue(), c.area);
    assert.match(await page.locator('.provenance').innerText(), c.partnership);
    const stale = page.getByTestId('stale-notice');
    if (c.stale) assert.match(await stale.innerText(), c.stale);

    await w.answerDanger(c.danger);
    await w.tick(c.tick);
    assert.equal(await w.read(w.level), c.level);
    assert.match(await w.read(w.routes.first().locator('.route-name')), c.firstRoute);
    if (c.tel) assert.ok((await w.telLinks()).includes(c.tel), `${c.tel} in ${await w.telLinks()}`);
    if (c.rule) assert.match(await w.read(w.outcome.getByTestId('rule').first()), c.rule);

    // Immediate danger puts 999 first in every area.
    await w.answerDanger('Yes');
    assert.equal((await w.telLinks())[0], 'tel:999');

    // Every area's page, with its outcome, rules and notices, passes axe (WCAG 2.2 AA).
    const notes = page.locator('details.transcription-notes > summary');
    if (await notes.count()) await notes.click();
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    await page.screenshot({ path: path.join(SHOTS, `${c.area}-360-outcome.png`), fullPage: false });
    await context.close();
  });
}

test('each area opens from the picker, which puts only ?area= in the address', async () => {
  const { context, page } = await phone('');
  // The page opens at the default area: every other area, then back to it.
  for (const c of AREAS.filter((a) => a !== DEFAULT_AREA).concat(DEFAULT_AREA).map((a) => CASES.find((c) => c.area === a))) {
    await page.getByLabel('Area', { exact: true }).selectOption(c.area);
    await areaShown(page, c.area);
    assert.match(await page.locator('.provenance').innerText(), c.partnership);
    assert.equal(new URL(page.url()).search, `?area=${c.area}`);
    // A fresh start in the new area: nothing ticked, lowest level.
    assert.equal(await page.locator('.indicators input[type=checkbox]:checked').count(), 0);
  }
  await context.close();
});

test('the Milton Keynes indicators are grouped by domain, each row naming its level; rebuilt wording is marked', async () => {
  const { context, page } = await phone('?area=milton-keynes');
  await areaShown(page, 'milton-keynes');
  const legends = await page.locator('.indicator-group > legend').allInnerTexts();
  assert.ok(legends.includes('Health') && legends.includes('Housing, work and income'), legends.join(' | '));
  assert.ok(!legends.includes('Children Social Care'), 'grouped by domain, not by level');
  const rebuilt = await page.locator('.indicator .tag--rebuilt').count();
  assert.ok(rebuilt > 0, 'rebuilt items are marked');
  // The checkbox is named by the document's words alone; level and mark describe it.
  const box = page.getByRole('checkbox', { name: 'Child/young person has severe/chronic health problems', exact: true });
  assert.equal(await box.getAttribute('aria-describedby'), await box.evaluate((el) => el.parentElement.querySelector('.tag:not(.tag--rebuilt)').id));
  assert.match(await page.locator(`#${await box.getAttribute('aria-describedby')}`).innerText(), /Children Social Care/);
  assert.match(await page.locator('.indicators > .hint').innerText(), /rebuilt/);
  // A rebuilt row's checkbox is described by its level and by the mark, in that order.
  const described = await page.locator('.indicator:has(.tag--rebuilt)').first().evaluate((row) =>
    row.querySelector('input').getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.innerText.trim()));
  assert.equal(described.length, 2, described.join(' | '));
  assert.ok(described[0].length > 0 && described[1] === 'rebuilt', described.join(' | '));
  await context.close();
});

test('switching areas fetches only the area file, from the page\'s own origin, once', async () => {
  const context = await env.browser.newContext();
  const requests = [];
  context.on('request', (r) => requests.push(r));
  // The default area is inside the wasm: going back to it fetches nothing.
  const page = await openWidget(context, env.url, `?area=${DEFAULT_AREA}`);
  // Everything the first load fetches has been asked for: the rows are drawn and the search
  // module (fetched after them, whatever the practitioner does) has arrived.
  await areaShown(page, DEFAULT_AREA);
  await page.waitForLoadState('networkidle');
  const loaded = requests.length;
  const distFiles = new Set(fs.readdirSync(DIST, { recursive: true }).map((f) => '/' + f.split(path.sep).join('/')));

  for (const area of ['trafford', DEFAULT_AREA, 'trafford']) {
    await page.getByLabel('Area', { exact: true }).selectOption(area);
    await areaShown(page, area);
  }
  await new Widget(page).answerDanger('Yes');
  await page.getByRole('checkbox', { name: 'children subject to Child Protection Plans' }).check();
  await page.waitForTimeout(200);

  const after = requests.slice(loaded).map((r) => new URL(r.url()));
  assert.equal(after.length, 1, `one request for Trafford, then none: ${after.map(String)}`);
  const [u] = after;
  assert.equal(u.origin, new URL(env.url).origin);
  assert.equal(u.search, '', 'nothing in a query string');
  assert.match(u.pathname, /^\/areas\/trafford-[0-9a-f]{16}\.bin$/);
  assert.ok(distFiles.has(u.pathname), `${u.pathname} is one of the site's own files`);
  assert.equal(requests[loaded].method(), 'GET');
  await context.close();
});

// An area named in the address is asked for by the start-up script (a preload), so its file
// comes down beside the wasm instead of after it; the wasm's own fetch then takes that
// response, so the file is fetched once.
test('an area named in the address is fetched beside the wasm, once', async () => {
  // The service worker, which copies every file for offline use, is another matter.
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const area = AREAS.find((a) => a !== DEFAULT_AREA);
  const page = await openWidget(context, env.url, `?area=${area}`);
  await areaShown(page, area);
  const file = new RegExp(`^/areas/${area}-[0-9a-f]{16}\\.bin$`);
  const byWhom = await page.evaluate((source) => performance.getEntriesByType('resource')
    .filter((r) => new RegExp(source).test(new URL(r.name).pathname)).map((r) => r.initiatorType), file.source);
  assert.deepEqual(byWhom, ['link'], `the ${area} file is preloaded, not asked for by the wasm once it runs`);
  assert.equal(requests.filter((p) => file.test(p)).length, 1, `one request for the ${area} file: ${requests}`);
  // A name that is no area's (or an object's own property) preloads nothing.
  const other = await context.newPage();
  const asked = [];
  other.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await other.goto(`${env.url}?area=constructor`);
  await other.locator('#app[data-ready="true"]').waitFor({ state: 'attached' });
  // The default area shows: its worked examples are a file of their own, fetched once painted.
  const reading = new RegExp(`^/areas/${DEFAULT_AREA}-reading-[0-9a-f]{16}\\.bin$`);
  assert.deepEqual(asked.filter((p) => !/^\/(?:[\w-]+\.(?:html|js|css|wasm|webmanifest)|)$/.test(p) && !reading.test(p)), [],
    'nothing but the site\'s own page files');
  await context.close();
});

test('an area that cannot be fetched says so, keeps 999 in view, and can be tried again', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  let block = true;
  await context.route('**/areas/*.bin', (route) => (block ? route.abort() : route.continue()));
  const page = await openWidget(context, env.url, '?area=rochdale');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Rochdale.*could not be loaded/s);
  assert.match(await alert.innerText(), /call 999/);
  assert.ok(await page.locator('header.emergency a[href="tel:999"]').isVisible());

  block = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await areaShown(page, 'rochdale');
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('copied into a folder of a partnership\'s site, the page and every area still load', async () => {
  const sub = await start({ prefix: '/levels-of-need/' });
  try {
    const context = await sub.browser.newContext();
    const failed = [];
    context.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    const page = await openWidget(context, sub.url, '?area=milton-keynes');
    await areaShown(page, 'milton-keynes');
    for (const area of AREAS) {
      await page.getByLabel('Area', { exact: true }).selectOption(area);
      await areaShown(page, area);
    }
    assert.equal(new URL(page.url()).pathname, '/levels-of-need/');
    assert.deepEqual(failed, []);
    await context.close();
  } finally {
    await sub.close();
  }
});

test('early help tried without improvement: the level stays, the next level\'s routes show, and the rule says why', async () => {
  const { context, page, w } = await phone('?area=rotherham');
  await w.answerDanger('No');
  await w.tick('Behavioural difficulties, or risk of offending behaviour');
  assert.equal(await w.read(w.level), 'Level 2 Vulnerable');
  assert.equal(await w.outcome.getByTestId('rule').count(), 0);
  const names = async () => w.readAll(w.routes.locator('.route-name'));
  assert.ok(!(await names()).some((n) => /MASH/.test(n)), 'no MASH card at Level 2');

  await page.getByRole('radiogroup', { name: 'Has early help been tried without the situation improving?' })
    .getByRole('radio', { name: 'Yes' }).check();
  assert.equal(await w.read(w.level), 'Level 2 Vulnerable', 'a rule moves the route, not the level');
  assert.match(await w.read(w.outcome.getByTestId('rule')), /The routes for Level 3 Complex apply/);
  assert.ok((await names()).some((n) => /MASH/.test(n)), `a MASH card: ${await names()}`);
  assert.match(await w.read(w.outcome.locator('.rule-texts')), /not managing to affect change/);
  await context.close();
});

test('the default area shows at once, with no "Loading" in between; a fetched area says it is loading', async () => {
  const context = await env.browser.newContext();
  // Every "Loading ..." status the widget ever puts on the page, however briefly.
  await context.addInitScript(() => {
    window.__loading = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.matches('p.loading[role="status"]')) window.__loading.push(n.textContent);
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await openWidget(context, env.url, '?area=rotherham');
  await areaShown(page, 'rotherham');
  assert.deepEqual(await page.evaluate(() => window.__loading), [], 'the embedded default never shows "Loading"');
  await page.getByLabel('Area', { exact: true }).selectOption('rochdale');
  await areaShown(page, 'rochdale');
  const seen = await page.evaluate(() => window.__loading);
  assert.equal(seen.length, 1, `one "Loading" for Rochdale: ${seen}`);
  assert.match(seen[0], /^Loading the .*Rochdale.* guidance\u2026$/);
  await context.close();
});

test('route cards are a keyed list: an open "Why this route" stays open, on the same card, when a route is added above it', async () => {
  const { context, page, w } = await phone('?area=rotherham');
  await w.answerDanger('No');
  await w.tick('Who have alleged abuse');
  const mash = w.routes.filter({ hasText: 'Multi-Agency Safeguarding Hub' }).first();
  await mash.locator('details.because summary').click();
  await mash.evaluate((el) => { el.dataset.seen = 'before'; });
  await w.answerDanger('Yes');
  assert.match(await w.read(w.routes.first()), /999/, '999 comes first');
  assert.equal(await mash.evaluate((el) => el.dataset.seen), 'before', 'the same element, moved, not drawn again');
  assert.equal(await mash.locator('details.because').evaluate((d) => d.open), true, 'still open');
  await context.close();
});
