// Embedding on a partnership's site (README, "Embed it on your site"), in headless Chromium:
// the <iframe> on another origin, the script mount into a page with hostile CSS, per-site
// settings, the theme and high visibility, a site's own ruleset, and the summary to print or
// copy. The partnership's origins are made up and answered from disk (routeOrigin), so
// nothing reaches the network; the widget's HTML gets the CSP the README tells them to send.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, eventually, openWidget, areaShown, routeOrigin, recordCspViolations, Widget, DIST, SHOTS } from './support.mjs';
import { contentSecurityPolicy } from '../../scripts/serve.mjs';
import AxeBuilder from '@axe-core/playwright';

const HOST = 'https://www.partnership.example';
const WIDGET = 'https://widget.partnership.example';
const NEUTRAL = 'https://www.bbc.co.uk/weather';
const EXAMPLES = path.resolve('examples');
const ROCHDALE = fs.readFileSync('rulesets/rochdale.toml', 'utf8');

let env;
before(async () => { env = await start(); fs.mkdirSync(SHOTS, { recursive: true }); });
after(async () => { await env?.close(); });

/** A context where HOST serves `hostPages` (and the examples), and the widget's files are
 *  served from WIDGET (for frames) and from HOST's own /levels-of-need/ (for the script). */
async function site({ hostPages = {}, viewport = { width: 1000, height: 800 } } = {}) {
  const context = await env.browser.newContext({ viewport, serviceWorkers: 'block' });
  await context.grantPermissions(['clipboard-write'], { origin: WIDGET });
  await recordCspViolations(context);
  await routeOrigin(context, WIDGET, { '/levels-of-need/': DIST }, { csp: contentSecurityPolicy(`'self' ${HOST}`) });
  await routeOrigin(context, HOST, { '/levels-of-need/': DIST, ...hostPages, '/': EXAMPLES });
  await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
  // Every message the partnership's page receives, and from where.
  await context.addInitScript((host) => {
    if (location.origin !== host) return;
    window.__messages = [];
    window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
  }, HOST);
  return context;
}

const page = (html) => `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Host</title>${html}`;

test('iframe: the frame on another origin resizes as the outcome grows, telling only its parent, only its height', async () => {
  const context = await site();
  const host = await context.newPage();
  // A phone's width: one column, so the outcome, below the indicators, makes the frame taller.
  await host.setViewportSize({ width: 360, height: 740 });
  await host.goto(`${HOST}/iframe.html`);
  const frameEl = host.locator('iframe[data-threshold-widget-frame]');
  const frame = host.frameLocator('iframe[data-threshold-widget-frame]');
  await frame.locator('#app[data-ready="true"]').waitFor();
  const frameHeight = () => frameEl.evaluate((f) => f.getBoundingClientRect().height);
  const contentHeight = () => frame.locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
  const fits = async () => Math.abs((await frameHeight()) - (await contentHeight())) <= 1;
  await eventually(fits, async () => `the frame (${await frameHeight()}px) fits its content (${await contentHeight()}px)`);
  const before = await frameHeight();
  assert.equal(await frame.getByRole('combobox', { name: 'Area' }).count(), 0, 'fixed-area: no picker');

  const w = new Widget(frame);
  await w.answerDanger('Yes');
  for (const text of ['Who have alleged abuse', 'Who are living in a private fostering arrangement']) await w.tick(text);
  await eventually(async () => (await frameHeight()) > before && (await fits()),
    async () => `the frame grew with the outcome (${before} -> ${await frameHeight()}, content ${await contentHeight()})`);
  const overflow = await frame.locator('html').evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  assert.ok(overflow <= 1, `no scrollbar in the frame: ${overflow}px hidden`);
  await host.screenshot({ path: path.join(SHOTS, 'embed-iframe-outcome.png'), fullPage: true });

  const messages = await host.evaluate(() => window.__messages);
  assert.ok(messages.length >= 2, `messages: ${JSON.stringify(messages)}`);
  for (const m of messages) {
    assert.equal(m.origin, WIDGET);
    assert.equal(typeof m.data, 'number', `a message carries the height and nothing else: ${JSON.stringify(m.data)}`);
  }
  // The example frame allows clipboard-write, so "Copy as text" works inside it.
  await frame.getByRole('button', { name: 'Copy as text' }).click();
  await frame.getByText('Copied. Paste it into the referral form.').waitFor();
  // Starting again shrinks it back.
  await frame.getByRole('button', { name: 'Start again' }).click();
  await eventually(async () => (await frameHeight()) < before + 40 && (await fits()), 'the frame shrinks back after Start again');
  assert.deepEqual(await frame.locator('html').evaluate(() => window.__csp ?? []), [], 'no CSP violation in the frame');
  await context.close();
});

