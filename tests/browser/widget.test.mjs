// The built page in real headless Chromium, used the way a practitioner uses it.
// Run with `make test` (or `node --test tests/browser/` after `make dist`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { start, openWidget, Widget, SHOTS } from './support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** A fresh context (no cookies, no storage) at a phone's size, and the widget in it. */
async function phone(query = '?area=rotherham', size = { width: 360, height: 740 }) {
  const context = await env.browser.newContext({ viewport: size, deviceScaleFactor: 1, hasTouch: true });
  const page = await openWidget(context, env.url, query);
  return { context, page, w: new Widget(page) };
}

test('a child in immediate danger with alleged abuse: Level 4 Acute, 999 first, then the MASH', async () => {
  const { context, w } = await phone();
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  assert.equal(await w.read(w.level), 'Level 4 Acute');
  const tels = await w.telLinks();
  assert.deepEqual(tels.slice(0, 2), ['tel:999', 'tel:01709336080']);
  assert.match(await w.routes.first().getAttribute('class'), /route--emergency/);
  // Screen readers hear the urgency first, as on NHS care cards.
  assert.equal(await w.routes.first().getByRole('heading', { name: 'Emergency: Police', exact: true }).count(), 1);
  assert.deepEqual(await w.outcome.locator('.reasons q').allInnerTexts(), ['Who have alleged abuse'], 'the reason quotes the ticked indicator');
  await context.close();
});

test("Josh's story, ticked as told: Level 3 Complex, the MASH and its referral form", async () => {
  const { context, w } = await phone();
  await w.answerDanger('No');
  await w.tick('Whose parents are experiencing difficulty in providing a reasonable standard of parenting and care');
  await w.tick('Where early intervention attempts to improve the situation have been consistently unsuccessful or have had little impact');
  await w.tick('Poor nutrition or inadequate clothing, poor home conditions or risk of homelessness');
  assert.equal(await w.read(w.level), 'Level 3 Complex');
  const first = w.routes.first();
  assert.match(await w.read(first), /Multi-Agency Safeguarding Hub/);
  assert.match(await w.read(first), /Multi-Agency Referral Form/);
  assert.equal(await first.locator('a.call').getAttribute('href'), 'tel:01709336080');
  const why = await w.read(w.outcome.locator('.reasons'));
  assert.match(why, /reasonable standard of parenting and care/);
  assert.doesNotMatch(why, /Poor nutrition/, 'a lower-level tick is not given as the reason for the level');
  await context.close();
});

test('Mohammed: Level 2 Vulnerable with Early Help Triage on 01709 334905', async () => {
  const { context, w } = await phone();
  await w.answerDanger('No');
  await w.tick('Behavioural difficulties, or risk of offending behaviour');
  await w.tick('Emerging parental conflict or lack of consistent parental boundaries');
  assert.equal(await w.read(w.level), 'Level 2 Vulnerable');
  const hrefs = await w.telLinks();
  assert.deepEqual(hrefs, ['tel:01709334905']);
  await context.close();
});

test('a crime without immediate danger adds the police on 101', async () => {
  const { context, page, w } = await phone();
  await w.answerDanger('No');
  await page.getByRole('radiogroup', { name: /crime/ }).getByRole('radio', { name: 'Yes' }).check();
  const hrefs = await w.telLinks();
  assert.ok(hrefs.includes('tel:101'), hrefs.join());
  await w.answerDanger('Yes');
  const withDanger = await w.telLinks();
  assert.equal(withDanger[0], 'tel:999');
  assert.ok(!withDanger.includes('tel:101'), 'in immediate danger, 999 is the police route');
  await context.close();
});

test('"Not sure" about danger leads to a conversation with the MASH, first', async () => {
  const { context, w } = await phone();
  await w.answerDanger('Not sure');
  assert.equal(await w.routes.first().locator('a.call').getAttribute('href'), 'tel:01709336080');
  assert.match(await w.read(w.routes.first()), /have a conversation/);
  await context.close();
});

