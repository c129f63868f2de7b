// Size budget: everything the default page loads (html, js, wasm, css, data) is ≤ 350 KB gzip.
// The page is loaded in Chromium and every response it fetched is gzipped (level 9) and summed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

// 350 KB in decimal units (the stricter reading of the budget).
export const BUDGET_BYTES = 350_000;
let site; let browser;

before(async () => { site = await serve({ root: 'dist' }); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

test('the default page loads at most 350 KB gzip', async () => {
  const { page } = await openPage(browser.context);
  const loads = [];
  page.on('response', (res) => loads.push(res));
  await page.goto(`${site.url}/`);
  await page.waitForSelector('[data-symbol]');
  await page.waitForLoadState('networkidle');
  const rows = [];
  for (const res of loads) {
    if (!res.url().startsWith(site.url)) continue;
    const body = await res.body();
    rows.push({ file: new URL(res.url()).pathname, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  const lines = rows.map((r) => `${r.file.padEnd(32)} ${String(r.raw).padStart(9)} ${String(r.gzip).padStart(9)}`);
  const report = ['file                                   raw      gzip', ...lines, `${'total'.padEnd(32)} ${''.padStart(9)} ${String(total).padStart(9)}`].join('\n');
  fs.writeFileSync(path.join(ARTIFACTS, 'size.txt'), `${report}\n`);
  console.log(report);
  assert.ok(rows.some((r) => r.file.endsWith('.wasm')), 'the wasm was not among the loads');
  assert.ok(total <= BUDGET_BYTES, `page loads ${total} B gzip, over the ${BUDGET_BYTES} B budget`);
});