test('iframe: a frame configured for another parent origin tells this page nothing; an unlisted site cannot frame it', async () => {
  const context = await site({
    hostPages: {
      '/other.html': page(`<iframe title="checker" src="${WIDGET}/levels-of-need/embed.html?parent-origin=https://other.example"></iframe>`),
    },
  });
  const host = await context.newPage();
  await host.goto(`${HOST}/other.html`);
  const frame = host.frameLocator('iframe');
  await frame.locator('#app[data-ready="true"]').waitFor();
  await new Widget(frame).answerDanger('Yes');
  await host.waitForTimeout(1000);
  assert.deepEqual(await host.evaluate(() => window.__messages), [], 'no message reaches a page that is not the configured origin');

  // frame-ancestors (the CSP header the README gives) lists only the partnership's origin.
  await routeOrigin(context, 'https://elsewhere.example', {
    '/': page(`<iframe title="checker" src="${WIDGET}/levels-of-need/embed.html"></iframe>`),
  });
  const stranger = await context.newPage();
  await stranger.goto('https://elsewhere.example/');
  await stranger.waitForTimeout(1000);
  const framed = stranger.frames().find((f) => f.url().startsWith(WIDGET));
  const mounted = framed ? await framed.locator('#app[data-ready="true"]').count() : 0;
  assert.equal(mounted, 0, 'a site not in frame-ancestors cannot show the widget');
  await context.close();
});

test('iframe: "Exit this page" takes the whole page away, not only the frame', async () => {
  const context = await site();
  const host = await context.newPage();
  await host.goto(`${HOST}/iframe.html`);
  const frame = host.frameLocator('iframe[data-threshold-widget-frame]');
  await frame.locator('#app[data-ready="true"]').waitFor();
  await frame.locator('header a.exit-button').click();
  await host.waitForURL(NEUTRAL);
  await context.close();
});

const HOSTILE = `<style>
  * { font-size: 40px; font-family: "Comic Sans MS", cursive; line-height: 3; letter-spacing: 4px; }
  button { display: none; }
  div { padding: 30px; border: 5px dotted red; text-align: center; }
  .emergency { background: lime; }
  a { color: hotpink !important; }
  input { appearance: none; width: 0; }
</style>`;

