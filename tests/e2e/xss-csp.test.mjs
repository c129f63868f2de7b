// The same hostile feed on the real page (with its CSP): nothing runs and the CSP never has to
// block anything, because no inline script, handler or style from an article reaches the DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServers } from './loading-servers.mjs';
import { launch, openPage } from './browser.mjs';

const PAYLOADS = JSON.parse(fs.readFileSync('tests/e2e/fixtures/xss-payloads.json', 'utf8'));
let servers; let browser;
before(async () => {
  const feed = PAYLOADS.map((p, i) => ({ title: `${i} ${p}`, body_html: `${p}<p>${p}</p>`, source: p, author: p, tickers: [p] }));
  servers = await startServers({ extraRoutes: { '/xss-feed.json': (req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' });
    res.end(JSON.stringify(feed));
  } } });
  browser = await launch();
});
after(async () => { await browser?.close(); await servers?.close(); });

test('under the page CSP, hostile articles cause no CSP violation and no execution', async () => {
  const { page, problems } = await openPage(browser.context);
  const violations = [];
  await page.exposeFunction('__cspViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    window.__xssCount = 0;
    window.__xss = () => { window.__xssCount += 1; };
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${servers.page.url}/?src=${encodeURIComponent(`${servers.articles.url}/xss-feed.json`)}`);
  await page.waitForSelector('.ni-picker-select');
  const count = await page.$$eval('.ni-picker-select option', (o) => o.length);
  assert.equal(count, PAYLOADS.length);
  for (let i = 0; i < count; i += 1) await page.selectOption('.ni-picker-select', String(i));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xssCount), 0);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});
