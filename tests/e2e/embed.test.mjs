// Embedding: <news-impact> elements and the JS API on a host page served from one loopback origin,
// with the bundle (news-impact.js, glue, wasm) served from another origin, under a sub-path
// (/dist/), with CORS headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

const SECOND_ARTICLE = fs.readFileSync('www/articles/embed-demo.json', 'utf8');
const HOSTILE_CSS = '* { all: unset !important; color: red !important; font-size: 40px !important; }\n'
  + 'news-impact { font-family: "Comic Sans MS", cursive !important; line-height: 3 !important; text-transform: uppercase !important; letter-spacing: 5px !important; }\n';
const EVENTS = ['news-impact:ready', 'news-impact:error', 'news-impact:select'];

let bundle; let host; let browser; let base;

/** A host page with widget-a (default article) and widget-b (inline second article). */
function hostPage({ hostile = false, widgets = true } = {}) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/host.css">${hostile ? '<link rel="stylesheet" href="/hostile.css">' : ''}
${widgets ? `<script type="module" src="${base}/news-impact.js"></script>` : ''}
</head><body>
<p id="outside">Host text <span class="ni-symbol">host span</span></p>
<ul><li class="ni-row" id="host-row">host list item</li></ul>
<div class="col"><news-impact id="widget-a" theme="light"></news-impact></div>
<div class="col"><news-impact id="widget-b" theme="light"><script type="application/json">${SECOND_ARTICLE}</script></news-impact></div>
</body></html>`;
}

function html(body, extra = {}) {
  return (_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...extra }); res.end(body); };
}

before(async () => {
  bundle = await serve({ root: '.', headers: { 'access-control-allow-origin': '*' } });
  base = `${bundle.url}/dist`;
  const csp = () => `default-src 'none'; script-src 'self' ${bundle.url} 'wasm-unsafe-eval'; style-src 'self'; `
    + `connect-src ${bundle.url}; frame-src ${bundle.url}; img-src 'self' data:`;
  const text = (type, body) => (_req, res) => { res.writeHead(200, { 'content-type': type }); res.end(body); };
  host = await serve({
    root: 'tests/e2e', // nothing from here is used; every page is a route
    routes: {
      '/': (req, res) => html(hostPage({}), { 'content-security-policy': csp() })(req, res),
      '/hostile': (req, res) => html(hostPage({ hostile: true }), { 'content-security-policy': csp() })(req, res),
      '/plain': (req, res) => html(hostPage({ widgets: false }), { 'content-security-policy': csp() })(req, res),
      '/host.css': text('text/css', 'html, body { margin: 0; padding: 0; } .col { display: block; width: 900px; }\n'
        + '#widget-a { --ni-fg: rgb(1, 2, 3); } #widget-a::part(row) { outline: 2px solid rgb(4, 5, 6); }'),
      '/hostile.css': text('text/css', HOSTILE_CSS),
      '/frame': (req, res) => html(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>frame host</title><link rel="icon" href="data:,">
<script type="module" src="/frame.js"></script></head><body>
<iframe id="good" title="news-impact widget" src="${base}/embed.html?origin=${encodeURIComponent(host.url)}"></iframe>
<iframe id="wrong" title="news-impact widget, wrong origin" src="${base}/embed.html?origin=${encodeURIComponent('http://127.0.0.1:9')}"></iframe>
</body></html>`, { 'content-security-policy': csp() })(req, res),
      // The README's host snippet, plus a record of what arrived.
      '/frame.js': text('text/javascript', `window.__messages = [];
window.addEventListener('message', (event) => {
  if (event.origin !== ${JSON.stringify(bundle.url)}) return;
  const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === event.source);
  window.__messages.push({ frame: frame && frame.id, type: event.data.type, height: event.data.height });
  if (frame && event.data.type === 'news-impact:resize') frame.style.height = event.data.height + 'px';
});`),
    },
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await host?.close(); await bundle?.close(); });

/** Opens `url` recording every widget event and CSP violation from the start. */
async function open(url) {
  const { page, problems } = await openPage(browser.context);
  await page.addInitScript((events) => {
    window.__events = [];
    window.__csp = [];
    for (const type of events) {
      document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, detail: e.detail }));
    }
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  }, EVENTS);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, problems, requests };
}

