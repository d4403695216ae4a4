// Search in real headless Chromium: a sample of tests/search_terms.toml typed into the search
// box, typing fast ending as typing slowly does, matched words highlighted, the quiet
// "matches … as …" note, the no-match help with the area's own consultation route, the
// "Same concern at other levels" disclosure by keyboard, no request while typing, axe-core
// with all of them open, and at 360 px the count and first result above the level bar when
// the box is scrolled into view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { start, openWidget, areaShown, Widget, SHOTS } from './support.mjs';

let env;
before(async () => { env = await start(); fs.mkdirSync(SHOTS, { recursive: true }); });
after(async () => { await env?.close(); });

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The terms file, read with a small parser of its own simple shape ([[term]] tables). */
function terms() {
  const text = fs.readFileSync('tests/search_terms.toml', 'utf8');
  return text.split('[[term]]').slice(1).map((block) => {
    const get = (k) => block.match(new RegExp(`^${k} = (.*)$`, 'm'))?.[1];
    const str = (v) => JSON.parse(v);
    return {
      area: str(get('area')), query: str(get('query')), kind: str(get('kind')),
      shows: JSON.parse(get('shows')), hides: get('hides') ? JSON.parse(get('hides')) : [],
    };
  });
}

async function open(area, width = 1024) {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await openWidget(context, env.url, `?area=${area}`);
  await areaShown(page, area);
  const w = new Widget(page);
  // The search module builds its index when the box is first used.
  await w.search.focus();
  await page.locator('.search[data-search="full"]').waitFor({ state: 'attached' });
  return { context, page, w };
}

const row = (page, id) => page.locator(`.indicator:has(> input#ind-${id})`);

test('a sample of the search terms, typed into the search box, shows their indicators', async () => {
  const all = terms();
  assert.ok(all.length >= 100);
  // Every fourth term, and every kind of term in every area.
  const sample = all.filter((_, i) => i % 4 === 0);
  for (const kind of ['everyday', 'literal', 'acronym', 'misspelling']) {
    assert.ok(sample.some((t) => t.kind === kind), kind);
  }
  const byArea = new Map();
  for (const t of sample) byArea.set(t.area, [...(byArea.get(t.area) ?? []), t]);
  assert.equal(byArea.size, 5, 'all five areas');
  for (const [area, list] of byArea) {
    const { context, page, w } = await open(area);
    for (const t of list) {
      await w.searchFor(t.query);
      for (const id of t.shows) {
        assert.ok(await row(page, id).isVisible(), `${area} "${t.query}" shows ${id}`);
      }
      for (const id of t.hides) {
        assert.ok(!(await row(page, id).isVisible()), `${area} "${t.query}" hides ${id}`);
      }
      assert.doesNotMatch(await page.locator('.search-count').innerText(), /No indicators/);
    }
    await context.close();
  }
});

test('typed fast at 4x CPU, every search ends as it would typed slowly: the same rows shown and marked', async () => {
  const { context, page, w } = await open('milton-keynes');
  await page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  // What a practitioner sees of the list: each row drawn (on screen or scrolled to), with its marks.
  const seen = () => page.evaluate(() => [...document.querySelectorAll('.indicator-group .indicator')]
    .filter((r) => r.checkVisibility())
    .map((r) => `${r.querySelector('input').id} ${[...r.querySelectorAll('label mark')].map((m) => m.textContent).join('+')}`));
  const cdp = await context.newCDPSession(page);
  await w.searchFor('zebra crossing');
  for (const q of ['dom', 'domestic abuse', 'neglet', 'county lines', 'self harm', 'bruise']) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // Cleared, then each letter in a task of its own, none waiting for the rows of the one
    // before: the clear's rows come a screenful per task, and a newer letter makes the rest
    // stale.
    await page.evaluate(async (q) => {
      const input = document.getElementById('indicator-search');
      for (let n = 0; n <= q.length; n++) {
        input.value = q.slice(0, n);
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: q[n - 1] ?? null }));
        await new Promise((r) => setTimeout(r, 0));
      }
    }, q);
    await page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
    const fast = await seen();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await w.searchFor('');
    await w.searchFor(q);
    const slow = await seen();
    assert.ok(slow.length > 0 && slow.length < 100, `"${q}" shows some rows: ${slow.length}`);
    assert.deepEqual(fast, slow, `"${q}" typed fast shows and marks what it does typed slowly`);
  }
  await context.close();
});

