// Anything a stranger sends is safe: 60+ classic XSS payloads, placed in every text field of
// every accepted shape (title, body, body_html, source, author, url, tickers, summary,
// description, snippet, authors, ticker and entity symbols), load in headless Chromium without
// a single execution and without dangerous markup in the widget's DOM.
//
// The page is served *without* its CSP meta tag here, so the CSP cannot hide a sanitiser bug;
// a last test loads the real page and checks that the CSP never had to block anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServers } from './loading-servers.mjs';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

const PAYLOADS = JSON.parse(fs.readFileSync('tests/e2e/fixtures/xss-payloads.json', 'utf8'));

/** Every payload in every field of every shape, as one feed. */
function hostileFeed() {
  const out = [];
  PAYLOADS.forEach((p, i) => {
    out.push({ title: `Html ${i} ${p}`, body_html: `<p>Lead ${i}.</p>${p}<p>After <b>${p}</b> <a href="${p}">${p}</a></p>`,
      source: p, author: p, url: `https://ok.example/${i}`, tickers: [p, 'MSFT'] });
    out.push({ title: p, body: `${p}\n\nPlain ${i} ${p}`, source: `<b>${p}</b>`, author: p, tickers: [p] });
    out.push({ title: `Av ${i} ${p}`, summary: p, url: p, time_published: '20250101T000000', authors: [p, 'A. Writer'],
      source: p, ticker_sentiment: [{ ticker: p }, { ticker: 'NVDA' }] });
    out.push({ title: `Mx ${i} ${p}`, description: p, snippet: `${p} more`, url: p, source: p, entities: [{ symbol: p }] });
    out.push({ title: `Url ${i}`, body: 'Body.', url: p });
  });
  return out;
}

let servers; let browser;
const feedRoute = (req, res) => {
  res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' });
  res.end(JSON.stringify(hostileFeed()));
};
before(async () => {
  servers = await startServers({ stripCsp: true, extraRoutes: { '/xss-feed.json': feedRoute } });
  browser = await launch();
});
after(async () => { await browser?.close(); await servers?.close(); });

/** A page whose `__xss()` hook, `alert()` and dialogs are all counted. */
async function hookedPage() {
  const { page, problems } = await openPage(browser.context);
  await page.addInitScript(() => {
    window.__xssCount = 0;
    window.__xss = () => { window.__xssCount += 1; };
  });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const strays = [];
  page.on('request', (r) => { if (r.url().includes(':9/')) strays.push(r.url()); });
  return { page, problems, dialogs, strays };
}

