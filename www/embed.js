// iframe mode: embed.html?src=<article url>&theme=&layout=&tickers=&explain=&origin=<parent origin>
// mounts one widget and posts {type: 'news-impact:resize', height} to the parent whenever its
// height changes (ResizeObserver), plus each widget event as {type: 'news-impact:ready' |
// 'news-impact:error' | 'news-impact:select', detail}. Messages go only to the target origin:
// `origin` if given, else the origin of the embedding page (document.referrer), else '*'
// (then only heights and public analysis data are sent, never anything of the parent's).
import { mount } from './news-impact.js';

const params = new URLSearchParams(location.search);
const option = (name) => params.get(name) ?? undefined;

function targetOrigin() {
  const given = params.get('origin');
  if (given) return given;
  try { if (document.referrer) return new URL(document.referrer).origin; } catch { /* ignored */ }
  return '*';
}

const origin = targetOrigin();
const post = (message) => { if (window.parent !== window) window.parent.postMessage(message, origin); };
const host = document.getElementById('news-impact');

for (const type of ['news-impact:ready', 'news-impact:error', 'news-impact:select']) {
  host.addEventListener(type, (event) => post({ type, detail: event.detail }));
}

let lastHeight = -1;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== lastHeight) { lastHeight = height; post({ type: 'news-impact:resize', height }); }
}).observe(document.body);

mount(host, {
  src: option('src'),
  theme: option('theme'),
  layout: option('layout'),
  tickers: option('tickers'),
  explain: params.has('explain') && params.get('explain') !== 'false',
});
