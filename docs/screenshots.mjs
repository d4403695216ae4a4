// Makes the authoring page's screenshots in docs/ (docs/authoring.md) from the built site:
//   make dist && node docs/screenshots.mjs
// The template with two mistakes (the preview keeps the last version without problems), and
// the scenarios run after saving one from the preview.
import { start } from '../tests/browser/support.mjs';

const env = await start();
try {
  const page = await env.browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${env.url}author.html`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.getByRole('button', { name: 'Start from the template' }).click();
  await page.frameLocator('#preview-desktop').getByTestId('likely-level').waitFor();
  await page.frameLocator('#preview-phone').getByTestId('likely-level').waitFor();

  const editor = page.getByLabel('Ruleset text (TOML)');
  const text = (await editor.inputValue())
    .replace('name = "Level 2: Early help"', 'name = "Level 2: Early help"\ncolor = "blue"')
    .replace('urgency = "urgent"\naction = "Contact the children', 'urgency = "urgent"\nphone = "see our website"\naction = "Contact the children');
  await editor.fill(text);
  await page.locator('body[data-checked="problems"]').waitFor();
  await page.locator('#problems li a').nth(1).click();
  await page.locator('#ruleset-panel').evaluate((e) => e.scrollIntoView());
  await page.evaluate(() => window.scrollBy(0, 150));
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/authoring-check.png' });

  await editor.fill(text.replace('\ncolor = "blue"', '').replace('\nphone = "see our website"', ''));
  await page.locator('body[data-checked="clean"]').waitFor();
  const frame = page.frameLocator('#preview-desktop');
  await frame.getByTestId('likely-level').waitFor();
  await frame.getByRole('checkbox', { name: 'Example: the child often misses health appointments' }).check();
  await page.getByLabel('Scenario name').fill('missed appointments');
  await page.getByRole('button', { name: 'Save this as a scenario' }).click();
  await page.getByLabel('Scenario name').fill('missed appointments, wrongly at level 3');
  await page.getByRole('button', { name: 'Save this as a scenario' }).click();
  const scenarios = page.getByLabel('Scenario file (TOML)');
  await scenarios.fill((await scenarios.inputValue()).replace(/(wrongly at level 3"\n(?:.*\n)*?)level = "level-2"/, '$1level = "level-3"'));
  await page.getByRole('button', { name: 'Run scenarios' }).click();
  await page.locator('#scenarios-panel').screenshot({ path: 'docs/authoring-scenarios.png' });
} finally {
  await env.close();
}
