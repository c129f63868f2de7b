// Panics never escape (SECURITY.md): with the test-only bundle `dist-faults` (`make dist-faults`,
// cargo feature `fault-injection`), an article titled `__ni_test_panic__` panics inside the
// analysis and one titled `__ni_test_panic_render__` panics while rendering. The crashed widget
// shows an error report; the host page and the other widgets keep working, on a fresh wasm
// instance. The deployable bundle `dist` contains no such fault.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, STRICT_CSP } from './server.mjs';
import { pathToFileURL } from 'node:url';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

const FAULTS = 'dist-faults';
const MARKER = '__ni_test_panic';
const SECOND_ARTICLE = fs.readFileSync('www/articles/embed-demo.json', 'utf8');
const faulty = (title) => JSON.stringify({ title, body: 'Apple shares rose after the results.' });

let site; let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(FAULTS, 'news-impact.js')), `${FAULTS}/ is missing: run \`make dist-faults\``);
  const html = (body) => (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': STRICT_CSP });
    res.end(body);
  };
  site = await serve({
    root: FAULTS,
    headers: { 'content-security-policy': STRICT_CSP },
    routes: {
      '/host.html': html(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="data:,"><script type="module" src="/news-impact.js"></script></head><body>
<p id="host-text">The host page.</p>
<news-impact id="good-a" theme="light"></news-impact>
<news-impact id="bad"><script type="application/json">${faulty('__ni_test_panic__')}</script></news-impact>
<news-impact id="good-b" theme="light"><script type="application/json">${SECOND_ARTICLE}</script></news-impact>
</body></html>`),
    },
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await site?.close(); });

test('the deployable bundle contains no fault injection; the test bundle does', () => {
  const wasm = (dir) => fs.readFileSync(path.join(dir, 'news-impact-web_bg.wasm')).toString('latin1');
  assert.ok(wasm(FAULTS).includes(MARKER), 'the test bundle has the fault');
  assert.equal(wasm('dist').includes(MARKER), false, 'dist/ must not contain fault injection');
});

const symbols = (page, id) => page.$$eval(`#${id} [data-symbol]`, (els) => els.map((e) => e.dataset.symbol));

test('a panic is contained: the crashed widget reports it, the page and other widgets keep working', { timeout: 90_000 }, async () => {
  const { page, problems } = await openPage(browser.context);
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['news-impact:ready', 'news-impact:error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, code: e.detail?.code, report: e.detail?.report }));
    }
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective), true);
  });
  await page.goto(`${site.url}/host.html`);
  await page.waitForSelector('#bad [role=alert] .ni-crash-report');
  await page.waitForSelector('#good-a [data-symbol]');
  await page.waitForSelector('#good-b [data-symbol]');

  // The crashed widget: an alert, a message, and a report with the panic message to copy.
  const crash = await page.evaluate(() => {
    const root = document.getElementById('bad').shadowRoot;
    return {
      alert: root.querySelector('[role=alert]').textContent,
      report: root.querySelector('.ni-crash-text').textContent,
      copy: root.querySelector('.ni-crash-copy')?.textContent,
      events: window.__events.filter((e) => e.id === 'bad'),
    };
  });
  assert.match(crash.alert, /stopped because of an internal error/);
  assert.match(crash.report, /panic: .*fault injection: __ni_test_panic__/s);
  assert.match(crash.report, /inline article, \d+ characters/, 'the report leaves the article text out');
  assert.equal(crash.copy, 'Copy report');
  assert.deepEqual(crash.events.map((e) => [e.type, e.code]), [['news-impact:error', 'panic']]);
  assert.equal(crash.events[0].report, crash.report);
  await page.screenshot({ path: path.join(ARTIFACTS, 'panic-contained.png'), fullPage: true });
  await page.click('#bad summary');
  assert.equal(await page.isVisible('#bad .ni-crash-text'), true, 'the report opens');
  await page.locator('#bad').screenshot({ path: path.join(ARTIFACTS, 'panic-report.png') });

  // The other widgets were moved to a fresh wasm instance and still respond.
  const stats = await page.evaluate(async () => (await import('/news-impact.js')).runtimeStats());
  assert.deepEqual(stats, { started: 2, poisoned: 1 });
  assert.ok((await symbols(page, 'good-a')).includes('MSFT'));
  await page.evaluate(() => document.getElementById('good-a').setAttribute('tickers', 'NVDA'));
  await page.waitForFunction(() => document.getElementById('good-a').shadowRoot.querySelectorAll('[data-symbol]').length === 1);
  assert.deepEqual(await symbols(page, 'good-a'), ['NVDA']);
  await page.evaluate(() => document.getElementById('good-b').setAttribute('theme', 'dark'));
  await page.waitForFunction(() => document.getElementById('good-b').dataset.niTheme === 'dark');
  await page.click('#good-b .ni-row-head');
  await page.waitForSelector('#good-b .ni-evidence');
  // The host page's own script still runs, and new widgets mount.
  const mounted = await page.evaluate(async () => {
    document.getElementById('host-text').textContent = 'changed by the host';
    const el = document.createElement('news-impact');
    el.id = 'late';
    const got = new Promise((r) => el.addEventListener('news-impact:ready', () => r(true), { once: true }));
    document.body.append(el);
    return got;
  });
  assert.equal(mounted, true);
  assert.equal(await page.textContent('#host-text'), 'changed by the host');

  // A panic while rendering (in a child component) is contained the same way.
  await page.evaluate(() => {
    const el = document.createElement('news-impact');
    el.id = 'bad-render';
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify({ title: '__ni_test_panic_render__', body: 'Apple shares rose.' });
    el.append(script);
    document.body.append(el);
  });
  await page.waitForSelector('#bad-render [role=alert] .ni-crash-report');
  assert.match(await page.textContent('#bad-render .ni-crash-text'), /fault injection: __ni_test_panic_render__/);
  await page.evaluate(() => document.getElementById('good-a').setAttribute('tickers', 'MSFT NVDA'));
  await page.waitForFunction(() => document.getElementById('good-a').shadowRoot.querySelectorAll('[data-symbol]').length === 2);
  assert.ok((await symbols(page, 'late')).length > 0);
  assert.ok((await symbols(page, 'good-b')).length > 0);

  // The crashed widget recovers when the host gives it a good article.
  await page.evaluate(() => {
    document.querySelector('#bad script').textContent = JSON.stringify({ title: 'Nvidia rallies', body: 'Nvidia shares rose after strong results.' });
  });
  await page.waitForSelector('#bad [data-symbol]');
  assert.equal(await page.$('#bad [role=alert]'), null);
  assert.deepEqual(await page.evaluate(async () => (await import('/news-impact.js')).runtimeStats()), { started: 3, poisoned: 2 });
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  // The traps were reported in the widgets; nothing reached the console as an uncaught error.
  assert.deepEqual(problems, []);
  await page.close();
});