const symbolsOf = (page, id) => page.$$eval(`#${id} [data-symbol]`, (els) => els.map((e) => e.dataset.symbol));
const events = (page) => page.evaluate(() => window.__events);

async function readyTwo(page) {
  await page.waitForSelector('#widget-a [data-symbol]');
  await page.waitForSelector('#widget-b [data-symbol]');
  await page.waitForFunction(() => window.__events.filter((e) => e.type === 'news-impact:ready').length >= 2);
}

test('two widgets on different articles render their own rows and fire two ready events', { timeout: 60_000 }, async () => {
  const { page, problems, requests } = await open(`${host.url}/`);
  await readyTwo(page);
  const a = await symbolsOf(page, 'widget-a');
  const b = await symbolsOf(page, 'widget-b');
  assert.ok(a.includes('MSFT'), `widget-a rows ${a}`);
  assert.ok(b.includes('META') && b.includes('NVDA'), `widget-b rows ${b}`);
  assert.ok(!b.includes('MSFT'), `widget-b shows MSFT from the other article: ${b}`);
  const ready = (await events(page)).filter((e) => e.type === 'news-impact:ready');
  assert.deepEqual(ready.map((e) => e.id).sort(), ['widget-a', 'widget-b']);
  for (const e of ready) {
    const rows = e.id === 'widget-a' ? a : b;
    // The detail lists every entity; the panel may collapse low-relevance ones behind "show more".
    const all = e.detail.entities.map((x) => x.symbol || x.id);
    assert.deepEqual(all.filter((s) => rows.includes(s)), rows, `${e.id} ready detail matches its rows`);
    assert.ok(['Bearish', 'Somewhat-Bearish', 'Neutral', 'Somewhat-Bullish', 'Bullish'].includes(e.detail.overall.label));
  }
  // Each widget has its own shadow root; the wasm was fetched once, from the bundle origin.
  assert.equal(await page.evaluate(() => document.querySelectorAll('news-impact').length), 2);
  assert.equal(await page.$$eval('news-impact', (els) => els.filter((e) => e.shadowRoot).length), 2);
  assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1, requests.join('\n'));
  assert.ok(requests.some((u) => u === `${base}/news-impact.js`));
  // Theming crosses the boundary only through --ni-* properties and ::part() names.
  const themed = await page.evaluate(() => {
    const style = (id, sel) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector(sel));
    return { aColor: style('widget-a', '.ni-root').color, aOutline: style('widget-a', '[part~="row"]').outlineColor,
      bColor: style('widget-b', '.ni-root').color, bOutline: style('widget-b', '[part~="row"]').outlineStyle };
  });
  assert.equal(themed.aColor, 'rgb(1, 2, 3)');
  assert.equal(themed.aOutline, 'rgb(4, 5, 6)');
  assert.notEqual(themed.bColor, 'rgb(1, 2, 3)');
  assert.equal(themed.bOutline, 'none');
  // Selecting a row tells the host which entity was chosen.
  await page.click('#widget-b [data-symbol="NVDA"] button');
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'news-impact:select'));
  const select = (await events(page)).find((e) => e.type === 'news-impact:select');
  assert.equal(select.id, 'widget-b');
  assert.equal(select.detail.symbol, 'NVDA');
  assert.equal(select.detail.expanded, true);
  assert.equal(select.detail.entity.symbol, 'NVDA');
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-two-widgets.png'), fullPage: true });
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('changing attributes or the inline article updates the widget', { timeout: 60_000 }, async () => {
  const { page, problems } = await open(`${host.url}/`);
  await readyTwo(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.getElementById('widget-a').shadowRoot.querySelector('.ni-root')).backgroundColor);
  const light = await bg();
  await page.evaluate(() => document.getElementById('widget-a').setAttribute('theme', 'dark'));
  await page.waitForFunction((before) => getComputedStyle(document.getElementById('widget-a').shadowRoot.querySelector('.ni-root')).backgroundColor !== before, light);
  assert.notEqual(await bg(), light);
  // The tickers filter narrows the rows.
  await page.evaluate(() => document.getElementById('widget-a').setAttribute('tickers', 'nvda, MSFT'));
  await page.waitForFunction(() => document.getElementById('widget-a').shadowRoot.querySelectorAll('[data-symbol]').length === 2);
  assert.deepEqual((await symbolsOf(page, 'widget-a')).sort(), ['MSFT', 'NVDA']);
  await page.evaluate(() => document.getElementById('widget-a').removeAttribute('tickers'));
  // Compact layout: a sidebar-wide panel, placed before the article.
  await page.evaluate(() => document.getElementById('widget-b').setAttribute('layout', 'compact'));
  await page.waitForFunction(() => {
    const root = document.getElementById('widget-b').shadowRoot;
    const panel = root.querySelector('.ni-panel').getBoundingClientRect();
    const article = root.querySelector('.ni-article').getBoundingClientRect();
    return panel.width <= 400 && article.top >= panel.bottom - 1;
  });
  // A new inline article is analysed and announced.
  const before = (await events(page)).length;
  await page.evaluate((json) => {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = json;
    document.getElementById('widget-a').append(script);
  }, SECOND_ARTICLE);
  await page.waitForFunction(() => [...document.getElementById('widget-a').shadowRoot.querySelectorAll('[data-symbol]')].some((e) => e.dataset.symbol === 'META'));
  const after = (await events(page)).slice(before);
  assert.ok(after.some((e) => e.type === 'news-impact:ready' && e.id === 'widget-a'), JSON.stringify(after.map((e) => e.type)));
  assert.ok(!(await symbolsOf(page, 'widget-a')).includes('MSFT'));
  // A broken inline article gives an error event and an alert, not a blank widget.
  await page.evaluate(() => { document.querySelector('#widget-a script').textContent = '{"title": 1'; });
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'news-impact:error' && e.id === 'widget-a'));
  const error = (await events(page)).find((e) => e.type === 'news-impact:error');
  assert.equal(typeof error.detail.code, 'string');
  assert.ok(error.detail.message.length > 0);
  assert.ok(await page.$('#widget-a [role="alert"]'));
  // The other widget is independent of that failure.
  assert.ok((await symbolsOf(page, 'widget-b')).includes('META'));
  assert.equal(await page.$('#widget-b [role="alert"]'), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('removing an element tears its widget down; the JS API mounts and destroys too', { timeout: 60_000 }, async () => {
  const { page, problems } = await open(`${host.url}/`);
  await readyTwo(page);
  const result = await page.evaluate(async () => {
    const b = document.getElementById('widget-b');
    b.remove();
    const shadowAfterRemove = b.shadowRoot.childNodes.length;
    const sheetsAfterRemove = b.shadowRoot.adoptedStyleSheets.length;
    const count = window.__events.length;
    // A detached element no longer reacts to anything.
    b.setAttribute('theme', 'dark');
    b.querySelector('script').textContent = '{"title": "x", "body": "Nvidia rallied."}';
    await new Promise((r) => setTimeout(r, 300));
    return { shadowAfterRemove, sheetsAfterRemove, eventsAfter: window.__events.length - count, attrs: b.getAttributeNames() };
  });
  assert.equal(result.shadowAfterRemove, 0, 'shadow root emptied');
  assert.equal(result.sheetsAfterRemove, 0, 'stylesheet released');
  assert.equal(result.eventsAfter, 0, 'no events after removal');
  assert.ok(!result.attrs.some((a) => a.startsWith('data-ni-')), `reflected attributes left: ${result.attrs}`);
  // widget-a is unaffected.
  assert.ok((await symbolsOf(page, 'widget-a')).includes('MSFT'));

  // The JS API: mount, update, destroy; repeated cycles do not grow the wasm memory.
  const api = await page.evaluate(async (url) => {
    const { mount, ready } = await import(url);
    const el = document.createElement('div');
    document.body.append(el);
    const got = new Promise((r) => el.addEventListener('news-impact:ready', (e) => r(e.detail), { once: true }));
    const handle = mount(el, { article: { title: 'Nvidia note', body: 'Nvidia shares rose after strong results.' }, theme: 'dark' });
    await handle.ready;
    const detail = await got;
    const rows = [...el.shadowRoot.querySelectorAll('[data-symbol]')].map((e) => e.dataset.symbol);
    handle.destroy();
    const emptied = el.shadowRoot.childNodes.length === 0;
    const memory = async () => (await ready()).memory.buffer.byteLength;
    const cycle = async (n) => {
      for (let i = 0; i < n; i += 1) {
        const h = mount(el, { article: { title: `Note ${i}`, body: 'Microsoft and Nvidia shares moved after the results.' } });
        await h.ready; h.destroy();
      }
    };
    await cycle(30);
    const m1 = await memory();
    await cycle(300);
    const m2 = await memory();
    // An option the widget does not know is named in an error event, not silently dropped.
    const other = document.createElement('div');
    document.body.append(other);
    const refused = new Promise((r) => other.addEventListener('news-impact:error', (e) => r(e.detail), { once: true }));
    mount(other, { colour: 'teal' });
    const bad = await refused;
    // ...and a later update with valid options mounts the widget after all.
    const h = mount(other, { colour: 'teal' });
    await h.ready.catch(() => {});
    const recovered = new Promise((r) => other.addEventListener('news-impact:ready', () => r(true), { once: true }));
    h.update({ theme: 'dark' });
    bad.recovered = await recovered;
    h.destroy();
    return { rows, entities: detail.entities.map((e) => e.symbol), emptied, m1, m2, bad };
  }, `${base}/news-impact.js`);
  assert.ok(api.rows.includes('NVDA'), JSON.stringify(api));
  assert.deepEqual(api.entities, api.rows);
  assert.ok(api.emptied);
  assert.equal(api.bad.code, 'bad-options');
  assert.match(api.bad.message, /colour/);
  assert.equal(api.bad.recovered, true);
  // Yew keeps ~650 bytes per destroyed app (measured on main's foundation build too); keeping a
  // widget's analysis or DOM state alive would cost far more per cycle than this bound.
  assert.ok((api.m2 - api.m1) / 300 < 2048, `wasm memory grew from ${api.m1} to ${api.m2} over 300 mount/destroy cycles`);
  assert.deepEqual(problems, []);
  await page.close();
});

const PROBES = [
  ['.ni-root', null], ['.ni-title', null], ['.ni-panel', null], ['.ni-row-head', null], ['.ni-symbol', null], ['.ni-para', null],
];
const PROPS = ['color', 'backgroundColor', 'fontSize', 'fontFamily', 'fontWeight', 'lineHeight', 'textTransform',
  'letterSpacing', 'display', 'borderTopWidth', 'paddingTop', 'marginTop', 'width'];

async function insideStyles(page) {
  return page.evaluate(({ probes, props }) => {
    const out = {};
    for (const id of ['widget-a', 'widget-b']) {
      const root = document.getElementById(id).shadowRoot;
      for (const [sel] of probes) {
        const el = root.querySelector(sel);
        if (!el) { out[`${id} ${sel}`] = 'missing'; continue; }
        const cs = getComputedStyle(el);
        out[`${id} ${sel}`] = Object.fromEntries(props.map((p) => [p, cs[p]]));
      }
    }
    return out;
  }, { probes: PROBES, props: PROPS });
}

test('hostile host CSS changes nothing inside the widget, and the widget changes nothing outside', { timeout: 60_000 }, async () => {
  const calm = await open(`${host.url}/`);
  await readyTwo(calm.page);
  const hostile = await open(`${host.url}/hostile`);
  await readyTwo(hostile.page);
  // Give both pages the same width for the host elements (the hostile CSS unsets the columns).
  for (const { page } of [calm, hostile]) {
    await page.evaluate(() => document.querySelectorAll('news-impact').forEach((e) => e.style.setProperty('width', '900px', 'important')));
  }
  const a = await insideStyles(calm.page);
  const b = await insideStyles(hostile.page);
  assert.deepEqual(b, a);
  assert.equal(a['widget-a .ni-title'].color === 'rgb(255, 0, 0)', false);
  const shotA = await calm.page.locator('#widget-a').screenshot({ path: path.join(ARTIFACTS, 'embed-calm-widget.png') });
  const shotB = await hostile.page.locator('#widget-a').screenshot({ path: path.join(ARTIFACTS, 'embed-hostile-widget.png') });
  // Text anti-aliasing may differ on a handful of pixels between two pages; layout or styling
  // changes from hostile CSS move thousands. Decode both shots in the browser and count.
  const differing = await calm.page.evaluate(async ([a, b]) => {
    const decode = async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      return ctx.getImageData(0, 0, bmp.width, bmp.height);
    };
    const [x, y] = [await decode(a), await decode(b)];
    if (x.width !== y.width || x.height !== y.height) return Infinity;
    let n = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) n += 1;
    }
    return n / (x.width * x.height);
  }, [shotA.toString('base64'), shotB.toString('base64')]);
  assert.ok(differing < 0.001, `the widget looks the same under hostile host CSS (${(differing * 100).toFixed(3)}% of pixels differ)`);
  await hostile.page.screenshot({ path: path.join(ARTIFACTS, 'embed-hostile-page.png'), fullPage: true });

  // Nothing leaks out: host elements named like widget classes look the same with or without widgets.
  const plain = await open(`${host.url}/plain`);
  const outside = (page) => page.evaluate(() => ['#outside', '#outside .ni-symbol', '#host-row'].map((s) => {
    const cs = getComputedStyle(document.querySelector(s));
    return [s, cs.color, cs.fontFamily, cs.fontSize, cs.fontWeight, cs.borderBottomWidth, cs.padding, cs.background];
  }));
  assert.deepEqual(await outside(calm.page), await outside(plain.page));
  assert.deepEqual(calm.problems, []);
  assert.deepEqual(hostile.problems, []);
  for (const p of [calm, hostile, plain]) await p.page.close();
});

