// Loading articles from a URL (`?src=`), in every accepted shape, with a specific message for
// every failure, a working Retry, and paste/drop analysed locally. The page and the articles
// are served from two loopback ports, so every request is cross-origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServers, unexpected } from './loading-servers.mjs';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

let servers; let browser;
// A host page using the custom element's `src` attribute (issue 7) with this loader.
const elementPage = (req, res) => {
  const src = new URL(req.url, 'http://x').searchParams.get('src');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><meta charset="utf-8"><script type="module" src="/news-impact.js"></script>
<news-impact id="news-impact" src="${src.replace(/"/g, '&quot;')}"></news-impact>`);
};
before(async () => { servers = await startServers({ pageRoutes: { '/element.html': elementPage } }); browser = await launch(); });
after(async () => { await browser?.close(); await servers?.close(); });

const srcUrl = (route, extra = '') =>
  `${servers.page.url}/?src=${encodeURIComponent(servers.articles.url + route)}${extra}`;

async function openWith(route, extra) {
  const { page, problems } = await openPage(browser.context);
  await page.goto(srcUrl(route, extra));
  return { page, problems };
}

const SHAPES = [
  ['/examples/schema-v1.json', 'Nvidia lifts its data-centre forecast as cloud buyers keep ordering', 1],
  ['/examples/schema-v1-html.json', 'JPMorgan trims its rate outlook; regional lenders rally', 1],
  ['/examples/alpha-vantage-response.json', 'Tesla deliveries fall short as price cuts fail to lift demand', 2],
  ['/examples/alpha-vantage-item.json', 'Microsoft expands its cloud capacity in Europe', 1],
  ['/examples/marketaux-response.json', 'Amazon beats profit forecasts on advertising strength', 2],
  ['/examples/marketaux-item.json', 'Meta shares climb after strong user growth', 1],
  ['/examples/feed-array.json', 'Intel wins a new foundry customer', 3],
];