test('script: mounted into a page with hostile CSS, the widget looks and works as it should, and leaves the page alone', async () => {
  const context = await site({
    viewport: { width: 390, height: 800 },
    hostPages: {
      '/hostile.html': page(`${HOSTILE}</head><body>
        <p class="emergency" id="host-own">The partnership's own paragraph</p>
        <button id="host-button">The partnership's button</button>
        <div data-threshold-widget data-area="rotherham"></div>
        <script src="/levels-of-need/widget.js" defer></script></body></html>`),
    },
  });
  const p = await context.newPage();
  await p.goto(`${HOST}/hostile.html`);
  await p.locator('#app[data-ready="true"]').waitFor();
  const w = new Widget(p);
  const label = p.getByText('Who have alleged abuse', { exact: true });
  const style = (loc, props) => loc.evaluate((el, props) => {
    const s = getComputedStyle(el);
    return Object.fromEntries(props.map((k) => [k, s[k]]));
  }, props);
  assert.deepEqual(await style(label, ['fontSize', 'letterSpacing', 'textAlign']),
    { fontSize: '16px', letterSpacing: 'normal', textAlign: 'start' }, 'the host\'s type does not reach the widget');
  const bar = p.getByRole('region', { name: 'Emergency' });
  assert.equal((await style(bar, ['backgroundColor'])).backgroundColor, 'rgb(177, 14, 30)', 'the 999 bar keeps its red');
  assert.ok(await p.getByRole('button', { name: 'Start again' }).isVisible(), 'the widget\'s buttons show');
  assert.equal(await p.getByRole('main').count() + await p.getByRole('banner').count(), 0, 'no second <main> or banner inside the partnership\'s page');
  const checkbox = p.getByRole('checkbox', { name: 'Who have alleged abuse', exact: true });
  const box = await checkbox.boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, `the checkbox keeps its size: ${JSON.stringify(box)}`);

  await p.screenshot({ path: path.join(SHOTS, 'embed-script-hostile-start.png') });
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  assert.equal(await w.read(w.level), 'Level 4 Acute');
  assert.deepEqual((await w.telLinks()).slice(0, 2), ['tel:999', 'tel:01709336080']);
  await w.level.scrollIntoViewIfNeeded();
  await p.screenshot({ path: path.join(SHOTS, 'embed-script-hostile-outcome.png') });

  // The widget's CSS stays in its shadow root.
  assert.equal((await style(p.locator('#host-own'), ['backgroundColor'])).backgroundColor, 'rgb(0, 255, 0)');
  assert.equal((await style(p.locator('#host-own'), ['fontSize'])).fontSize, '40px');
  assert.equal((await style(p.locator('#host-button'), ['display'])).display, 'none');
  assert.deepEqual(await p.evaluate(() => window.__csp), [], 'no CSP violation');
  await context.close();
});

