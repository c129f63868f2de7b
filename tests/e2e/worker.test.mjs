// The analysis worker (www/analysis-worker.js) gives the same analysis as the main thread, under
// the page's strict CSP, so large texts can be analysed off the main thread (src/services/worker.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve } from './server.mjs';
import { launch, openPage } from './browser.mjs';

let site; let browser;
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src data:">
<link rel="icon" href="data:,"><script type="module" src="/worker-check.js"></script></head><body></body></html>`;
const SCRIPT = `import init, { analyze_json } from '/news-impact-web.js';
const article = JSON.stringify({ title: 'Nvidia rallies as Intel slips',
  body: Array.from({ length: 800 }, (_, i) => 'Nvidia shares jumped after record data-center sales, while Intel fell on weak guidance, paragraph ' + i + '.') });
await init({ module_or_path: '/news-impact-web_bg.wasm' });
const here = analyze_json(article);
const worker = new Worker('/analysis-worker.js', { type: 'module' });
const there = await new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage({ json: article }); });
const bad = await new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage({ json: '{"title": 5}' }); });
window.workerCheck = { size: article.length, same: there.analysis === here, entities: JSON.parse(there.analysis).entities.map((e) => e.symbol), error: bad.error || null };`;

before(async () => {
  site = await serve({
    root: 'dist',
    routes: {
      '/worker-check.html': (req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(PAGE); },
      '/worker-check.js': (req, res) => { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(SCRIPT); },
    },
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await site?.close(); });

test('the analysis worker is in the bundle and matches the main-thread analysis', async () => {
  assert.ok(fs.existsSync('dist/analysis-worker.js'), 'dist/analysis-worker.js is missing');
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${site.url}/worker-check.html`);
  await page.waitForFunction(() => window.workerCheck, null, { timeout: 60000 });
  const check = await page.evaluate(() => window.workerCheck);
  assert.ok(check.size > 64 * 1024, 'the test article should be large enough to go to the worker');
  assert.ok(check.same, 'the worker returned a different analysis');
  assert.ok(check.entities.includes('NVDA') && check.entities.includes('INTC'), JSON.stringify(check.entities));
  assert.match(check.error || '', /title|invalid/i, 'a bad article should come back as an error message');
  assert.deepEqual(problems, []);
});

