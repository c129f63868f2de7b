// The impact panel as a reader uses it: layouts by container width, themes, keyboard,
// evidence selection, mention highlighting, the explain tint and contrast.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openPage, ARTIFACTS } from './browser.mjs';
import { LABELS, serveWithFixtures, fixtureUrl, activeInWidget, boxes, until } from './panel-helpers.mjs';

let site; let browser;
before(async () => { site = await serveWithFixtures(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

async function open(url, viewport, scheme = 'light') {
  const { page, problems } = await openPage(browser.context, { viewport });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url);
  await page.waitForSelector('.ni-row[data-symbol]');
  return { page, problems };
}

test('wide container: article and panel side by side (light screenshot)', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 1280, height: 900 });
  const { article, panel } = await boxes(page);
  assert.ok(panel.x >= article.x + article.width, `panel ${JSON.stringify(panel)} not right of article ${JSON.stringify(article)}`);
  assert.ok(Math.abs(panel.y - article.y) < 40, 'panel and article start at the same height');
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-light.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('dark scheme follows prefers-color-scheme (dark screenshot)', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 1280, height: 900 }, 'dark');
  const bg = await page.locator('.ni-root').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, 'rgb(21, 24, 29)');
  await page.locator('.ni-row-head').first().click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-dark.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('theme option overrides prefers-color-scheme both ways', async () => {
  for (const [theme, scheme, expected] of [['dark', 'light', 'rgb(21, 24, 29)'], ['light', 'dark', 'rgb(255, 255, 255)']]) {
    const { page, problems } = await open(fixtureUrl(site, { theme }), { width: 1000, height: 800 }, scheme);
    const bg = await page.locator('.ni-root').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, expected, `theme ${theme} under ${scheme} scheme`);
    // a host overrides a documented property on the host element, across the shadow boundary
    await page.evaluate(() => document.querySelector('#host').style.setProperty('--ni-fg', 'rgb(1, 2, 3)'));
    assert.equal(await page.locator('.ni-title').evaluate((el) => getComputedStyle(el).color), 'rgb(1, 2, 3)');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('narrow container (~500 px): stacked, article first (screenshot)', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 500, height: 900 });
  const { article, panel } = await boxes(page);
  assert.ok(panel.y >= article.y + article.height - 1, 'panel below the article');
  assert.ok(panel.width > 400, 'panel takes the full width');
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-narrow.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('compact (~320 px sidebar): panel first, rows fit (screenshot)', async () => {
  const { page, problems } = await open(fixtureUrl(site, { width: 320 }), { width: 800, height: 900 });
  const { article, panel } = await boxes(page);
  assert.ok(article.y >= panel.y + panel.height - 1, 'article below the panel in compact mode');
  const overflow = await page.locator('.ni-row-head').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  assert.equal(overflow, 0, 'no row overflows its width');
  await page.locator('.ni-row-head').first().click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-compact.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('layout option forces stacked and compact in a wide container', async () => {
  const stacked = await open(fixtureUrl(site, { layout: 'stacked' }), { width: 1280, height: 900 });
  let b = await boxes(stacked.page);
  assert.ok(b.panel.y >= b.article.y + b.article.height - 1, 'stacked: panel below article');
  assert.deepEqual(stacked.problems, []);
  const compact = await open(fixtureUrl(site, { layout: 'compact' }), { width: 1280, height: 900 });
  b = await boxes(compact.page);
  assert.ok(b.panel.width <= 400, `compact panel is sidebar-wide, got ${b.panel.width}`);
  assert.ok(b.article.y >= b.panel.y + b.panel.height - 1, 'compact: panel first');
  assert.deepEqual(compact.problems, []);
  const side = await open(fixtureUrl(site, { layout: 'side-by-side', width: 700 }), { width: 800, height: 900 });
  b = await boxes(side.page);
  assert.ok(b.panel.x >= b.article.x + b.article.width, 'side-by-side forced below 760 px');
  assert.deepEqual(side.problems, []);
});

test('rows carry valid labels, an SVG score bar, a relevance meter and a mention count', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 1280, height: 900 });
  const rows = await page.locator('.ni-row').evaluateAll((els) => els.map((li) => ({
    tag: li.tagName,
    parent: li.parentElement.tagName,
    symbol: li.dataset.symbol,
    label: li.dataset.label,
    labelText: li.querySelector('.ni-label').textContent,
    icon: li.querySelector('.ni-label .ni-icon').textContent,
    rect: Number(li.querySelector('svg.ni-bar rect.ni-bar-fill').getAttribute('width')),
    x: Number(li.querySelector('svg.ni-bar rect.ni-bar-fill').getAttribute('x')),
    score: li.querySelector('.ni-score').textContent,
    meter: Number(li.querySelector('meter.ni-relevance').value),
    mentions: li.querySelector('.ni-mentions').textContent,
    styled: li.querySelectorAll('[style]').length,
  })));
  assert.ok(rows.length >= 3);
  for (const r of rows) {
    assert.equal(r.tag, 'LI'); assert.equal(r.parent, 'UL');
    assert.ok(LABELS.includes(r.label), `bad label ${r.label}`);
    assert.ok(r.labelText.toLowerCase().includes(r.label.replace('-', ' ').toLowerCase()), `label text ${r.labelText} for ${r.label}`);
    assert.ok(r.icon.trim().length > 0, 'label has an icon');
    const score = Number(r.score.replace('\u2212', '-'));
    assert.ok(Math.abs(r.rect - Math.abs(score) * 50) < 0.6, `bar width ${r.rect} for score ${r.score}`);
    assert.ok(score < 0 ? Math.abs(r.x + r.rect - 50) < 0.01 : r.x === 50, 'bar starts at the centre');
    assert.ok(r.meter > 0 && r.meter <= 1, `relevance ${r.meter}`);
    assert.match(r.mentions, /^\d+ mentions?$/);
    assert.equal(r.styled, 0, 'no style attributes');
  }
  const overall = await page.locator('.ni-overall-summary').textContent();
  assert.ok(overall.length > 5, 'overall line shown');
  const live = await page.locator('[aria-live="polite"]').textContent();
  assert.match(live, /Analysis ready: \d+ compan/);
  assert.deepEqual(problems, []);
});

