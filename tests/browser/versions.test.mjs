// What is the document's and what is not, and ready for the rewrite: against the test-hooks
// build (`make dist-test`), which bundles the real areas and the made-up test-* ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, openPhone, areaShown, DIST_TEST, SHOTS } from './support.mjs';

let env;
before(async () => { env = await start({ dir: DIST_TEST }); fs.mkdirSync(SHOTS, { recursive: true }); });
after(async () => { await env?.close(); });

const phone = (query) => openPhone(env, query);

test('a route that is not in the partnership\'s document says so under "Why this route"', async () => {
  const { context, page, w } = await phone('?area=trafford');
  await areaShown(page, 'trafford');
  await w.answerDanger('Yes');
  const police = w.routes.first();
  assert.match(await w.read(police.getByRole('heading')), /999|Police/);
  await police.getByText('Why this route').click();
  const basis = police.getByTestId('basis');
  assert.ok(await basis.isVisible(), 'the basis shows once "Why this route" is open');
  assert.equal(await basis.innerText(), "Not in the partnership's document: national guidance (999).");
  await page.screenshot({ path: path.join(SHOTS, 'basis-trafford-999.png'), fullPage: true });
  // A route the document gives carries no such line.
  const documentRoutes = await w.routes.evaluateAll((cards) => cards.slice(1).filter((c) => !c.querySelector('[data-testid=basis]')).length);
  assert.ok(documentRoutes > 0, 'the document\'s own routes say nothing more');
  await context.close();
});

test('a superseded ruleset and contacts checked over a year ago each show their notice', async () => {
  const { context, page } = await phone('?area=test-superseded');
  await areaShown(page, 'test-superseded');
  const notice = page.getByTestId('stale-notice');
  const text = await notice.innerText();
  assert.match(text, /The Testshire partnership has published a newer document \(Testshire Families First threshold guidance, September 2026\)/);
  assert.match(text, /contacts here were last checked in March 2024, over a year ago/);
  await page.screenshot({ path: path.join(SHOTS, 'notice-superseded.png') });
  await context.close();
  // The Families First ruleset that replaces it is current: no notice.
  const current = await phone('?area=test-families-first');
  await areaShown(current.page, 'test-families-first');
  assert.equal(await current.page.getByTestId('stale-notice').count(), 0);
  await current.context.close();
});

test('a Families First area runs: Family Help brings its route and the escalation policy link', async () => {
  const { context, page, w } = await phone('?area=test-families-first');
  await areaShown(page, 'test-families-first');
  await w.answerDanger('No');
  assert.equal(await page.getByTestId('escalation').count(), 0, 'no escalation at universal');
  await w.tick('Parents struggle with routines');
  assert.equal(await w.read(w.level), 'Family Help');
  assert.match(await w.read(w.routes.first()), /Request Family Help/);
  const escalation = page.getByTestId('escalation');
  assert.match(await escalation.innerText(), /If you disagree with a decision/);
  assert.equal(await escalation.getByRole('link', { name: 'Escalation policy' }).getAttribute('href'),
    'https://www.example.org/testshire/escalation-policy');
  await page.screenshot({ path: path.join(SHOTS, 'families-first-family-help.png'), fullPage: true });
  await context.close();
});
