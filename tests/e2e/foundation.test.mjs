// The built page shows the default article and an impact panel computed by the engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

const LABELS = ['Bearish', 'Somewhat-Bearish', 'Neutral', 'Somewhat-Bullish', 'Bullish'];
let site; let browser;

before(async () => { site = await serve({ root: 'dist' }); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

test('default article renders with an engine-computed impact panel', async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${site.url}/`);
  await page.waitForSelector('[data-symbol]');
  const title = await page.textContent('h1');
  assert.match(title, /Microsoft and OpenAI/);
  const rows = await page.$$eval('[data-symbol]', (els) => els.map((e) => ({ symbol: e.dataset.symbol, label: e.dataset.label })));
  assert.ok(rows.length >= 3, `expected ≥ 3 rows, got ${JSON.stringify(rows)}`);
  const symbols = rows.map((r) => r.symbol);
  assert.ok(symbols.includes('MSFT'), `MSFT missing from ${symbols}`);
  assert.ok(symbols.includes('NVDA'), `NVDA missing from ${symbols}`);
  for (const r of rows) assert.ok(LABELS.includes(r.label), `bad label ${r.label}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'foundation.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
