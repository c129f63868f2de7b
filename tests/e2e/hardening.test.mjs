// Hardening (SECURITY.md): the built bundle under the strict CSP of the hardening issue, limits
// reaching the widget as clear messages, no request for images or URLs found in article content,
// only http(s) links, and wasm memory that stays bounded over 1,000 analyses through the JS API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, STRICT_CSP } from './server.mjs';
import { launch, openPage, ARTIFACTS } from './browser.mjs';


const SECOND_ARTICLE = fs.readFileSync('www/articles/embed-demo.json', 'utf8');
const html = (body) => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': STRICT_CSP });
  res.end(body);
};
const page = (body, head = '') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="data:,">${head}</head><body>${body}</body></html>`;

let site; let trap; let browser;
const trapHits = [];

before(async () => {
  // A second server that must never be contacted: article content points images and links at it.
  trap = await serve({ root: 'tests/e2e', routes: { '/x.png': (req, res) => { trapHits.push(req.url); res.writeHead(204); res.end(); } } });
  trap.hits = trapHits;
  site = await serve({
    root: 'dist',
    headers: { 'content-security-policy': STRICT_CSP },
    routes: {
      // A host page using the custom element: two widgets, one with an inline article.
      '/element.html': html(page(`<news-impact id="w1" theme="light"></news-impact>
<news-impact id="w2" theme="dark" tickers="NVDA"><script type="application/json">${SECOND_ARTICLE}</script></news-impact>`,
      '<script type="module" src="/news-impact.js"></script>')),
      // An empty host page for JS API tests.
      '/api.html': html(page('<div id="slot"></div>', '<script type="module" src="/news-impact.js"></script>')),
      // Control: a page that breaks the policy, to show the detector below does detect violations.
      '/violating.html': html(page('<p style="color: red">inline style</p><div id="w"></div>',
        '<style>p { color: blue }</style><script type="module" src="/news-impact.js"></script>')),
    },
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await site?.close(); await trap?.close(); });

/** Opens `url`, recording CSP violations on the document and inside every shadow root. */
async function open(url) {
  const opened = await openPage(browser.context);
  await opened.page.addInitScript(() => {
    window.__csp = [];
    const record = (where) => (e) => window.__csp.push(`${where}: ${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
    document.addEventListener('securitypolicyviolation', record('document'), true);
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachShadow(init) {
      const root = attach.call(this, init);
      root.addEventListener('securitypolicyviolation', record(`shadow of ${this.localName}#${this.id}`), true);
      return root;
    };
  });
  await opened.page.goto(url);
  return opened;
}