test('keyboard: Tab reaches rows, Enter and Space expand, evidence items are focusable', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 1280, height: 900 });
  let active = null;
  for (let i = 0; i < 30 && !(active?.cls || '').includes('ni-row-head'); i++) {
    await page.keyboard.press('Tab');
    active = await activeInWidget(page);
  }
  assert.ok(active?.cls.includes('ni-row-head'), 'Tab reaches the first row');
  assert.equal(active.expanded, 'false');
  const symbol = await page.evaluate(() => document.querySelector('#news-impact').shadowRoot.activeElement.closest('li').dataset.symbol);
  const marked = page.locator(`mark.ni-mention-on`);
  assert.ok(await marked.count() > 0, `focusing ${symbol} highlights its mentions`);
  await page.keyboard.press('Enter');
  assert.equal((await activeInWidget(page)).expanded, 'true', 'Enter expands');
  await page.keyboard.press('Tab');
  active = await activeInWidget(page);
  assert.ok(active.cls.includes('ni-ev'), `Tab moves into the evidence, got ${JSON.stringify(active)}`);
  assert.ok(active.sentence !== null);
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-keyboard.png') });
  await page.keyboard.press('Enter');
  const selected = await until(() => page.locator(`.ni-sent-selected[data-sentence="${active.sentence}"]`).count());
  assert.equal(selected, 1, 'Enter on evidence selects its sentence');
  await page.keyboard.press('Escape');
  active = await activeInWidget(page);
  assert.ok(active.cls.includes('ni-row-head') && active.expanded === 'false', `Escape closes the row and refocuses it: ${JSON.stringify(active)}`);
  await page.keyboard.press(' ');
  assert.equal((await activeInWidget(page)).expanded, 'true', 'Space expands');
  await page.keyboard.press(' ');
  assert.equal((await activeInWidget(page)).expanded, 'false', 'Space collapses');
  // every row head is a focusable button
  const heads = await page.locator('.ni-row-head').evaluateAll((els) => els.map((e) => e.tagName + e.tabIndex));
  for (const h of heads) assert.equal(h, 'BUTTON0');
  assert.deepEqual(problems, []);
});