test('a panic during a JS API mount rejects nothing silently and leaves the API usable', { timeout: 60_000 }, async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${site.url}/host.html`);
  await page.waitForSelector('#good-a [data-symbol]');
  const result = await page.evaluate(async (article) => {
    const { mount } = await import('/news-impact.js');
    const el = document.createElement('div');
    document.body.append(el);
    const error = new Promise((r) => el.addEventListener('news-impact:error', (e) => r(e.detail.code), { once: true }));
    const handle = mount(el, { article });
    await handle.ready;
    const code = await error;
    // The same handle takes a good article afterwards.
    const ready = new Promise((r) => el.addEventListener('news-impact:ready', () => r(true), { once: true }));
    handle.update({ article: JSON.stringify({ title: 'Nvidia note', body: 'Nvidia shares rose.' }) });
    return { code, ready: await ready, rows: el.shadowRoot.querySelectorAll('[data-symbol]').length };
  }, faulty('__ni_test_panic__'));
  assert.equal(result.code, 'panic');
  assert.equal(result.ready, true);
  assert.ok(result.rows > 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an abort (a trap with no panic message) is contained the same way', { timeout: 60_000 }, async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${site.url}/host.html`);
  await page.waitForSelector('#good-a [data-symbol]');
  await page.waitForSelector('#bad [role=alert]');
  const result = await page.evaluate(async (article) => {
    const { mount, runtimeStats } = await import('/news-impact.js');
    const before = runtimeStats();
    const el = document.createElement('div');
    el.id = 'aborting';
    document.body.append(el);
    const error = new Promise((r) => el.addEventListener('news-impact:error', (e) => r(e.detail), { once: true }));
    mount(el, { article });
    const detail = await error;
    return { code: detail.code, report: detail.report, before, after: runtimeStats() };
  }, faulty('__ni_test_abort__'));
  assert.equal(result.code, 'panic');
  assert.match(result.report, /trap without a panic message/);
  assert.equal(result.after.poisoned, result.before.poisoned + 1);
  await page.waitForSelector('#aborting [role=alert] .ni-crash-report');
  // The page's other widgets were re-mounted and still respond.
  await page.waitForSelector('#good-a [data-symbol]');
  await page.evaluate(() => document.getElementById('good-a').setAttribute('tickers', 'NVDA'));
  await page.waitForFunction(() => document.getElementById('good-a').shadowRoot.querySelectorAll('[data-symbol]').length === 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the standalone file contains a panic too, restarting from its inlined module with no request', { timeout: 60_000 }, async () => {
  const file = path.resolve(FAULTS, 'news-impact-standalone.html');
  assert.ok(fs.existsSync(file), `${file} is missing: run \`make dist-faults\``);
  const { page, problems } = await openPage(browser.context);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#news-impact [data-symbol]');
  await page.evaluate((articles) => {
    for (const [id, text] of articles) {
      const el = document.createElement('news-impact');
      el.id = id;
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = text;
      el.append(script);
      document.body.append(el);
    }
  }, [['crashing', faulty('__ni_test_panic__')], ['healthy', JSON.stringify({ title: 'Nvidia note', body: 'Nvidia shares rose.' })]]);
  await page.waitForSelector('#crashing [role=alert] .ni-crash-report');
  await page.waitForSelector('#healthy [data-symbol]');
  // The page's own widget survived the crash (re-mounted on a fresh instance) and still responds.
  await page.click('#news-impact .ni-row-head');
  await page.waitForSelector('#news-impact .ni-evidence');
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
  assert.deepEqual(problems, []);
  await page.close();
});
