// Shared helpers of the panel tests: a server for dist/ plus the test-only host page in
// fixtures/, and small readers of the widget's shadow DOM.
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';

export const LABELS = ['Bearish', 'Somewhat-Bearish', 'Neutral', 'Somewhat-Bullish', 'Bullish'];
const FIXTURES = path.resolve('tests/e2e/fixtures');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Serves dist/ with /fixtures/<file> from tests/e2e/fixtures. */
export function serveWithFixtures() {
  const routes = {};
  for (const name of fs.readdirSync(FIXTURES)) {
    routes[`/fixtures/${name}`] = (req, res) => {
      res.writeHead(200, { 'content-type': TYPES[path.extname(name)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(fs.readFileSync(path.join(FIXTURES, name)));
    };
  }
  return serve({ root: 'dist', routes });
}

/** URL of the fixture host page with the given widget options. */
export function fixtureUrl(site, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return `${site.url}/fixtures/panel.html?${q}`;
}

/** The element inside the widget's shadow root that has focus (its class and data). */
export function activeInWidget(page) {
  return page.evaluate(() => {
    const host = document.querySelector('#news-impact, #host');
    const el = host?.shadowRoot?.activeElement;
    return el ? { tag: el.tagName, cls: el.className, sentence: el.dataset.sentence ?? null, expanded: el.getAttribute('aria-expanded') } : null;
  });
}

/** Bounding boxes (page coordinates) of the article and the panel. */
export async function boxes(page) {
  const article = await page.locator('.ni-article').boundingBox();
  const panel = await page.locator('.ni-panel').boundingBox();
  return { article, panel };
}

/** Polls `fn` until it returns a truthy value or `ms` pass; returns the last value. */
export async function until(fn, ms = 3000) {
  const end = Date.now() + ms;
  let value;
  while (Date.now() < end) {
    value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  return value;
}