test('script: per-site settings from attributes: a fixed area, the exit destination (which works from the shadow root), brand colour and font', async () => {
  const neutral = `${HOST}/neutral`;
  const context = await site({
    hostPages: {
      '/fixed.html': page(`</head><body><div data-threshold-widget data-fixed-area="trafford"
        data-exit-page="${neutral}" data-brand-colour="#6a1b9a" data-font="Georgia, serif"></div>
        <script src="/levels-of-need/widget.js" defer></script></body></html>`),
      '/bad.html': page(`</head><body><div data-threshold-widget data-area="atlantis" data-brand-colour="#ffdd00"></div>
        <script src="/levels-of-need/widget.js" defer></script></body></html>`),
    },
  });
  const p = await context.newPage();
  await p.goto(`${HOST}/fixed.html`);
  await p.locator('#app[data-ready="true"]').waitFor();
  await areaShown(p, 'trafford');
  assert.equal(await p.getByRole('combobox', { name: 'Area' }).count(), 0, 'a fixed area has no picker');
  for (const href of await p.locator('[data-exit-this-page]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.equal(href, neutral);
  }
  const toggle = p.getByRole('button', { name: 'High visibility' });
  assert.equal(await toggle.evaluate((b) => getComputedStyle(b).color), 'rgb(106, 27, 154)', 'the brand colour');
  assert.match(await toggle.evaluate((b) => getComputedStyle(b).fontFamily), /^Georgia, serif$/);
  assert.equal(await p.getByTestId('settings-problems').count(), 0);
  // "Exit this page" from inside the shadow root clears the answers and leaves the host page.
  await new Widget(p).answerDanger('Yes');
  const entries = await p.evaluate(() => history.length);
  await p.locator('a.exit-button').click();
  await p.waitForURL(neutral);
  assert.equal(await p.evaluate(() => history.length), entries, 'the page was replaced, not followed: Back cannot bring the answers back');

  await p.goto(`${HOST}/bad.html`);
  await p.locator('#app[data-ready="true"]').waitFor();
  const problems = await p.getByTestId('settings-problems').innerText();
  assert.match(problems, /area: .atlantis. is not an area of this widget/);
  assert.match(problems, /brand-colour: #ffdd00 has a contrast of 1\.3:1 with white/);
  await areaShown(p, 'rotherham');
  assert.equal(await p.getByRole('button', { name: 'High visibility' }).evaluate((b) => getComputedStyle(b).color),
    'rgb(29, 79, 145)', 'a rejected colour leaves the default');
  await context.close();
});

test('page: settings from the query, and high visibility switched on and off by the user', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const p = await openWidget(context, env.url, '?fixed-area=rochdale&high-visibility=on');
  await areaShown(p, 'rochdale');
  assert.equal(await p.getByRole('combobox', { name: 'Area' }).count(), 0);
  const toggle = p.getByRole('button', { name: 'High visibility' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const label = p.locator('.indicator-text label').first();
  const size = () => label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const colour = () => label.evaluate((el) => getComputedStyle(el).color);
  const high = await size();
  assert.equal(await colour(), 'rgb(0, 0, 0)', 'black text');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  const normal = await size();
  assert.ok(high >= normal * 1.2, `high visibility has larger text: ${high}px against ${normal}px`);
  await toggle.click();
  assert.equal(await size(), high);
  await p.screenshot({ path: path.join(SHOTS, 'rochdale-high-visibility.png') });
  // High visibility with an outcome and a settings note: still no accessibility violation.
  await p.goto(`${env.url}?fixed-area=rochdale&high-visibility=on&brand-colour=%23ffdd00`);
  await areaShown(p, 'rochdale');
  await new Widget(p).answerDanger('Not sure');
  await p.getByTestId('settings-problems').waitFor();
  const { violations } = await new AxeBuilder({ page: p })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  // Answers never go into the address, whatever the settings.
  assert.equal(new URL(p.url()).search, '?fixed-area=rochdale&high-visibility=on&brand-colour=%23ffdd00');
  await context.close();
});

/** The host page with its own ruleset at /safeguarding/levels.toml. */
function rulesetSite(text) {
  return site({
    hostPages: {
      '/safeguarding/levels.toml': text,
      '/ours.html': page(`</head><body><div data-threshold-widget data-ruleset="/safeguarding/levels.toml"></div>
        <script src="/levels-of-need/widget.js" defer></script></body></html>`),
    },
  });
}

test('a partnership\'s own ruleset, on its site, is loaded, checked and used; the bundled areas stay', async () => {
  const context = await rulesetSite(ROCHDALE);
  const p = await context.newPage();
  const requests = [];
  p.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await p.goto(`${HOST}/ours.html`);
  await areaShown(p, 'rochdale');
  const picker = p.getByRole('combobox', { name: 'Area' });
  assert.equal(await picker.locator('option:checked').innerText(), 'Rochdale (this site\'s ruleset)');
  const w = new Widget(p);
  await w.answerDanger('No');
  await w.tick('the child has alleged sexual abuse');
  assert.equal(await w.read(w.level), 'Level 5');
  assert.ok(requests.includes('/safeguarding/levels.toml'));
  assert.ok(requests.some((r) => /^\/levels-of-need\/ruleset-loader-[0-9a-f]{16}_bg\.wasm$/.test(r)), 'the loader is fetched only now');
  await picker.selectOption({ label: 'Rotherham' });
  await areaShown(p, 'rotherham');
  await context.close();
});

test('a broken ruleset on the site shows every problem with its line; 999 and the bundled areas still work, offline', async () => {
  const lines = ROCHDALE.split('\n');
  const at = lines.indexOf('level = "level-1"', 215) + 1; // the second indicator's level
  lines[at - 1] = 'level = "level-9"';
  const context = await rulesetSite(lines.join('\n'));
  const p = await context.newPage();
  await p.goto(`${HOST}/ours.html`);
  const alert = p.getByTestId('site-ruleset-problems');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, new RegExp(`levels\\.toml:${at}:\\d+: .*level-9`), text);
  assert.match(text, /call 999/);
  assert.ok(await p.getByRole('link', { name: '999' }).first().isVisible(), 'the 999 line stays');
  await p.screenshot({ path: path.join(SHOTS, 'embed-broken-ruleset.png'), fullPage: true });
  // The problems, in the shadow root of the partnership's page, pass axe too.
  const { violations } = await new AxeBuilder({ page: p }).include('[data-threshold-widget]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  // No network at all from here: the default area is inside the wasm.
  await context.route('**', (route) => route.abort());
  await p.getByRole('combobox', { name: 'Area' }).selectOption({ label: 'Rotherham' });
  await areaShown(p, 'rotherham');
  await new Widget(p).answerDanger('Yes');
  assert.equal((await new Widget(p).telLinks())[0], 'tel:999');
  await context.close();

  // A TOML syntax error is named by its line too.
  const broken = ROCHDALE.replace('text = "Physically, emotionally and sexually healthy"', 'text = "Physically, emotionally');
  const line = broken.split('\n').findIndex((l) => l === 'text = "Physically, emotionally') + 1;
  const context2 = await rulesetSite(broken);
  const p2 = await context2.newPage();
  await p2.goto(`${HOST}/ours.html`);
  assert.match(await p2.getByTestId('site-ruleset-problems').innerText(), new RegExp(`levels\\.toml:${line}:\\d+: `));
  await context2.close();
});

/** Rotherham with danger "Yes" and one indicator: the page and its outcome. */
async function outcomeShown(context) {
  const p = await openWidget(context, env.url, '?area=rotherham');
  const w = new Widget(p);
  await w.answerDanger('Yes');
  await w.tick('Who have alleged abuse');
  return { p, w };
}

test('print: only the summary prints, on one page', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const { p } = await outcomeShown(context);
  await p.emulateMedia({ media: 'print' });
  for (const hidden of ['header.emergency', '.masthead', '.questions', '#outcome', '.summary-actions']) {
    assert.equal(await p.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  const summary = p.getByTestId('summary');
  assert.ok(await summary.isVisible());
  const printed = await summary.innerText();
  assert.match(printed, /Likely level of need: Level 4 Acute/);
  assert.match(printed, /Who have alleged abuse/);
  assert.match(printed, /Phone: 999\./);
  await p.screenshot({ path: path.join(SHOTS, 'rotherham-print.png'), fullPage: true });
  const pdf = (await p.pdf({ format: 'A4' })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length;
  assert.equal(pages, 1, `the summary prints on one page, not ${pages}`);
  await context.close();
});

test('copy: the summary goes to the clipboard as plain text, with no identifiers', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  const { p } = await outcomeShown(context);
  await p.getByRole('button', { name: 'Copy as text' }).click();
  await p.getByText('Copied. Paste it into the referral form.').waitFor();
  const text = await p.evaluate(() => navigator.clipboard.readText());
  assert.ok(text.startsWith('Levels of need: summary\n\nOutcome\n- Likely level of need: Level 4 Acute\n'), text);
  assert.match(text, /^- Level 4 Acute: .Who have alleged abuse.$/m);
  assert.match(text, /^- Emergency: Police\. .*Phone: 999\.$/m);
  assert.ok(!/[<>]|\?area=/.test(text), 'plain text: no markup, nothing from the address');
  // The summary shown on the page is the same record.
  for (const heading of ['Outcome', 'What to do now', 'Your answers', 'Source']) assert.match(text, new RegExp(`^${heading}$`, 'm'));
  // A new answer makes "Copied" untrue, so it goes.
  await new Widget(p).tick('Who are living in a private fostering arrangement');
  assert.equal(await p.getByText('Copied. Paste it into the referral form.').count(), 0);
  await context.close();
});
