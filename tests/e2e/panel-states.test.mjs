// The panel's states: empty (nothing found, and what was searched), error (role=alert with the
// specific message and a retry action), collapsed low-relevance rows, and the ticker filter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openPage, ARTIFACTS } from './browser.mjs';
import { serveWithFixtures, fixtureUrl } from './panel-helpers.mjs';

let site; let browser;
before(async () => { site = await serveWithFixtures(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const QUIET = {
  title: 'A quiet afternoon at the county fair',
  body: 'The pumpkins this year were larger than anyone remembered. Children lined up for the carousel.\n\nBy evening the tents were folded away.',
};

test('empty state says nothing was found and what was searched', async () => {
  const { page, problems } = await openPage(browser.context, { viewport: { width: 1100, height: 700 } });
  await page.goto(fixtureUrl(site, { article: QUIET }));
  const empty = page.locator('.ni-empty');
  await empty.waitFor();
  const text = await empty.textContent();
  assert.match(text, /No listed companies or market assets found/);
  assert.match(text, /Searched 4 sentences in 3 paragraphs/);
  assert.equal(await page.locator('.ni-row').count(), 0);
  const live = await page.locator('[aria-live="polite"]').textContent();
  assert.match(live, /no listed companies or market assets found/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-empty.png') });
  assert.deepEqual(problems, []);
});

test('invalid article JSON shows role=alert with the line and column, and a retry action', async () => {
  const { page, problems } = await openPage(browser.context, { viewport: { width: 1100, height: 700 } });
  await page.goto(`${site.url}/fixtures/panel.html?article=${encodeURIComponent('{"title": "x",\n "body": }')}`);
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /line 2/);
  assert.match(message, /column \d+/);
  const retry = alert.locator('button', { hasText: 'Try again' });
  assert.equal(await retry.count(), 1);
  await retry.click();
  await alert.waitFor();
  assert.match(await alert.textContent(), /line 2/, 'retry runs again and reports the same problem');
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-error.png') });
  assert.deepEqual(problems, []);
});

test('a document of the wrong shape names the field', async () => {
  const { page, problems } = await openPage(browser.context, { viewport: { width: 900, height: 600 } });
  await page.goto(fixtureUrl(site, { article: { title: 'Shape', body: 'Text.', tickers: [1] } }));
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /tickers\[0\]/);
  assert.deepEqual(problems, []);
});

test('low-relevance rows collapse behind "show N more"', async () => {
  const article = {
    title: 'Microsoft leads a busy session',
    body: [
      'Microsoft rose after results. Microsoft said cloud demand was strong. Microsoft raised its outlook.',
      'Microsoft also said margins widened. Nvidia gained as well. Microsoft ended the day higher.',
      'Microsoft executives spoke to analysts. OpenAI was mentioned in passing. Microsoft shares closed up.',
      'Microsoft plans more spending. Microsoft hired engineers. SoftBank was quiet. Late in the day Meta slid.',
    ].join('\n\n'),
  };
  const { page, problems } = await openPage(browser.context, { viewport: { width: 1100, height: 900 } });
  await page.goto(fixtureUrl(site, { article }));
  await page.waitForSelector('.ni-row');
  const more = page.locator('.ni-more');
  assert.equal(await more.count(), 1, 'a show-more button');
  const shown = await page.locator('.ni-row').count();
  const visible = await page.locator('.ni-row').evaluateAll((els) => els.map((e) => e.dataset.symbol));
  assert.ok(visible.includes('META'), `a low-relevance row the article moves stays visible: ${visible}`);
  const label = await more.textContent();
  const hidden = Number(label.match(/Show (\d+) more/)[1]);
  assert.ok(hidden >= 1);
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.click();
  assert.equal(await page.locator('.ni-row').count(), shown + hidden);
  const revealed = await page.locator('.ni-row').evaluateAll((els) => els.map((e) => e.dataset.label));
  assert.equal(revealed.filter((l) => l === 'Neutral').length >= hidden, true, 'only neutral rows were hidden');
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(problems, []);
});

test('the tickers option keeps only those rows', async () => {
  const { page, problems } = await openPage(browser.context, { viewport: { width: 1100, height: 900 } });
  await page.goto(fixtureUrl(site, { tickers: 'nvda' }));
  await page.waitForSelector('.ni-row');
  const symbols = await page.locator('.ni-row').evaluateAll((els) => els.map((e) => e.dataset.symbol));
  assert.deepEqual(symbols, ['NVDA']);
  assert.deepEqual(problems, []);
});

test('no style attributes anywhere in the rendered widget', async () => {
  const { page, problems } = await openPage(browser.context, { viewport: { width: 1280, height: 900 } });
  await page.goto(fixtureUrl(site, { explain: '1' }));
  await page.waitForSelector('.ni-row');
  await page.locator('.ni-row-head').first().click();
  const styled = await page.evaluate(() => document.querySelector('#host').shadowRoot.querySelectorAll('[style]').length);
  assert.equal(styled, 0);
  assert.ok(await page.locator('.ni-article .ni-cue').count() > 0, 'explain option tints cues from the start');
  assert.deepEqual(problems, []);
});