/** Lists dangerous markup in the widget's shadow root and in the host document. */
function findDanger() {
  const host = document.querySelector('#news-impact');
  const root = host.shadowRoot;
  const found = [];
  const never = 'script,iframe,frame,object,embed,form,base,meta,style,link,math,img,video,audio,template';
  for (const el of root.querySelectorAll(never)) found.push(`<${el.localName}> in shadow root`);
  for (const el of root.querySelectorAll('.ni-article svg, .ni-picker svg')) found.push('<svg> from the article');
  const scheme = /^(javascript|data|vbscript):/;
  // The host page's own head (its icon is a data: URL) is not article content.
  const all = [...root.querySelectorAll('*'), ...document.body.querySelectorAll('*')];
  for (const el of all) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.localName}[${name}]`);
      if (name === 'style' || name === 'srcdoc') found.push(`${el.localName}[${name}]`);
      const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'cite', 'background'].includes(name) && scheme.test(value)) {
        found.push(`${el.localName}[${name}=${attr.value}]`);
      }
    }
  }
  for (const a of root.querySelectorAll('.ni-article a')) {
    if (!/^https?:\/\//.test(a.getAttribute('href') || '')) found.push(`a[href=${a.getAttribute('href')}]`);
    if (a.getAttribute('rel') !== 'noopener noreferrer nofollow') found.push(`a[rel=${a.getAttribute('rel')}]`);
    if (a.getAttribute('target') !== '_blank') found.push(`a[target=${a.getAttribute('target')}]`);
  }
  const allowed = new Set(['div', 'nav', 'label', 'select', 'option', 'article', 'aside', 'h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li',
    'blockquote', 'em', 'strong', 'a', 'span', 'button', 'details', 'summary', 'textarea', 'input', 'section', 'header', 'meter',
    'progress', 'svg', 'rect', 'line', 'g', 'path', 'text', 'title', 'mark', 'small', 'time', 'abbr', 'br', 'dl', 'dt', 'dd']);
  for (const el of root.querySelectorAll('.ni-article *')) {
    if (!allowed.has(el.localName)) found.push(`unexpected <${el.localName}> in the article`);
  }
  return found;
}

async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test(`${PAYLOADS.length} payloads in every field of every shape never execute nor reach the DOM`, async () => {
  assert.ok(PAYLOADS.length >= 50);
  const { page, problems, dialogs, strays } = await hookedPage();
  const feed = `${servers.articles.url}/xss-feed.json`;
  await page.goto(`${servers.page.url}/?src=${encodeURIComponent(feed)}`);
  await page.waitForSelector('.ni-picker-select');
  const count = await page.$$eval('.ni-picker-select option', (o) => o.length);
  // Schema-v1 items whose url is not http(s) are rejected; all the others load.
  assert.ok(count >= PAYLOADS.length * 4, `only ${count} articles loaded`);
  for (let i = 0; i < count; i += 1) {
    await page.selectOption('.ni-picker-select', String(i));
    await settle(page);
    // Hover and focus everything in the article, in case a handler slipped through.
    if (i % 4 === 0) await page.hover('.ni-article h1').catch(() => {});
    const danger = await page.evaluate(findDanger);
    assert.deepEqual(danger, [], `article ${i}: ${danger.join(', ')}`);
  }
  await page.selectOption('.ni-picker-select', '0');
  await settle(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'xss-feed.png'), fullPage: true });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xssCount), 0, 'an article payload executed');
  assert.deepEqual(dialogs, [], 'a dialog opened');
  assert.deepEqual(strays, [], 'an article made the browser fetch something');
  assert.deepEqual(problems, []);
  await page.close();
});

test('payloads pasted as text or JSON never execute nor reach the DOM', async () => {
  const { page, problems, dialogs, strays } = await hookedPage();
  await page.goto(`${servers.page.url}/`);
  await page.waitForSelector('.ni-article h1');
  await page.click('.ni-own-summary');
  for (const p of PAYLOADS) {
    for (const input of [`${p}\n\n${p} body`, JSON.stringify({ title: `T ${p}`, body_html: p, source: p, author: p })]) {
      await page.fill('textarea.ni-paste', input);
      await page.click('button.ni-analyse');
      await settle(page);
      const danger = await page.evaluate(findDanger);
      assert.deepEqual(danger, [], `${p}: ${danger.join(', ')}`);
    }
  }
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xssCount), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(strays, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a hostile article is shown as text, not markup', async () => {
  const { page, problems } = await hookedPage();
  const article = { title: '<img src=x onerror=__xss(1)>Chips rally', body_html: '<p>Text <script>__xss(2)</script>after</p>',
    source: '<b>Wire</b>' };
  await page.goto(`${servers.page.url}/`);
  await page.waitForSelector('.ni-article h1');
  await page.click('.ni-own-summary');
  await page.fill('textarea.ni-paste', JSON.stringify(article));
  await page.click('button.ni-analyse');
  await page.waitForFunction(() => document.querySelector('#news-impact').shadowRoot
    .querySelector('.ni-article h1')?.textContent === 'Chips rally');
  assert.equal((await page.textContent('.ni-article .ni-para')).trim(), 'Text after');
  assert.match(await page.textContent('.ni-byline'), /^Wire/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('control: the detectors notice markup injected the unsafe way', async () => {
  const { page, dialogs } = await hookedPage();
  await page.goto(`${servers.page.url}/`);
  await page.waitForSelector('.ni-article h1');
  await page.evaluate(() => {
    const root = document.querySelector('#news-impact').shadowRoot;
    root.querySelector('.ni-article').insertAdjacentHTML('beforeend', '<img src=x onerror="__xss(); alert(1)">');
  });
  await page.waitForFunction(() => window.__xssCount > 0);
  assert.ok((await page.evaluate(findDanger)).length > 0, 'findDanger missed an injected <img onerror>');
  assert.equal(dialogs.length, 1);
  await page.close();
});