test('selecting an evidence sentence scrolls the article to it and highlights it', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 1100, height: 500 });
  const rows = page.locator('.ni-row');
  const n = await rows.count();
  // pick the evidence that lies furthest down the article
  let best = null;
  for (let i = 0; i < n; i++) {
    await rows.nth(i).locator('.ni-row-head').click();
    const evs = await rows.nth(i).locator('.ni-ev').evaluateAll((els) => els.map((e) => Number(e.dataset.sentence)));
    for (const s of evs) if (!best || s > best.sentence) best = { row: i, sentence: s };
  }
  assert.ok(best, 'some row has evidence');
  await rows.nth(best.row).locator('.ni-row-head').click();
  await rows.nth(best.row).locator(`.ni-ev[data-sentence="${best.sentence}"]`).click();
  const sel = page.locator(`.ni-sent[data-sentence="${best.sentence}"]`);
  await until(() => sel.evaluate((el) => el.classList.contains('ni-sent-selected')));
  const inView = await until(() => sel.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
  }));
  assert.ok(inView, 'the sentence is scrolled into view');
  assert.equal(await page.locator('.ni-sent-selected').count(), 1, 'exactly one sentence highlighted');
  const current = await page.locator('.ni-ev[aria-current="true"]').count();
  assert.equal(current, 1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-evidence-selected.png') });
  assert.deepEqual(problems, []);
});

test('hovering a row highlights exactly that entity\'s mentions; clicking a mention opens its row', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 1280, height: 900 });
  const row = page.locator('.ni-row').first();
  const entity = await row.getAttribute('data-entity');
  const total = await page.locator(`mark.ni-mention[data-entity="${entity}"]`).count();
  assert.ok(total > 0);
  await row.hover();
  const on = await page.locator('mark.ni-mention-on').evaluateAll((els) => els.map((e) => e.dataset.entity));
  assert.ok(on.length >= total && on.every((e) => e === entity), `highlighted ${on}`);
  await page.mouse.move(5, 5);
  await until(async () => (await page.locator('mark.ni-mention-on').count()) === 0);
  const second = page.locator('.ni-row').nth(1);
  const other = await second.getAttribute('data-entity');
  await page.locator(`mark.ni-mention[data-entity="${other}"]`).first().click();
  assert.equal(await second.locator('.ni-row-head').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(problems, []);
});

test('explain tints cue words in the whole article, coloured and titled by sign', async () => {
  const { page, problems } = await open(`${site.url}/`, { width: 1280, height: 900 });
  assert.equal(await page.locator('.ni-article .ni-cue').count(), 0, 'no tint before explain');
  await page.locator('.ni-explain-toggle').click();
  assert.equal(await page.locator('.ni-explain-toggle').getAttribute('aria-pressed'), 'true');
  const cues = await page.locator('.ni-article .ni-para .ni-cue, .ni-article .ni-title .ni-cue').evaluateAll((els) => els.map((e) => ({ cls: e.className, title: e.title })));
  assert.ok(cues.length > 0, 'cues are tinted');
  for (const c of cues) {
    const m = c.cls.match(/ni-cue-(pos|neg)-([123])/);
    assert.ok(m, `tint class in ${c.cls}`);
    assert.match(c.title, m[1] === 'pos' ? /raises the raw score by \+/ : /lowers the raw score by \u2212/);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-explain.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('text meets WCAG AA contrast in both themes', async () => {
  for (const theme of ['light', 'dark']) {
    const { page, problems } = await open(fixtureUrl(site, { theme }), { width: 1280, height: 900 });
    await page.locator('.ni-row-head').first().click();
    const worst = await page.evaluate(() => {
      const root = document.querySelector('#host').shadowRoot;
      const rgb = (s) => s.match(/[\d.]+/g).slice(0, 4).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
        .reduce((acc, c, i) => acc + c * [0.2126, 0.7152, 0.0722][i], 0);
      const bgOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length < 4 || c[3] > 0) return c;
        }
        return [255, 255, 255];
      };
      const out = [];
      for (const el of root.querySelectorAll('.ni-title, .ni-para, .ni-byline, .ni-name, .ni-symbol, .ni-label, .ni-score, .ni-mentions, .ni-kind, .ni-overall-summary, .ni-ev-text, .ni-ev-score, .ni-ev-math, .ni-panel-title, .ni-explain-toggle, .ni-more')) {
        const fg = lum(rgb(getComputedStyle(el).color)); const bg = lum(bgOf(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        out.push({ cls: el.className, ratio });
      }
      return out.sort((a, b) => a.ratio - b.ratio).slice(0, 3);
    });
    assert.ok(worst.length > 0);
    assert.ok(worst[0].ratio >= 4.5, `${theme}: lowest contrast ${JSON.stringify(worst)}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
