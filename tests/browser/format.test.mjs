// The format's later fields as a practitioner sees them, on the made-up area `test-format`
// (tests/fixtures/browser/test-format.overlay.toml) of the test-hooks build (`make dist-test`):
// who the guidance covers and a second document near the title, an incomplete transcription
// at the top and with its level's outcome, a level's next steps, and a route's link. The page
// names the document, never the file it was transcribed from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { start, openPhone, areaShown, DIST_TEST, SHOTS } from './support.mjs';

let env;
before(async () => { env = await start({ dir: DIST_TEST }); fs.mkdirSync(SHOTS, { recursive: true }); });
after(async () => { await env?.close(); });

const phone = (query) => openPhone(env, query);

test('who the guidance covers, a second document and an incomplete transcription show at the top; no file name', async () => {
  const { context, page } = await phone('?area=test-format');
  await areaShown(page, 'test-format');
  const source = page.getByRole('region', { name: 'Source document' });
  assert.equal(await page.getByTestId('covers').innerText(),
    'It covers children and young people aged 0 to 18, including unborn and newly born babies.');
  const notice = page.getByTestId('incomplete-notice');
  assert.equal(await notice.innerText(),
    'This guide does not hold all of the document. The appendix of threshold criteria is not in the source.');
  // Above the questions: read before anything is answered.
  const [noticeTop, questionTop] = await Promise.all([
    notice.evaluate((n) => n.getBoundingClientRect().top),
    page.getByRole('radiogroup', { name: /immediate danger/ }).evaluate((n) => n.getBoundingClientRect().top),
  ]);
  assert.ok(noticeTop < questionTop, 'the notice comes before the first question');
  const text = await source.innerText();
  assert.doesNotMatch(text, /Transcribed from|\.txt/, 'the page names the document, not a file');
  assert.match(text, /Based on Test levels of need \(Test format, June 2019, review date June 2021\)\. Also Testshire escalation policy \(March 2020\)\./);
  await page.screenshot({ path: path.join(SHOTS, 'format-top-360.png') });
  await context.close();
});

test('a level\'s next steps and a route\'s link show when that level is the likely level; an incomplete level says so', async () => {
  const { context, page, w } = await phone('?area=test-format');
  await areaShown(page, 'test-format');
  await w.answerDanger('No');
  assert.equal(await w.outcome.getByTestId('next-steps').count(), 0, 'level 1 has no next steps');
  assert.equal(await w.outcome.getByTestId('level-incomplete').count(), 0);
  await w.tick('Misses appointments');
  assert.equal(await w.read(w.level), 'Level 2 Targeted');
  const steps = w.outcome.getByTestId('next-steps').getByRole('listitem');
  assert.deepEqual(await steps.allInnerTexts(),
    ['Talk to the family about an Early Help Assessment.', 'Agree a lead practitioner.']);
  assert.ok(await w.outcome.getByRole('heading', { name: 'Next steps at this level' }).isVisible());
  const card = w.routes.filter({ has: page.getByRole('heading', { name: /Early help/ }) });
  const link = card.getByRole('link', { name: 'Go to testshire.example' });
  assert.equal(await link.getAttribute('href'), 'https://testshire.example/early-help-form');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'format-level-2-360.png') });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);

  await w.tick('Has an unexplained injury');
  assert.equal(await w.read(w.level), 'Level 3 Acute');
  assert.equal(await w.read(w.outcome.getByTestId('level-incomplete')),
    'This guide does not hold all of the document for Level 3 Acute: The indicators for this level are lost from the source; only its description is known. Check the document itself before you rely on this level.');
  assert.equal(await w.outcome.getByTestId('next-steps').count(), 0, 'level 2\'s next steps go with level 2');
  await page.screenshot({ path: path.join(SHOTS, 'format-level-3-360.png') });
  await context.close();
});

test('a bundled area names its document and whom it covers, never its source file', async () => {
  const { context, page } = await phone('?area=rochdale');
  await areaShown(page, 'rochdale');
  assert.equal(await page.getByTestId('covers').innerText(),
    'It covers all children and young people from conception to the age of 18 years.');
  assert.doesNotMatch(await page.getByRole('region', { name: 'Source document' }).innerText(), /rochdale\.txt|Transcribed from/);
  await context.close();
});