for (const [name, url, selector] of [
  ['index.html', '/', '#news-impact [data-symbol]'],
  ['embed.html', '/embed.html', '#news-impact [data-symbol]'],
  ['a page with <news-impact> elements', '/element.html', '#w2 [data-symbol]'],
]) {
  test(`strict CSP header: ${name} renders its panel with zero securitypolicyviolation events`, { timeout: 60_000 }, async () => {
    const { page, problems } = await open(`${site.url}${url}`);
    await page.waitForSelector(selector);
    if (url === '/element.html') await page.waitForSelector('#w1 [data-symbol]');
    await page.waitForLoadState('networkidle');
    const rows = await page.$$eval(selector, (els) => els.length);
    assert.ok(rows >= 1, 'the impact panel has rows');
    await page.screenshot({ path: path.join(ARTIFACTS, `csp-${url.replace(/\W+/g, '') || 'index'}.png`), fullPage: true });
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the CSP detector does detect violations (control page with inline style)', async () => {
  const { page } = await open(`${site.url}/violating.html`);
  await page.waitForFunction(() => window.__csp.length >= 2);
  const seen = await page.evaluate(() => window.__csp);
  assert.ok(seen.some((v) => v.includes('style-src')), seen.join('\n'));
  await page.close();
});

/** Mounts a widget through the JS API with `article` and returns its alert text and error event. */
async function mountArticle(page, article) {
  return page.evaluate(async (articleJson) => {
    const { mount } = await import('/news-impact.js');
    const el = document.createElement('div');
    document.body.append(el);
    const outcome = new Promise((resolve) => {
      el.addEventListener('news-impact:error', (e) => resolve({ error: e.detail }), { once: true });
      el.addEventListener('news-impact:ready', () => resolve({ ready: true }), { once: true });
    });
    const handle = mount(el, { article: articleJson });
    const got = await outcome;
    await new Promise((r) => requestAnimationFrame(() => r()));
    const alert = el.shadowRoot.querySelector('[role=alert]');
    const result = { ...got, alert: alert ? alert.textContent : null, rows: el.shadowRoot.querySelectorAll('[data-symbol]').length };
    handle.destroy();
    el.remove();
    return result;
  }, article);
}

test('limits reach the widget as a role=alert message naming the limit', { timeout: 60_000 }, async () => {
  const { page, problems } = await open(`${site.url}/api.html`);
  // Over the article-size limit (2 MiB of text; the JSON stays under its own 4 MiB limit).
  const big = JSON.stringify({ title: 'Size test', body: 'Shares of Apple rose. '.repeat(100_000) });
  const size = await mountArticle(page, big);
  assert.equal(size.error?.code, 'too-large', JSON.stringify(size.error));
  assert.match(size.alert, /article text \(\d+ bytes\) exceeds the limit of 2097152 bytes/i);
  // Over the JSON size limit.
  const huge = JSON.stringify({ title: 'Size test', body: 'x', pad: 'y'.repeat(4 * 1024 * 1024) });
  const json = await mountArticle(page, huge);
  assert.match(json.alert, /JSON document \(\d+ bytes\) exceeds the limit of 4194304 bytes/i);
  // Nested deeper than 32 levels.
  const deep = `{"title":"Deep","body":"Apple rose.","extra":${'['.repeat(40)}${']'.repeat(40)}}`;
  const nested = await mountArticle(page, deep);
  assert.equal(nested.error?.code, 'too-large');
  assert.match(nested.alert, /JSON nesting depth exceeds the limit of 32 levels/i);
  // Too many paragraphs.
  const many = JSON.stringify({ title: 'Many', body: Array.from({ length: 5001 }, (_, i) => `Paragraph ${i}.`) });
  const paragraphs = await mountArticle(page, many);
  assert.match(paragraphs.alert, /number of paragraphs \(5001\) exceeds the limit of 5000 paragraphs/i);
  // Just under the limits, the article is analysed.
  const fine = await mountArticle(page, JSON.stringify({ title: 'Apple note', body: Array.from({ length: 5000 }, () => 'Apple shares rose.') }));
  assert.equal(fine.ready, true, JSON.stringify(fine));
  assert.equal(fine.alert, null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('images and URLs in article content cause no request, and only http(s) links are rendered', { timeout: 60_000 }, async () => {
  const { page, problems } = await open(`${site.url}/api.html`);
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  const img = `<img src="${trap.url}/x.png"><img src=${trap.url}/x.png?bare>`;
  const article = {
    title: `Apple rises ${img}`,
    body_html: `<p>Apple shares rose. ${img}<a href="javascript:alert(1)">bad</a> <a href="data:text/html,x">data</a>`
      + ` <a href="https://example.com/ok">ok</a> <svg><image href="${trap.url}/x.png?svg"/></svg>`
      + ` <picture><source srcset="${trap.url}/x.png?srcset"></picture> <video poster="${trap.url}/x.png?poster"></video>`
      + ` <div style="background:url(${trap.url}/x.png?css)">styled</div></p>`,
    source: `Wire ${img}`,
    author: `Reporter ${img}`,
    url: 'https://example.com/article',
  };
  const result = await page.evaluate(async (articleJson) => {
    const { mount } = await import('/news-impact.js');
    const el = document.getElementById('slot');
    const done = new Promise((resolve) => {
      el.addEventListener('news-impact:ready', () => resolve('ready'), { once: true });
      el.addEventListener('news-impact:error', (e) => resolve(e.detail), { once: true });
    });
    mount(el, { article: articleJson });
    const outcome = await done;
    await new Promise((r) => setTimeout(r, 300));
    const root = el.shadowRoot;
    return {
      outcome,
      links: [...root.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel') })),
      dangerous: root.querySelectorAll('img, svg image, picture, source, video, iframe, object, embed, script, [style]').length,
      javascript: root.innerHTML.toLowerCase().includes('href="javascript:'),
      text: root.textContent.length,
    };
  }, JSON.stringify(article));
  await page.waitForTimeout(200);
  assert.equal(result.outcome, 'ready', JSON.stringify(result.outcome));
  assert.ok(result.text > 0);
  assert.equal(result.dangerous, 0, 'no media, frames, scripts or style attributes from the article reach the DOM');
  assert.equal(result.javascript, false);
  // The safe links survive (the source link to the article url, the https link in body_html).
  assert.ok(result.links.some((l) => l.href === 'https://example.com/ok'), JSON.stringify(result.links));
  assert.ok(result.links.some((l) => l.href === 'https://example.com/article'), JSON.stringify(result.links));
  for (const link of result.links) {
    assert.match(link.href, /^https?:\/\//i, `link ${JSON.stringify(link)}`);
    for (const word of ['noopener', 'noreferrer', 'nofollow']) assert.ok((link.rel || '').split(/\s+/).includes(word), JSON.stringify(link));
  }
  assert.deepEqual(trapHits, [], 'the image server was contacted');
  assert.deepEqual(requests.filter((u) => u.startsWith(trap.url)), []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('wasm memory stays bounded over 1,000 analyses through the JS API', { timeout: 180_000 }, async () => {
  const { page, problems } = await open(`${site.url}/api.html`);
  const samples = await page.evaluate(async () => {
    const { mount, memoryBytes } = await import('/news-impact.js');
    const el = document.getElementById('slot');
    const names = ['Apple', 'Microsoft', 'Nvidia', 'Tesla', 'Amazon', 'Alphabet', 'Meta', 'Intel'];
    const verbs = ['rose', 'fell', 'jumped', 'slumped', 'held steady', 'beat estimates', 'missed forecasts'];
    const article = (i) => ({
      title: `${names[i % names.length]} update number ${i}`,
      body: Array.from({ length: 1 + (i % 7) }, (_, p) => `${names[(i + p) % names.length]} shares ${verbs[(i * 3 + p) % verbs.length]} on day ${i}. `
        + `${names[(i + p + 1) % names.length]} ${verbs[(i + p) % verbs.length]} after the report ${p}.`.repeat(1 + ((i + p) % 5))),
    });
    let next = null;
    el.addEventListener('news-impact:ready', () => next?.());
    const analysed = () => new Promise((r) => { next = r; });
    let wait = analysed();
    const handle = mount(el, { article: article(0), tickers: [] });
    await wait;
    const out = [{ n: 1, bytes: await memoryBytes() }];
    for (let i = 1; i < 1000; i += 1) {
      wait = analysed();
      handle.update({ article: article(i), explain: i % 2 === 0 });
      await wait;
      if ((i + 1) % 100 === 0) out.push({ n: i + 1, bytes: await memoryBytes() });
    }
    handle.destroy();
    return out;
  });
  const report = samples.map((s) => `${String(s.n).padStart(5)} analyses: ${s.bytes} bytes`).join('\n');
  fs.writeFileSync(path.join(ARTIFACTS, 'memory.txt'), `${report}\n`);
  console.log(report);
  const at500 = samples.find((s) => s.n === 500).bytes;
  const at1000 = samples.find((s) => s.n === 1000).bytes;
  assert.equal(samples.length, 11);
  assert.ok(at1000 - at500 <= 256 * 1024, `wasm memory grew by ${at1000 - at500} bytes over the last 500 analyses`);
  assert.ok(at1000 <= 32 * 1024 * 1024, `wasm memory is ${at1000} bytes after 1,000 analyses`);
  assert.deepEqual(problems, []);
  await page.close();
});
