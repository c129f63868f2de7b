// `make standalone`: dist/news-impact-standalone.html opens from file:// with no server and no
// network, and shows the default article with its impact panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

const FILE = path.resolve('dist/news-impact-standalone.html');
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the standalone file is self-contained', () => {
  assert.ok(fs.existsSync(FILE), 'run `make standalone` first');
  // Tags only: the inline scripts' own text (comments, code) is left out of the checks.
  const html = fs.readFileSync(FILE, 'utf8').replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>');
  assert.ok(!/<script[^>]+\ssrc=/i.test(html), 'no external scripts');
  assert.ok(!/<link[^>]+rel="(stylesheet|modulepreload|preload)"/i.test(html), 'no external styles or preloads');
  assert.match(fs.readFileSync(FILE, 'utf8'), /\.initSync\(\{ module:/, 'the wasm is initialised with initSync');
});

test('the standalone file renders from file:// without any network request', { timeout: 60_000 }, async () => {
  const { page, problems } = await openPage(browser.context);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const csp = [];
  await page.exposeFunction('__cspViolation', (v) => csp.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(pathToFileURL(FILE).href);
  await page.waitForSelector('[data-symbol]');
  assert.match(await page.textContent('h1'), /Microsoft and OpenAI/);
  const symbols = await page.$$eval('[data-symbol]', (els) => els.map((e) => e.dataset.symbol));
  assert.ok(symbols.includes('MSFT') && symbols.includes('NVDA'), symbols.join());
  const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
  assert.deepEqual(network, [], 'no network requests');
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-standalone.png'), fullPage: true });
  assert.deepEqual(csp, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the standalone file analyses pasted and dropped articles offline', { timeout: 60_000 }, async () => {
  const { page, problems } = await openPage(browser.context);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(FILE).href);
  await page.waitForSelector('[data-symbol]');
  const title = () => page.evaluate(() => document.querySelector('#news-impact').shadowRoot.querySelector('.ni-article h1')?.textContent);
  // Paste: plain text, first line is the headline.
  await page.click('.ni-own-summary');
  await page.fill('textarea.ni-paste', 'Nvidia beats estimates as data-center sales soar\n\nNvidia reported record revenue and raised its outlook.');
  await page.click('button.ni-analyse');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Nvidia beats estimates as data-center sales soar');
  assert.ok((await page.$$eval('[data-symbol]', (els) => els.map((e) => e.dataset.symbol))).includes('NVDA'));
  // Drop: a schema-v1 JSON file onto the widget.
  const article = fs.readFileSync('www/examples/schema-v1.json', 'utf8');
  await page.evaluate((content) => {
    const zone = document.querySelector('#news-impact').shadowRoot.querySelector('.ni-article');
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'article.json', { type: 'application/json' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, article);
  const expected = JSON.parse(article).title;
  await page.waitForFunction((t) => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === t, expected);
  assert.equal(await title(), expected);
  const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(network, [], 'nothing leaves the browser');
  assert.deepEqual(problems, []);
  await page.close();
});
