// Collects one `make bench` run into a single table: the engine's criterion results
// (target/criterion), the npm peers (target/bench/peers.json), the browser page
// (target/bench/browser.json) and the size report (target/bench/size.json). Prints the table,
// writes it with the raw numbers to target/bench/summary.{md,json}, and draws
// bench/article-scaling.svg (analysis time against input size, log-log).
// usage: node bench/summary.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OUT = 'target/bench';
fs.mkdirSync(OUT, { recursive: true });
const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);

/** Per-iteration times (s) of one criterion benchmark, sorted, with its throughput. */
function criterion(id) {
  const dir = path.join('target/criterion', id, 'new');
  const sample = readJson(path.join(dir, 'sample.json'));
  const meta = readJson(path.join(dir, 'benchmark.json'));
  if (!sample || !meta) return null;
  const times = sample.times.map((t, i) => t / sample.iters[i] / 1e9).sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { id, median, min: times[0], max: times[times.length - 1], samples: times.length, throughput: meta.throughput };
}

const fmtTime = (s) => (s >= 1e-3 ? `${(s * 1e3).toFixed(2)} ms` : `${(s * 1e6).toFixed(1)} µs`);
const fmtRate = (r) => (r >= 1e4 ? `${Math.round(r).toLocaleString('en-US')}` : r.toFixed(0));
const rows = [];
const add = (what, median, min, max, note = '') => rows.push({ what, median, min, max, note });
const result = { when: new Date().toISOString(), loadavg: os.loadavg().map((l) => Number(l.toFixed(2))), cpus: os.cpus().length };

// Engine: headlines with entities.
const head = criterion('headlines/analyze');
const peers = readJson(path.join(OUT, 'peers.json'));
if (head) {
  const n = head.throughput.Elements;
  result.headlines = { n, median: n / head.median, min: n / head.max, max: n / head.min };
  add(`engine: ${n} headlines, full analysis with entities (headlines/s)`,
    fmtRate(result.headlines.median), fmtRate(result.headlines.min), fmtRate(result.headlines.max));
}
if (peers) {
  for (const name of ['sentiment', 'vader-sentiment']) {
    const p = peers[name];
    add(`npm ${name}: same ${peers.headlines} headlines, no entities (headlines/s)`, fmtRate(p.median), fmtRate(p.min), fmtRate(p.max));
  }
  if (head) {
    result.ratios = {
      sentiment: result.headlines.median / peers.sentiment.median,
      'vader-sentiment': result.headlines.median / peers['vader-sentiment'].median,
    };
    add('ratio engine / npm sentiment (medians, same run)', `${result.ratios.sentiment.toFixed(2)}×`, '', '', 'target ≥ 1');
    add('ratio engine / npm vader-sentiment (medians, same run)', `${result.ratios['vader-sentiment'].toFixed(2)}×`, '', '');
  }
}

// Engine: long articles.
result.articles = [];
for (const label of ['1KB', '10KB', '100KB', '1MB']) {
  const r = criterion(`article/${label}`);
  if (!r) continue;
  const bytes = r.throughput.Bytes;
  const mbps = (s) => bytes / s / 1e6;
  result.articles.push({ label, bytes, median: r.median, min: r.min, max: r.max, mbps: mbps(r.median) });
  add(`engine: ${label} article (${bytes} B), time`, fmtTime(r.median), fmtTime(r.min), fmtTime(r.max),
    `${mbps(r.median).toFixed(1)} MB/s (${mbps(r.max).toFixed(1)}–${mbps(r.min).toFixed(1)})`);
}
const json = criterion('article_json/100KB');
if (json) {
  const mbps = json.throughput.Bytes / json.median / 1e6;
  add('engine: 100 KB article from JSON (parse + analysis)', fmtTime(json.median), fmtTime(json.min), fmtTime(json.max), `${mbps.toFixed(1)} MB/s`);
}

// Browser.
const browser = readJson(path.join(OUT, 'browser.json'));
if (browser) {
  result.browser = browser;
  const a = browser.article1000;
  if (a) add(`browser: ${a.words}-word article, analyze_json (ms, ${a.runs} runs)`, a.median.toFixed(2), a.min.toFixed(2), a.max.toFixed(2), 'target ≤ 2 ms');
  const r = browser.render;
  if (r) add(`browser: default panel rendered after DOMContentLoaded (ms, ${r.runs} loads)`, r.median.toFixed(1), r.min.toFixed(1), r.max.toFixed(1), 'target ≤ 150 ms');
  const pasted = browser.pasted;
  if (pasted) {
    add(`browser: 1 MB text pasted into the widget, analysed and shown: longest main-thread task (ms)`, pasted.longestTask.toFixed(0), '', '',
      `${pasted.longTasks} long tasks (${pasted.tasks.map((t) => t.toFixed(0)).join(', ')} ms); ${pasted.total} ms until the new title shows, ${pasted.untilReady} ms until its \`news-impact:ready\` event; target ≤ 100 ms`);
  }
  for (const big of browser.large || []) {
    add(`browser: ${big.what}: longest main-thread task (ms)`, big.longestTask.toFixed(0), '', '',
      `${big.longTasks} long tasks; total ${big.total.toFixed(0)} ms; reference: the whole analysis in one task, which the widget avoids by slicing`);
  }
}