test('the level shows from the start, with a prompt to answer the danger question', async () => {
  const { context, w } = await phone();
  assert.equal(await w.read(w.level), 'Level 1 Universal');
  assert.match(await w.read(w.outcome), /not answered whether the child is in immediate danger/);
  await w.answerDanger('No');
  assert.doesNotMatch(await w.read(w.outcome), /not answered/);
  await context.close();
});

test('search filters the indicators, keeps matches tickable and keeps earlier ticks', async () => {
  const { context, page, w } = await phone();
  await w.tick('Who have alleged abuse');
  await w.searchFor('homeless');
  const match = page.getByRole('checkbox', { name: 'Who are aged 16 plus and are homeless', exact: true });
  await assert.doesNotReject(match.check());
  assert.equal(await page.getByRole('checkbox', { name: 'Who have alleged abuse', exact: true }).isVisible(), false);
  assert.match(await page.locator('.search-count').innerText(), /2 of 31 indicators match/);
  await w.searchFor('');
  assert.equal(await page.getByRole('checkbox', { name: 'Who have alleged abuse', exact: true }).isChecked(), true);
  assert.equal(await match.isChecked(), true);
  assert.equal(await w.read(w.level), 'Level 4 Acute');
  await context.close();
});

test('"None of these" is exclusive', async () => {
  const { context, page, w } = await phone();
  await w.tick('Who have alleged abuse');
  await page.getByRole('checkbox', { name: 'None of these' }).check();
  assert.equal(await page.getByRole('checkbox', { name: 'Who have alleged abuse', exact: true }).isChecked(), false);
  assert.equal(await w.read(w.level), 'Level 1 Universal');
  assert.match(await w.read(w.outcome), /none of the indicators apply/);
  await w.tick('Who are living in a private fostering arrangement');
  assert.equal(await page.getByRole('checkbox', { name: 'None of these' }).isChecked(), false);
  await context.close();
});

test('"Start again" clears every answer, tick and search', async () => {
  const { context, page, w } = await phone();
  await w.answerDanger('Yes');
  await page.getByRole('radiogroup', { name: /social worker/ }).getByRole('radio', { name: 'Not sure' }).check();
  await w.tick('Who have alleged abuse');
  await w.searchFor('abuse');
  await page.getByRole('button', { name: 'Start again' }).click();
  assert.equal(await page.locator('input:checked').count(), 0);
  assert.equal(await w.search.inputValue(), '');
  assert.equal(await w.read(w.level), 'Level 1 Universal');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'danger-yes', 'focus returns to the first question');
  await context.close();
});

test('the four worked examples can be read', async () => {
  const { context, page } = await phone();
  for (const [name, words] of [['Jordan Smith', /Youth Bus/], ['Mohammed Ravji', /Team Around the Family/], ['Josh Henson', /Family Links/], ['Harry Wiltshire', /Section 47/]]) {
    await page.getByText(name).click();
    const example = page.locator('details.example', { hasText: name });
    assert.match(await example.innerText(), words);
  }
  await context.close();
});

// The page's wasm carries the default area without its worked examples and questions to think
// about (they are only read, below the result): they are a file of their own, fetched once the
// page is painted. When it cannot be had, the page says so there and works as before.
test('the default area\'s worked examples come in a file of their own; without it the page says so and works', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const asked = [];
  context.on('request', (r) => asked.push(new URL(r.url()).pathname));
  const page = await openWidget(context, env.url, '?area=rotherham');
  await page.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('details.example').count(), 4);
  assert.equal(await page.getByRole('heading', { name: 'Questions to think about' }).count(), 1);
  assert.deepEqual(asked.filter((p) => /^\/areas\//.test(p)).map((p) => p.replace(/[0-9a-f]{16}/, 'HASH')), ['/areas/rotherham-reading-HASH.bin']);
  await context.close();

  const blocked = await env.browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  await blocked.route('**/areas/*-reading-*.bin', (route) => route.abort());
  const cut = await openWidget(blocked, env.url, '?area=rotherham');
  await cut.locator('.indicators[data-rows="all"]').waitFor({ state: 'attached' });
  assert.match(await cut.getByTestId('reading-failed').innerText(), /worked examples could not be loaded.*Reload/);
  assert.equal(await cut.locator('details.example').count(), 0);
  assert.ok(await cut.locator('header.emergency a[href="tel:999"]').isVisible());
  const w = new Widget(cut);
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  assert.equal(await w.read(w.level), 'Level 4 Acute', 'the evaluation needs nothing of that file');
  assert.equal((await w.telLinks())[0], 'tel:999');
  await blocked.close();
});