test('the iframe embed posts its height to the parent origin it was given, and the parent resizes it', { timeout: 60_000 }, async () => {
  const { page, problems } = await open(`${host.url}/frame`);
  await page.waitForFunction(() => window.__messages.some((m) => m.frame === 'good' && m.type === 'news-impact:resize' && m.height > 300));
  await page.waitForFunction(() => document.getElementById('good').getBoundingClientRect().height > 300);
  const state = await page.evaluate(() => {
    const last = window.__messages.filter((m) => m.frame === 'good' && m.type === 'news-impact:resize').pop();
    return { last: last.height, frame: document.getElementById('good').clientHeight,
      wrong: document.getElementById('wrong').clientHeight,
      types: [...new Set(window.__messages.map((m) => m.type))], fromWrong: window.__messages.filter((m) => m.frame === 'wrong').length };
  });
  assert.equal(state.frame, state.last);
  assert.ok(state.types.includes('news-impact:ready'), state.types.join());
  assert.equal(state.fromWrong, 0, 'a frame told another target origin sends nothing here');
  assert.equal(state.wrong, 150, 'the unresized iframe keeps its default height');
  const frame = page.frameLocator('#good');
  assert.ok(await frame.locator('[data-symbol="MSFT"]').count() === 1);
  const title = await page.frame({ url: /embed\.html/ })?.title();
  assert.ok(title && title.length > 0, 'embed.html has a title');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the demo page: hostile CSS, two widgets, an iframe and an event log', { timeout: 60_000 }, async () => {
  const site = await serve({ root: 'dist' });
  const { page, problems } = await open(`${site.url}/embed-demo.html`);
  // Each step has its own time limit and, if it runs out, says which step and what the page
  // had logged by then (this test once timed out without saying where).
  const step = async (what, wait) => {
    try {
      await wait();
    } catch (err) {
      const state = await page.evaluate(() => ({
        log: [...document.querySelectorAll('#log li')].map((l) => l.textContent),
        frameHeight: document.getElementById('frame').getBoundingClientRect().height,
        frameSrc: document.getElementById('frame').src,
      })).catch((e) => String(e));
      throw new Error(`${what}: ${err.message}\npage state: ${JSON.stringify(state)}\nproblems: ${problems.join('\n')}`);
    }
  };
  const limit = { timeout: 15_000 };
  await step('widget 1 rows', () => page.waitForSelector('#widget-1 [data-symbol]', limit));
  await step('widget 2 rows', () => page.waitForSelector('#widget-2 [data-symbol]', limit));
  await step('three log lines', () => page.waitForFunction(() => document.querySelectorAll('#log li').length >= 3, null, limit));
  await step('iframe resized', () => page.waitForFunction(() => document.getElementById('frame').getBoundingClientRect().height > 300, null, limit));
  const log = await page.$$eval('#log li', (els) => els.map((e) => e.textContent));
  assert.ok(log.some((l) => l.startsWith('widget-1 news-impact:ready')), log.join('\n'));
  assert.ok(log.some((l) => l.startsWith('widget-2 news-impact:ready')), log.join('\n'));
  assert.ok(log.some((l) => l.startsWith('iframe news-impact:resize')), log.join('\n'));
  await step('screenshot', () => page.screenshot({ path: path.join(ARTIFACTS, 'embed-demo.png'), fullPage: true, timeout: 15_000 }));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await page.close();
  await site.close();
});