// Size.
const size = readJson(path.join(OUT, 'size.json'));
if (size) {
  result.size = size;
  add('size: everything the default page loads (KB gzip)', (size.total / 1024).toFixed(1), '', '', 'budget 350 KB');
}

const widths = [62, 14, 14, 14];
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i] || 0)).join(' | ')} |`;
const table = [line(['measure', 'median', 'min', 'max', 'note']), line(['---', '---', '---', '---', '---']),
  ...rows.map((r) => line([r.what, r.median, r.min, r.max, r.note]))].join('\n');
fs.writeFileSync(path.join(OUT, 'summary.md'), `${table}\n`);
fs.writeFileSync(path.join(OUT, 'summary.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nnews-impact benchmark summary (${result.when}; ${result.cpus} CPUs, load average ${result.loadavg.join(' ')})\n\n${table}\n`);

// Chart: analysis time against input size, log-log, with min–max whiskers and a slope-1 guide.
if (result.articles.length >= 2) {
  const W = 560; const H = 380; const L = 70; const R = 20; const T = 40; const B = 56;
  const pts = result.articles;
  const lx = (b) => Math.log10(b); const ly = (s) => Math.log10(s * 1e3);
  const x0 = Math.floor(lx(pts[0].bytes)); const x1 = Math.ceil(lx(pts[pts.length - 1].bytes));
  const ys = pts.flatMap((p) => [ly(p.min), ly(p.max)]);
  const y0 = Math.floor(Math.min(...ys)); const y1 = Math.ceil(Math.max(...ys));
  const X = (v) => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v) => H - B - ((v - y0) / (y1 - y0)) * (H - T - B);
  const svg = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">news-impact engine: full analysis time against article size (log-log)</text>`];
  for (let v = x0; v <= x1; v++) {
    const label = ['1 B', '10 B', '100 B', '1 KB', '10 KB', '100 KB', '1 MB', '10 MB'][v] || `1e${v} B`;
    svg.push(`<line x1="${X(v)}" y1="${T}" x2="${X(v)}" y2="${H - B}" stroke="#ddd"/>`,
      `<text x="${X(v)}" y="${H - B + 18}" text-anchor="middle">${label}</text>`);
  }
  for (let v = y0; v <= y1; v++) {
    const ms = 10 ** v; const label = ms >= 1 ? `${ms} ms` : `${ms * 1000} µs`;
    svg.push(`<line x1="${L}" y1="${Y(v)}" x2="${W - R}" y2="${Y(v)}" stroke="#ddd"/>`,
      `<text x="${L - 6}" y="${Y(v) + 4}" text-anchor="end">${label}</text>`);
  }
  svg.push(`<text x="${W / 2}" y="${H - 14}" text-anchor="middle">input size (bytes of article text)</text>`,
    `<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">time per analysis</text>`);
  // Slope-1 guide through the first median: where exactly linear growth would put the others.
  const g0 = pts[0];
  const guide = (b) => ly(g0.median * (b / g0.bytes));
  svg.push(`<line x1="${X(lx(g0.bytes))}" y1="${Y(guide(g0.bytes))}" x2="${X(lx(pts[pts.length - 1].bytes))}" y2="${Y(guide(pts[pts.length - 1].bytes))}" stroke="#999" stroke-dasharray="5 4"/>`);
  svg.push(`<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${pts.map((p) => `${X(lx(p.bytes)).toFixed(1)},${Y(ly(p.median)).toFixed(1)}`).join(' ')}"/>`);
  for (const p of pts) {
    const x = X(lx(p.bytes));
    svg.push(`<line x1="${x}" y1="${Y(ly(p.min))}" x2="${x}" y2="${Y(ly(p.max))}" stroke="#1f6feb"/>`,
      `<circle cx="${x}" cy="${Y(ly(p.median))}" r="4" fill="#1f6feb"/>`,
      `<text x="${x + 8}" y="${Y(ly(p.median)) + 16}">${fmtTime(p.median)} · ${p.mbps.toFixed(1)} MB/s</text>`);
  }
  svg.push(`<text x="${L + 8}" y="${T + 14}" fill="#1f6feb">● median, bar = min–max</text>`,
    `<text x="${L + 8}" y="${T + 30}" fill="#777">- - - exactly linear from the 1 KB median</text>`, '</svg>');
  fs.writeFileSync('bench/article-scaling.svg', `${svg.join('\n')}\n`);
  console.log('wrote bench/article-scaling.svg');
}