test('matched words are highlighted and a match through the thesaurus says so quietly', async () => {
  const { context, page, w } = await open('milton-keynes');
  await w.searchFor('bruise');
  const r = row(page, 'l4-unexplained-injuries');
  assert.ok(await r.isVisible());
  assert.deepEqual(await r.locator('label mark').allInnerTexts(), ['injuries']);
  assert.equal(await r.locator('.match-note').innerText(), 'matches \u201cbruise\u201d as \u201cinjuries\u201d');
  // The checkbox keeps the document's words as its name.
  assert.ok(await page.getByRole('checkbox', { name: 'Unexplained injuries', exact: true }).isVisible());
  assert.ok(!(await row(page, 'l1-good-mental-health').isVisible()), 'an unrelated indicator is hidden');

  // The document's own word: highlighted, no note.
  await w.searchFor('injuries');
  assert.deepEqual(await r.locator('label mark').allInnerTexts(), ['injuries']);
  assert.equal(await r.locator('.match-note').count(), 0);

  // A typo in a word of 5 letters or more.
  await w.searchFor('unexplaned');
  assert.deepEqual(await r.locator('label mark').allInnerTexts(), ['Unexplained']);
  assert.match(await r.locator('.match-note').innerText(), /\u201cunexplaned\u201d as \u201cUnexplained\u201d/);
  await page.locator('section.indicators').screenshot({ path: path.join(SHOTS, 'search-mk-typo.png') });
  await w.searchFor('bruise');
  await page.locator('section.indicators').screenshot({ path: path.join(SHOTS, 'search-mk-bruise.png') });

  // Clearing the search: every indicator, no highlight.
  await w.searchFor('');
  assert.equal(await page.locator('.indicator-text mark').count(), 0);
  assert.match(await page.locator('.search-count').innerText(), /^201 indicators$/);
  await context.close();
});

test('no match: a plain statement, the nearest indicators, all indicators, the consultation route, None of these', async () => {
  const { context, page, w } = await open('rotherham');
  await w.searchFor('zebra crossing');
  const help = page.getByTestId('no-match');
  assert.ok(await help.isVisible());
  assert.match(await help.innerText(), /No indicator uses those words/);
  assert.match(await page.locator('.search-count').innerText(), /No indicators match your search/);
  // The route is the ruleset's own "not sure" route, with its number as a tel: link.
  const consult = help.getByTestId('consultation-route');
  assert.match(await consult.innerText(), /^Not sure\? MASH: consultation and advice: Call the Multi Agency Safeguarding Hub/);
  const tel = await consult.locator('a[href^="tel:"]').first().getAttribute('href');
  const ruleset = fs.readFileSync('rulesets/rotherham.toml', 'utf8');
  const notSure = ruleset.split('[[routes]]').find((r) => /danger = \["not-sure"\]/.test(r));
  assert.equal(tel, `tel:${notSure.match(/^phone = "(.*)"$/m)[1].replace(/\s/g, '')}`, 'the number the document gives');
  assert.ok(await page.getByRole('checkbox', { name: 'None of these' }).isVisible(), '"None of these" stays');
  await page.screenshot({ path: path.join(SHOTS, 'search-no-match.png'), fullPage: true });

  // Some words match: those indicators are offered as the nearest, and tickable.
  await w.searchFor('homeless zebra');
  assert.match(await help.innerText(), /nearest indicators/);
  assert.ok(await row(page, 'l3-homeless-16-plus').isVisible());
  assert.equal(await page.locator('.indicator:not(.none-of-these):visible').count() <= 5, true);

  // "Show all indicators by level" clears the search.
  await help.getByRole('button', { name: 'Show all indicators by level' }).click();
  assert.equal(await w.search.inputValue(), '');
  assert.ok(!(await help.isVisible()));
  assert.match(await page.locator('.search-count').innerText(), /^31 indicators$/);
  await context.close();
});

test('"Same concern at other levels" opens by keyboard and gives each indicator its level', async () => {
  const { context, page, w } = await open('rochdale');
  await w.searchFor('running away');
  const r = row(page, 'l2-episodes-missing-from-home');
  const toggle = r.getByTestId('related');
  assert.equal(await toggle.innerText(), 'Same concern at other levels');
  // A disclosure button: collapsed, named by its text alone, with no list drawn yet.
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(await r.getByRole('button', { name: 'Same concern at other levels', exact: true, expanded: false }).isVisible());
  assert.equal(await r.locator('.related-list').count(), 0);
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  // The list is drawn when the disclosure is first opened.
  const list = r.locator('.related-list');
  await list.locator('li').first().waitFor();
  const items = await list.locator('li').allInnerTexts();
  assert.ok(items.some((t) => /^Level 3\s+Children who are regularly missing from home$/.test(t)), items.join(' | '));
  assert.ok(items.some((t) => /^Level 4\s+Children who are persistently missing from home for long periods$/.test(t)), items.join(' | '));
  assert.ok(!items.some((t) => /^Level 2\s/.test(t)), 'other levels only');
  // Space closes it as Enter opened it, and focus stays on the button.
  await page.keyboard.press('Space');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await list.count(), 0);
  assert.ok(await toggle.evaluate((b) => b === document.activeElement));
  await context.close();
});

