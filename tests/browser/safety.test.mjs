// Never a blank page, and no ruleset text can become markup: against the test-hooks build
// (`make dist-test`), whose failure triggers (`?tw-fail=`) and made-up areas never ship.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openWidget, areaShown, recordCspViolations, Widget, DIST_TEST } from './support.mjs';

let env;
before(async () => { env = await start({ dir: DIST_TEST }); });
after(async () => { await env?.close(); });

/** The 999 line is on screen and the page says what went wrong (never an empty screen). */
async function assertNotBlank(page, message) {
  assert.ok(await page.locator('header.emergency a[href="tel:999"]').isVisible(), '999 stays in view');
  const text = await page.locator('main').innerText();
  assert.match(text, message);
  assert.match(text, /safeguarding lead/);
}

test('a panic in the Rust code shows the static message, with 999', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${env.url}?area=rotherham&tw-fail=panic`);
  await page.locator('#app-failed').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#app').isVisible(), false);
  await assertNotBlank(page, /Something went wrong in the checker/);
  await context.close();
});

test('a part of the wasm that cannot be fetched (the network lost after the first screen) shows the static message, with 999', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.route('**/page-part-*.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${env.url}?area=rotherham`);
  // The first screen mounted, then the parts could not be fetched.
  await page.locator('#app[data-ready="true"]').waitFor({ state: 'attached' });
  await page.locator('#app-failed').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#app').isVisible(), false);
  await assertNotBlank(page, /Something went wrong in the checker/);
  await context.close();
});

test('a bundled ruleset that cannot be read says so, with 999', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await openWidget(context, env.url, '?area=rotherham&tw-fail=unpack');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Rotherham guidance could not be read/);
  await assertNotBlank(page, /call 999/);
  await context.close();
});

test('an area file that is damaged on the way says so, with 999, and the picker still works', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.route('**/areas/rochdale-*.bin', (route) =>
    route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from('<html>a proxy error page</html>') }));
  const page = await openWidget(context, env.url, '?area=rochdale');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Rochdale guidance could not be read/);
  await assertNotBlank(page, /call 999/);
  await page.getByLabel('Area', { exact: true }).selectOption('trafford');
  await areaShown(page, 'trafford');
  await context.close();
});

test('markup in a ruleset is shown as text, never run or rendered', async () => {
  const context = await env.browser.newContext();
  await recordCspViolations(context);
  const page = await openWidget(context, env.url, '?area=test-markup');
  await areaShown(page, 'test-markup');
  const w = new Widget(page);
  await w.answerDanger('No');
  // The indicator's label is the literal text, tags and all.
  const literal = '<img src=x onerror="window.__pwned=1">Attends <b>school</b>';
  await w.tick(literal);
  assert.equal(await w.read(w.level), 'Level 1 <script>window.__pwned=2</script>');
  assert.match(await w.read(w.outcome), /Talk to your <a href="javascript:window.__pwned=3">lead<\/a>\./);
  assert.match(await page.locator('.provenance').innerText(), /Test <b>markup<\/b>/);
  assert.equal(await page.locator('#app img, #app script, #app b, #app a[href^="javascript:"]').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await context.close();
});

test('an area can send "Exit this page" to its own neutral page, or turn it off', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.route('https://neutral.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<p>Neutral</p>' }));
  const page = await openWidget(context, env.url, '?area=test-exit-off');
  await areaShown(page, 'test-exit-off');
  const exit = page.locator('header a.exit-button');
  assert.equal(await exit.isVisible(), false, 'turned off: no button');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  assert.match(page.url(), /area=test-exit-off/, 'turned off: Shift does nothing');

  await page.getByLabel('Area', { exact: true }).selectOption('rotherham');
  await areaShown(page, 'rotherham');
  assert.equal(await exit.getAttribute('href'), 'https://www.bbc.co.uk/weather', "back to the site's default");
  assert.ok(await exit.isVisible());

  await page.getByLabel('Area', { exact: true }).selectOption('test-exit-custom');
  await areaShown(page, 'test-exit-custom');
  assert.equal(await exit.getAttribute('href'), 'https://neutral.example/start');
  const entries = await page.evaluate(() => history.length);
  await exit.click();
  await page.waitForURL('https://neutral.example/start');
  assert.equal(await page.evaluate(() => history.length), entries, 'the page was replaced, not followed');
  await context.close();
});