test('the area comes from ?area=, defaults to Rotherham, and the picker is labelled "Area"', async () => {
  for (const query of ['', '?area=rotherham', '?area=nowhere']) {
    const { context, page } = await phone(query);
    assert.equal(await page.getByLabel('Area', { exact: true }).inputValue(), 'rotherham', `with ${query || 'no query'}`);
    assert.match(await page.locator('.provenance').innerText(), /Rotherham/);
    await context.close();
  }
});

test('at 360 px: 999 stays in view at the top, nothing scrolls sideways, screenshots saved', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const { context, page, w } = await phone();
  await page.screenshot({ path: path.join(SHOTS, 'rotherham-360-start.png') });
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  await page.getByRole('link', { name: /Likely level/ }).click(); // the top of the outcome, as a user gets there
  await page.screenshot({ path: path.join(SHOTS, 'rotherham-360-outcome.png') });
  const bar = await page.getByRole('banner').getByRole('link', { name: '999' }).boundingBox();
  assert.ok(bar && bar.y >= 0 && bar.y + bar.height <= 80, `999 is at the top of the screen after scrolling: ${JSON.stringify(bar)}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(SHOTS, 'rotherham-360-full.png'), fullPage: true });
  await context.close();
});

test('on a phone the live level stays in view while ticking, and links to the outcome', async () => {
  const { context, page, w } = await phone();
  await w.tick('Who are living in a private fostering arrangement');
  const peek = page.getByRole('link', { name: /Likely level/ });
  assert.match(await peek.innerText(), /Level 3 Complex/);
  const before = await w.outcome.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(before > 740, `while ticking, the outcome itself is below the screen (top ${before})`);
  const box = await peek.boundingBox();
  assert.ok(box.y + box.height <= 740 && box.y > 600, `the live level is at the bottom of the screen: ${JSON.stringify(box)}`);
  await peek.click();
  const top = await w.outcome.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 200, `following the link brings the outcome into view (top ${top})`);
  await context.close();
});

test('the first focused control is not hidden behind the sticky 999 line', async () => {
  const { context, page } = await phone();
  await page.getByRole('button', { name: 'Start again' }).focus();
  await page.getByLabel('Search indicators').focus();
  const [field, bar] = await Promise.all([
    page.getByLabel('Search indicators').boundingBox(),
    page.getByRole('banner').boundingBox(),
  ]);
  assert.ok(field.y >= bar.y + bar.height, `focused field at ${field.y}, 999 line ends at ${bar.y + bar.height}`);
  await context.close();
});

test('axe-core finds no accessibility violations, at the start and with an outcome shown', async () => {
  const { context, page, w } = await phone();
  const scan = async () => (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations;
  const show = (vs) => vs.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target).join(' ')}`).join('\n');
  const atStart = await scan();
  assert.equal(atStart.length, 0, show(atStart));
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  await page.getByText('Why this route').first().click();
  await page.getByText('Jordan Smith').click();
  const withOutcome = await scan();
  assert.equal(withOutcome.length, 0, show(withOutcome));
  await context.close();
});

test('if the app cannot load, the page is not blank: 999 stays and a message explains', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  await page.goto(env.url + '?area=rotherham');
  assert.equal(await page.getByRole('banner').getByRole('link', { name: '999' }).getAttribute('href'), 'tel:999');
  await page.getByRole('heading', { name: 'The checker has not loaded' }).waitFor({ state: 'visible', timeout: 15_000 });
  await context.close();
});

test('once the app has loaded, the not-loaded message is gone', async () => {
  const { context, page } = await phone();
  await page.waitForTimeout(100);
  assert.equal(await page.getByRole('heading', { name: 'The checker has not loaded' }).count(), 0);
  await context.close();
});
