// Browser benchmark (bench/browser/index.html, driven by bench/browser/run.mjs): loads the built
// bundle's wasm glue, then measures (1) `analyze_json` on a 1,000-word article made of the shared
// headlines, median of 30 runs after warm-up, and (2) the longest main-thread task while a 1 MB
// text is analysed in one call (the freeze the widget avoids by analysing long texts in slices:
// see run.mjs for the widget itself). Results go to window.benchResult and #out.
import init, { analyze_json as analyzeJson } from '/news-impact-web.js';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Schema-v1 JSON of an article of `words` words (or `bytes` bytes), paragraphs of ~100 words. */
function article(headlines, { words = Infinity, bytes = Infinity }) {
  const paragraphs = []; let para = []; let count = 0; let size = 0;
  for (let i = 0; count < words && size < bytes; i++) {
    const h = headlines[i % headlines.length];
    para.push(h); count += h.split(/\s+/).length; size += h.length + 1;
    if (para.join(' ').split(/\s+/).length >= 100) { paragraphs.push(para.join(' ')); para = []; }
  }
  if (para.length) paragraphs.push(para.join(' '));
  return JSON.stringify({ title: 'Markets wrap: the day\'s company news', body: paragraphs });
}

/** Runs `work` (which may be async) and reports the long tasks (> 50 ms) seen meanwhile. */
async function watchLongTasks(work) {
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  const t0 = performance.now();
  const out = await work();
  const total = performance.now() - t0;
  // Long-task entries are delivered after the task ends: give the observer two frames.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { total, longTasks: tasks.length, longestTask: tasks.length ? Math.max(...tasks) : 0, out };
}

async function main() {
  await init({ module_or_path: '/news-impact-web_bg.wasm' });
  const headlines = (await (await fetch('/bench/headlines.txt')).text()).split('\n').filter(Boolean);
  const result = {};

  // 1. A 1,000-word article: parse + analysis + result serialisation, as the widget's service does.
  const json1000 = article(headlines, { words: 1000 });
  // Warm-up: 20 runs, then a pause, so that V8 has finished moving the hot wasm functions from
  // its baseline compiler to the optimising one before the timed runs (steady state).
  for (let i = 0; i < 20; i++) analyzeJson(json1000);
  await new Promise((r) => setTimeout(r, 500));
  const runs = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    analyzeJson(json1000);
    runs.push(performance.now() - t0);
  }
  const words = JSON.parse(json1000).body.join(' ').split(/\s+/).length + 6;
  result.article1000 = { words, bytes: json1000.length, runs: runs.length, median: median(runs), min: Math.min(...runs), max: Math.max(...runs) };

  // 2. A 1 MB text analysed in one call (what the widget's slicing avoids).
  const json1mb = article(headlines, { bytes: 1_000_000 });
  result.large = [];
  // Let the task that built the inputs end, so the long tasks seen below are the analyses only.
  await new Promise((r) => setTimeout(r, 100));
  const main = await watchLongTasks(async () => analyzeJson(json1mb).length);
  await new Promise((r) => setTimeout(r, 100));
  result.large.push({ what: `1 MB text (${json1mb.length} B JSON) analysed in one call (analyze_json)`, total: main.total, longTasks: main.longTasks, longestTask: main.longestTask });
  return result;
}

main().then((r) => { window.benchResult = r; document.getElementById('out').textContent = JSON.stringify(r, null, 2); },
  (e) => { window.benchResult = { error: String(e && e.stack || e) }; document.getElementById('out').textContent = String(e); });