test('typing in the search makes no request', async () => {
  const { context, page, w } = await open('milton-keynes');
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  for (const q of ['dv', 'bruise', 'county lines', 'zebra']) await w.search.pressSequentially(q, { delay: 5 }).then(() => w.searchFor(''));
  assert.deepEqual(requests, []);
  await context.close();
});

test('axe-core finds nothing with highlights, notes, related lists and the no-match help open', async () => {
  // Milton Keynes (201 indicators, by domain) wide, and Rotherham (by level) at 320 px.
  for (const [area, width] of [['milton-keynes', 1024], ['rotherham', 320]]) {
    const { context, page, w } = await open(area, width);
    await w.searchFor('missing');
    await page.locator('button.related').evaluateAll((bs) => bs.forEach((b) => b.click()));
    // Each list is drawn when its disclosure is first opened.
    await page.waitForFunction(() => [...document.querySelectorAll('button.related')].every((b) => b.getAttribute('aria-expanded') === 'true' && b.nextElementSibling?.querySelector('li')));
    assert.ok(await page.locator('.related-list:visible').count() > 0);
    assert.ok(await page.locator('.indicator-text mark:visible').count() > 0);
    let { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    await page.locator('section.indicators').screenshot({ path: path.join(SHOTS, `search-related-${area}-${width}.png`) });

    await w.searchFor('bruise');
    assert.ok(await page.locator('.match-note:visible').count() > 0);
    ({ violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze());
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);

    await w.searchFor('zebra crossing');
    assert.ok(await page.getByTestId('no-match').isVisible());
    ({ violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze());
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, `no sideways scrolling at ${width}px`);
    await context.close();
  }
});

test('without the search module (blocked), the box still finds the document\'s own words and nothing breaks', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  await context.route(/\/search-[0-9a-f]{16}(_bg\.wasm|\.js)$/, (route) => route.abort());
  const page = await openWidget(context, env.url, '?area=milton-keynes');
  await page.locator('.layout[data-area="milton-keynes"]').waitFor();
  await page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  const w = new Widget(page);
  await w.searchFor('domestic abuse');
  await page.locator('.search[data-search="unavailable"]').waitFor({ state: 'attached' });
  const shown = await page.locator('.indicator-group .indicator:not([hidden]) label').allInnerTexts();
  assert.ok(shown.length > 0 && shown.every((t) => /domestic abuse/i.test(t)), shown.join(' | '));
  assert.match(await page.locator('.search-count').innerText(), new RegExp(`^${shown.length} of \\d+ indicators match$`));
  // An everyday word needs the module: the no-match help, with the area's route, instead.
  await w.searchFor('DV');
  assert.ok(await page.getByTestId('no-match').isVisible());
  assert.ok(await page.getByTestId('consultation-route').isVisible());
  assert.ok(await page.locator('a[href="tel:999"]').first().isVisible(), '999 stays');
  await context.close();
});

test('at 360 px the search box scrolled into view brings the count and the first result above the level bar', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await openWidget(context, env.url, '?area=milton-keynes');
  await areaShown(page, 'milton-keynes');
  const w = new Widget(page);
  await w.answerDanger('No');
  await w.searchFor('DV');
  await page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  assert.ok(await page.locator('.level-peek').isVisible(), 'the level bar is on screen');
  // Each point must be on screen and be the element itself, not the level bar or the 999 line.
  const uncovered = () => page.evaluate(() => {
    const first = [...document.querySelectorAll('.indicator-group .indicator')].find((r) => r.checkVisibility());
    const parts = { count: document.querySelector('.search-count'), 'first result': first?.querySelector('label'), 'its checkbox': first?.querySelector('input') };
    return Object.entries(parts).map(([name, el]) => {
      if (!el) return `${name}: missing`;
      const r = el.getBoundingClientRect();
      const [x, y] = [r.left + Math.min(r.width / 2, 20), r.top + Math.min(r.height / 2, 10)];
      const hit = document.elementFromPoint(x, y);
      const ok = r.top >= 0 && y <= innerHeight && hit && (el === hit || el.contains(hit));
      return ok ? null : `${name} at ${Math.round(r.top)}-${Math.round(r.bottom)} of ${innerHeight}: ${hit ? hit.className || hit.tagName : 'off screen'}`;
    }).filter(Boolean);
  });
  for (const [how, bring] of [
    ['focused from the keyboard', () => w.search.evaluate((el) => el.focus())],
    // As a phone brings a tapped field into view above its keyboard: just enough, from above.
    ['scrolled into view from above', () => w.search.evaluate((el) => el.scrollIntoView({ block: 'nearest' }))],
    ['scrolled into view by Playwright', () => w.search.scrollIntoViewIfNeeded()],
  ]) {
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await bring();
    await page.waitForTimeout(100);
    assert.deepEqual(await uncovered(), [], `${how}: the count and the first result are on screen and uncovered`);
  }
  await page.screenshot({ path: path.join(SHOTS, 'search-360-in-view.png') });
  await context.close();
});