for (const [route, title, count] of SHAPES) {
  test(`loads ${path.basename(route)} from another origin`, async () => {
    const { page, problems } = await openWith(route);
    await page.waitForSelector('.ni-article h1');
    assert.equal((await page.textContent('.ni-article h1')).trim(), title);
    assert.ok((await page.$$eval('.ni-article .ni-para', (els) => els.length)) >= 1, 'article body missing');
    assert.ok(await page.$('.ni-panel'), 'impact panel missing');
    const options = await page.$$eval('.ni-picker-select option', (els) => els.map((o) => o.textContent));
    if (count > 1) {
      assert.equal(options.length, count, `picker: ${options}`);
      await page.selectOption('.ni-picker-select', '1');
      await page.waitForFunction((t) => document.querySelector('#news-impact').shadowRoot
        .querySelector('.ni-article h1')?.textContent.trim() === t, options[1]);
    } else {
      assert.equal(options.length, 0, 'no picker for a single article');
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('an HTML body keeps its allowed structure and safe links', async () => {
  const { page, problems } = await openWith('/examples/schema-v1-html.json');
  await page.waitForSelector('.ni-article h1');
  const shape = await page.$eval('#news-impact', (host) => {
    const a = host.shadowRoot.querySelector('.ni-article');
    const link = a.querySelector('a');
    return {
      h2: a.querySelector('h2')?.textContent, li: a.querySelectorAll('ul > li').length,
      quote: a.querySelector('blockquote em')?.textContent, strong: a.querySelector('strong')?.textContent,
      href: link?.getAttribute('href'), rel: link?.getAttribute('rel'), target: link?.getAttribute('target'),
    };
  });
  assert.deepEqual(shape, {
    h2: 'What changed', li: 2, quote: 'cautious', strong: 'slower loan growth',
    href: 'https://news.example/jpm-filing', rel: 'noopener noreferrer nofollow', target: '_blank',
  });
  await page.screenshot({ path: path.join(ARTIFACTS, 'loading-html-body.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

const FAILURES = [
  ['/404', /HTTP 404 Not Found/],
  ['/500', /HTTP 500 Internal Server Error/],
  ['/slow', /did not answer within 800 ms/, '&timeout_ms=800'],
  ['/large', /larger than the 2 MiB limit/],
  ['/html', /Expected JSON, but the server sent `text\/html; charset=utf-8`/],
  ['/invalid', /not valid JSON: error at line 3, column 11/],
  ['/empty', /empty/],
  ['/wrong-shape', /at `title`, missing: expected an article object.*keys \[headline, text\]/],
  ['/no-cors', /does not allow cross-origin requests \(it must send an `Access-Control-Allow-Origin` header/],
];

for (const [route, message, extra] of FAILURES) {
  test(`explains ${route} with role=alert and a Retry button`, async () => {
    const { page, problems } = await openWith(route, extra);
    const alert = await page.waitForSelector('[role="alert"]', { timeout: 10_000 });
    const text = await alert.textContent();
    assert.match(text, message);
    assert.ok(await page.$('button.ni-retry'), 'retry button missing');
    if (route === '/large') await page.screenshot({ path: path.join(ARTIFACTS, 'loading-error.png'), fullPage: true });
    assert.deepEqual(unexpected(problems), []);
    await page.close();
  });
}

test('an unreachable server is explained as unreachable or refusing cross-origin requests', async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${servers.page.url}/?src=${encodeURIComponent('http://127.0.0.1:9/article.json')}`);
  const text = await (await page.waitForSelector('[role="alert"]')).textContent();
  assert.match(text, /unreachable/);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a javascript: src is refused without a request', async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${servers.page.url}/?src=${encodeURIComponent('javascript:alert(1)')}`);
  const text = await (await page.waitForSelector('[role="alert"]')).textContent();
  assert.match(text, /only http and https URLs can be loaded/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('shows a loading skeleton while fetching, then the time-out message', async () => {
  const { page, problems } = await openWith('/slow', '&timeout_ms=3000');
  await page.waitForSelector('[aria-busy="true"]');
  assert.match(await page.textContent('[aria-busy="true"]'), /Loading the article/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'loading-skeleton.png') });
  await page.waitForSelector('[role="alert"]', { timeout: 10_000 });
  assert.match(await page.textContent('[role="alert"]'), /within 3 s/);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('Retry re-runs the load', async () => {
  const { page, problems } = await openWith('/flaky');
  await page.waitForSelector('[role="alert"]');
  assert.match(await page.textContent('[role="alert"]'), /HTTP 503/);
  await page.click('button.ni-retry');
  await page.waitForSelector('.ni-article h1');
  assert.match(await page.textContent('.ni-article h1'), /Nvidia lifts/);
  assert.equal(await page.$('[role="alert"]'), null);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

/** Opens the page with its default article and records every request made afterwards. */
async function openLocal() {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${servers.page.url}/`);
  await page.waitForSelector('.ni-article h1');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.click('.ni-own-summary');
  return { page, problems, requests };
}

test('pasted text is analysed locally', async () => {
  const { page, problems, requests } = await openLocal();
  await page.fill('textarea.ni-paste', 'Microsoft raises its dividend\n\nMicrosoft said it would lift its quarterly payout.');
  await page.click('button.ni-analyse');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Microsoft raises its dividend');
  assert.match(await page.textContent('.ni-article .ni-para'), /quarterly payout/);
  assert.deepEqual(requests, [], 'nothing may leave the browser');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long pasted article is shown in full, rendered a chunk at a time', async () => {
  const { page, problems, requests } = await openLocal();
  // About 190 KB of text in 2,000 paragraphs: several rendering chunks.
  const para = 'Nvidia shares jumped after record data-center sales, while Intel slipped on weak guidance.';
  const text = `Chip stocks split on data-center demand\n\n${Array.from({ length: 2000 }, () => para).join('\n\n')}`;
  await page.fill('textarea.ni-paste', text);
  await page.click('button.ni-analyse');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Chip stocks split on data-center demand', null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelectorAll('.ni-article .ni-para').length === 2000, null, { timeout: 60000 });
  const symbols = await page.$$eval('[data-symbol]', (rows) => rows.map((r) => r.dataset.symbol));
  assert.ok(symbols.includes('NVDA') && symbols.includes('INTC'), symbols.join(','));
  assert.deepEqual(requests, [], 'nothing may leave the browser');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Puts `text` in the paste box as one paste (typing 1 MB would take minutes) and clicks Analyse. */
async function pasteAndAnalyse(page, text) {
  await page.evaluate((t) => {
    const box = document.querySelector('#news-impact').shadowRoot.querySelector('textarea.ni-paste');
    box.value = t;
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }, text);
  await page.click('button.ni-analyse');
}

test('a very long paste is analysed in slices: the page keeps running, and a newer paste wins', async () => {
  const { page, problems, requests } = await openLocal();
  // About 600 KB of text: well past the size analysed in one go.
  const para = 'Nvidia shares jumped after record data-center sales, while Intel slipped on weak guidance. '
    + 'Analysts at Morgan Stanley raised their target on Microsoft as cloud revenue grew 20%.';
  const long = `Long markets wrap\n\n${Array.from({ length: 3500 }, () => para).join('\n\n')}`;
  await page.evaluate(() => {
    window.niReady = [];
    document.querySelector('#news-impact').addEventListener('news-impact:ready', (e) => {
      window.niReady.push(e.detail);
      if (!window.niReadyAt) window.niReadyAt = performance.now();
    });
    // The host page's own script: a timer chain that only advances when the main thread is free.
    window.niTicks = [];
    const tick = () => { window.niTicks.push(performance.now()); if (!window.niReadyAt) setTimeout(tick, 0); };
    tick();
    window.niClickAt = performance.now();
  });
  await pasteAndAnalyse(page, long);
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Long markets wrap', null, { timeout: 60000 });
  await page.waitForFunction(() => window.niReady.some((d) => d.text.startsWith('Long markets wrap')), null, { timeout: 60000 });
  // Turns the page's timers got between the click and the ready event: one long task would
  // leave them a couple; slices leave them one at least between every two slices.
  const ticks = await page.evaluate(() => window.niTicks.filter((t) => t > window.niClickAt && t < window.niReadyAt).length);
  assert.ok(ticks >= 6, `the page's own timers ran only ${ticks} times while the long text was analysed`);
  // The ready event carries the whole analysis, built in slices too.
  const detail = await page.evaluate(() => {
    const d = window.niReady.find((x) => x.text.startsWith('Long markets wrap'));
    return { sentences: d.sentences.length, paragraphs: d.paragraphs.length, keys: Object.keys(d), last: d.sentences.at(-1), text: d.text.length, entities: d.entities.map((e) => e.symbol) };
  });
  assert.deepEqual(detail.keys, ['overall', 'entities', 'text', 'paragraphs', 'sentences']);
  assert.equal(detail.paragraphs, 3501);
  assert.equal(detail.sentences, 1 + 2 * 3500);
  assert.equal(detail.last.end, detail.text, 'the last sentence ends the text');
  assert.ok(detail.entities.includes('NVDA') && detail.entities.includes('MSFT'), detail.entities.join(','));

  // A newer paste made while a long one is still being analysed wins; the older one never shows.
  await page.evaluate(() => { window.niReady = []; });
  await page.evaluate(([first, second]) => {
    const root = document.querySelector('#news-impact').shadowRoot;
    const paste = (t) => {
      const box = root.querySelector('textarea.ni-paste');
      box.value = t;
      box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      root.querySelector('button.ni-analyse').click();
    };
    paste(first);
    // The second paste comes in the browser's next turn, while the first is being analysed.
    setTimeout(() => paste(second), 0);
  }, [long.replace('Long markets wrap', 'Superseded wrap'), 'Short note on Apple\n\nApple beat estimates on strong iPhone sales.']);
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Short note on Apple', null, { timeout: 60000 });
  // Give a superseded analysis ample time to (wrongly) finish and show.
  await page.waitForTimeout(3000);
  assert.equal(await page.evaluate(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent), 'Short note on Apple');
  const titles = await page.evaluate(() => window.niReady.map((d) => d.text.split('\n')[0]));
  assert.deepEqual(titles, ['Short note on Apple'], 'only the newest paste is reported');
  assert.deepEqual(requests, [], 'nothing may leave the browser');
  assert.deepEqual(problems, []);
  await page.close();
});

test('pasted JSON of a feed shows the picker; bad JSON gives line and column', async () => {
  const { page, problems, requests } = await openLocal();
  const fs = await import('node:fs');
  await page.fill('textarea.ni-paste', fs.readFileSync('www/examples/marketaux-response.json', 'utf8'));
  await page.click('button.ni-analyse');
  await page.waitForSelector('.ni-picker-select');
  assert.equal((await page.textContent('.ni-article h1')).trim(), 'Amazon beats profit forecasts on advertising strength');
  await page.fill('textarea.ni-paste', '{"title": "x",\n"body": }');
  await page.click('button.ni-analyse');
  assert.match(await (await page.waitForSelector('[role="alert"]')).textContent(), /line 2, column 9/);
  assert.equal(await page.$('.ni-picker-select'), null, 'the previous feed\'s picker must go');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loading-paste-error.png'), fullPage: true });
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('picking a long article from a feed shows the skeleton and keeps the picker until it is analysed', async () => {
  const { page, problems, requests } = await openLocal();
  const para = 'Nvidia shares jumped after record data-center sales, while Intel slipped on weak guidance.';
  const feed = [
    { title: 'Short note on Apple', body: 'Apple beat estimates on strong iPhone sales.' },
    { title: 'Long markets wrap', body: Array.from({ length: 4000 }, () => para) },
  ];
  await pasteAndAnalyse(page, JSON.stringify(feed));
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Short note on Apple');
  // Record what the widget shows from the moment of the pick until the long article is up.
  await page.evaluate(() => {
    const root = document.querySelector('#news-impact').shadowRoot;
    window.niSeen = [];
    const look = () => {
      const busy = !!root.querySelector('[aria-busy="true"]');
      const picker = root.querySelector('.ni-picker-select');
      const title = root.querySelector('.ni-article h1')?.textContent ?? null;
      window.niSeen.push({ busy, picked: picker ? picker.value : null, title });
    };
    new MutationObserver(look).observe(root, { childList: true, subtree: true });
  });
  await page.selectOption('.ni-picker-select', '1');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Long markets wrap', null, { timeout: 60000 });
  const seen = await page.evaluate(() => window.niSeen);
  const busy = seen.filter((s) => s.busy);
  assert.ok(busy.length > 0, 'the skeleton must show while the picked article is analysed');
  assert.ok(busy.every((s) => s.picked === '1' && s.title === null),
    `while busy the picker stays on the new pick and the old article is gone: ${JSON.stringify(busy.slice(0, 3))}`);
  assert.equal(await page.$eval('.ni-picker-select', (el) => el.value), '1');
  assert.deepEqual(requests, [], 'nothing may leave the browser');
  assert.deepEqual(problems, []);
  await page.close();
});

test('items of a pasted list that cannot be read are named, with the limit they break', async () => {
  const { page, problems, requests } = await openLocal();
  const feed = [
    { title: 'Short note on Apple', body: 'Apple beat estimates on strong iPhone sales.' },
    { title: 'Far too many paragraphs', body: Array.from({ length: 5001 }, () => 'Intel slipped.') },
    { title: 'Nvidia wrap', body: 'Nvidia rose on data-center demand.' },
  ];
  await pasteAndAnalyse(page, JSON.stringify(feed));
  await page.waitForSelector('.ni-skipped');
  const note = (await page.textContent('.ni-skipped')).trim();
  assert.equal(note, '1 of 3 items could not be read and was left out (item 2: the number of paragraphs (5001) exceeds the limit of 5000 paragraphs)');
  assert.equal(await page.getAttribute('.ni-skipped', 'role'), 'status');
  // The readable ones are all there; a pick keeps the note, a new paste clears it.
  const options = await page.$$eval('.ni-picker-select option', (els) => els.map((o) => o.textContent));
  assert.equal(options.length, 2, options.join(' | '));
  await page.selectOption('.ni-picker-select', '1');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Nvidia wrap');
  assert.equal((await page.textContent('.ni-skipped')).trim(), note);
  await pasteAndAnalyse(page, 'Microsoft raises its dividend\n\nMicrosoft lifted its payout.');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Microsoft raises its dividend');
  assert.equal(await page.$('.ni-skipped'), null, 'a new paste clears the note');
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Drops a file with `name`, `type` and `content` on `target` (the drop zone by default). */
async function drop(page, name, type, content, target = '.ni-drop') {
  await page.evaluate(([n, t, c, sel]) => {
    const zone = document.querySelector('#news-impact').shadowRoot.querySelector(sel);
    const dt = new DataTransfer();
    dt.items.add(new File([c], n, { type: t }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, type, content, target]);
}

test('a dropped .json or .txt file is analysed locally; other files are refused', async () => {
  const { page, problems, requests } = await openLocal();
  const fs = await import('node:fs');
  await drop(page, 'item.json', 'application/json', fs.readFileSync('www/examples/alpha-vantage-item.json', 'utf8'));
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Microsoft expands its cloud capacity in Europe');
  await drop(page, 'note.txt', 'text/plain', 'Oil prices jump\n\nCrude rose after a supply outage.');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Oil prices jump');
  await drop(page, 'page.html', 'text/html', '<h1>hi</h1>');
  assert.match(await (await page.waitForSelector('[role="alert"]')).textContent(), /drop a \.json or \.txt file/);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file dropped anywhere on the widget is analysed, even with the paste box closed', async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${servers.page.url}/`);
  await page.waitForSelector('.ni-article h1');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const fs = await import('node:fs');
  await drop(page, 'feed.json', '', fs.readFileSync('www/examples/feed-array.json', 'utf8'), '.ni-article h1');
  await page.waitForSelector('.ni-picker-select');
  assert.equal((await page.textContent('.ni-article h1')).trim(), 'Intel wins a new foundry customer');
  assert.equal(await page.$eval('.ni-own', (d) => d.open), false);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the <news-impact src> attribute uses the same loader', async () => {
  const { page, problems } = await openPage(browser.context);
  const src = `${servers.articles.url}/examples/marketaux-item.json`;
  await page.goto(`${servers.page.url}/element.html?src=${encodeURIComponent(src)}`);
  await page.waitForSelector('.ni-article h1');
  assert.equal((await page.textContent('.ni-article h1')).trim(), 'Meta shares climb after strong user growth');
  await page.evaluate((u) => document.querySelector('news-impact').setAttribute('src', u), `${servers.articles.url}/404`);
  assert.match(await (await page.waitForSelector('[role="alert"]')).textContent(), /HTTP 404/);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});
