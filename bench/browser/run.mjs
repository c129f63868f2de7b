// Drives the browser benchmark in headless Chromium (the end-to-end tooling of tests/e2e):
// - bench/browser/index.html over the built bundle: 1,000-word analysis and the 1 MB paste;
// - a 1 MB text pasted into the widget on the default page: its longest main-thread task;
// - the default page, loaded LOADS times: time from DOMContentLoaded to the first
//   `news-impact:ready` event (fired by the widget after its first render with an analysis), to
//   the next frame after it, and (for the breakdown) to the end of the wasm download.
// Prints JSON and writes target/bench/browser.json.   usage: node bench/browser/run.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import { serve } from '../../tests/e2e/server.mjs';
import { launch, openPage } from '../../tests/e2e/browser.mjs';

const dist = process.argv[2] || 'dist';
const LOADS = Number(process.env.LOADS || 15);
const file = (p) => (req, res) => {
  res.writeHead(200, { 'content-type': p.endsWith('.html') ? 'text/html; charset=utf-8' : p.endsWith('.js') ? 'text/javascript' : 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(fs.readFileSync(p));
};
const site = await serve({
  root: dist,
  routes: {
    '/bench/': file('bench/browser/index.html'),
    '/bench/bench.js': file('bench/browser/bench.js'),
    '/bench/headlines.txt': file('bench/headlines.txt'),
  },
});
const browser = await launch();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
let result;
try {
  // 1 and 2: the benchmark page.
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${site.url}/bench/`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 300000 });
  result = await page.evaluate(() => window.benchResult);
  if (result.error) throw new Error(result.error);
  if (problems.length) throw new Error(`benchmark page errors:\n${problems.join('\n')}`);
  await page.close();

  // 3: a 1 MB text pasted into the widget on the default page: the longest main-thread task from
  // the click on "Analyse" to the new article's panel and its `news-impact:ready` event (analysis
  // in slices, rendering in chunks, the event's detail built in slices).
  {
    const { page: p, problems: pp } = await openPage(browser.context);
    await p.goto(`${site.url}/`);
    await p.waitForSelector('.ni-article h1');
    await p.click('.ni-own-summary');
    const lines = fs.readFileSync('bench/headlines.txt', 'utf8').split('\n').filter(Boolean);
    const paras = []; let size = 0;
    for (let i = 0; size < 1_000_000; i += 6) {
      const para = lines.slice(i % lines.length, (i % lines.length) + 6).join(' ');
      paras.push(para); size += para.length + 2;
    }
    const text = `Pasted markets wrap\n\n${paras.join('\n\n')}`;
    // Set the box's value directly (Playwright's fill types 1 MB too slowly to be a paste).
    await p.evaluate((t) => {
      const box = document.querySelector('#news-impact').shadowRoot.querySelector('textarea.ni-paste');
      box.value = t;
      box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }, text);
    await p.evaluate(() => {
      document.querySelector('#news-impact').addEventListener('news-impact:ready', (e) => {
        if (e.detail && typeof e.detail.text === 'string' && e.detail.text.startsWith('Pasted markets wrap')) window.niPastedReady = true;
      });
      window.niTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.niTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: false });
    });
    const t0 = Date.now();
    await p.click('button.ni-analyse');
    await p.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
      .querySelector('.ni-article h1')?.textContent === 'Pasted markets wrap', null, { timeout: 120000 });
    const total = Date.now() - t0;
    await p.waitForFunction(() => window.niPastedReady === true, null, { timeout: 120000 });
    const untilReady = Date.now() - t0;
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    const tasks = await p.evaluate(() => window.niTasks);
    if (pp.length) throw new Error(`paste page errors:\n${pp.join('\n')}`);
    result.pasted = { bytes: text.length, total, untilReady, longTasks: tasks.length, longestTask: tasks.length ? Math.max(...tasks) : 0, tasks };
    await p.close();
  }

  // 4: the default page's first render.
  const ready = []; const painted = []; const wasmLoaded = [];
  for (let i = 0; i < LOADS; i++) {
    const { page: p, problems: pp } = await openPage(browser.context);
    await p.addInitScript(() => {
      document.addEventListener('news-impact:ready', () => {
        if (window.niReady !== undefined) return;
        window.niReady = performance.now();
        requestAnimationFrame(() => { window.niPainted = performance.now(); });
      }, true);
    });
    await p.goto(`${site.url}/`);
    await p.waitForFunction(() => window.niPainted !== undefined, null, { timeout: 30000 });
    const t = await p.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const rows = document.querySelector('#news-impact').shadowRoot.querySelectorAll('[data-symbol]').length;
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      return { dcl: nav.domContentLoadedEventStart, ready: window.niReady, painted: window.niPainted, rows, wasmEnd: wasm ? wasm.responseEnd : NaN };
    });
    if (!t.rows) throw new Error('the default page rendered no entity rows');
    if (pp.length) throw new Error(`default page errors:\n${pp.join('\n')}`);
    ready.push(t.ready - t.dcl); painted.push(t.painted - t.dcl); wasmLoaded.push(t.wasmEnd - t.dcl);
    await p.close();
  }
  result.render = { runs: LOADS, median: median(ready), min: Math.min(...ready), max: Math.max(...ready), paintedMedian: median(painted), wasmFetchedMedian: median(wasmLoaded) };
} finally {
  await browser.close();
  await site.close();
}
fs.mkdirSync('target/bench', { recursive: true });
fs.writeFileSync(path.join('target/bench', 'browser.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
