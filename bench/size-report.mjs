// Size report: what the default page loads, in gzip bytes, broken down by part (UI, engine, model,
// universe, glue, shared Rust runtime). Prints a table and writes target/bench/size.json.
//
//   node bench/size-report.mjs [dist]      (after `make dist`; `make bench` runs it)
//
// How the parts are found:
// - the page is loaded in headless Chromium and every file it fetches is gzipped (level 9), as in
//   tests/e2e/size.test.mjs; html and css count as UI, the JS files as glue;
// - the wasm is split using a non-stripped build of the same profile, run through wasm-bindgen
//   --keep-debug and wasm-opt -Oz -g (names kept), then `twiggy top`: each function is given to
//   the first crate in its name that is not the standard library or serde (so a serde or Vec
//   function instantiated for an engine type counts as engine); the data files compiled in with
//   include_str! (model, universe, default article, widget stylesheet) are found verbatim in the
//   data section;
// - gzip shares: each data file is gzipped on its own; the rest of the shipped wasm's gzip size is
//   shared among the code parts in proportion to their uncompressed bytes (an estimate: code of
//   different crates compresses about equally well).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve } from '../tests/e2e/server.mjs';
import { launch, openPage } from '../tests/e2e/browser.mjs';

const dist = process.argv[2] || 'dist';
const OUT = 'target/bench';
const WORK = path.join(OUT, 'size');
fs.mkdirSync(WORK, { recursive: true });
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const bin = (name) => {
  const local = path.resolve('node_modules/.bin', name);
  if (fs.existsSync(local)) return local;
  const cargo = path.join(process.env.HOME || '', '.cargo/bin', name);
  return fs.existsSync(cargo) ? cargo : name;
};
const run = (cmd, args, opts = {}) => execFileSync(bin(cmd), args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28, ...opts });

// 1. What the default page loads.
const site = await serve({ root: dist });
const browser = await launch();
const files = [];
try {
  const { page } = await openPage(browser.context);
  const loads = [];
  page.on('response', (res) => loads.push(res));
  await page.goto(`${site.url}/`);
  await page.waitForSelector('[data-symbol]', { timeout: 30000 }).catch(() => {});
  await page.waitForLoadState('networkidle');
  for (const res of loads) {
    if (!res.url().startsWith(site.url)) continue;
    const body = await res.body();
    files.push({ file: new URL(res.url()).pathname, raw: body.length, gzip: gz(body), body });
  }
} finally {
  await browser.close();
  await site.close();
}
const wasmFile = files.find((f) => f.file.endsWith('.wasm'));
if (!wasmFile) throw new Error('the default page loaded no wasm');

// 2. A non-stripped build of the same profile, for names.
if (!process.env.SKIP_BUILD) {
  run('cargo', ['build', '-p', 'news-impact-web', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release'],
    { env: { ...process.env, CARGO_PROFILE_WASM_RELEASE_STRIP: 'false' }, stdio: ['ignore', 'inherit', 'inherit'] });
}
const raw = 'target/wasm32-unknown-unknown/wasm-release/news_impact_web.wasm';
run('wasm-bindgen', ['--keep-debug', '--target', 'web', '--out-dir', WORK, raw]);
const named = path.join(WORK, 'named.wasm');
run('wasm-opt', ['-Oz', '-g', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
  path.join(WORK, 'news_impact_web_bg.wasm'), '-o', named]);
const items = JSON.parse(run('twiggy', ['top', '-n', '1000000', '-f', 'json', named]).toString());

// 3. Attribute functions to parts.
const PARTS = {
  engine: ['news_impact_engine', 'unicode_segmentation', 'rustc_hash', 'serde_path_to_error', 'memchr'],
  ui: ['news_impact_web', 'yew', 'yew_macro', 'gloo', 'gloo_events', 'gloo_timers', 'gloo_utils', 'gloo_console',
    'web_sys', 'js_sys', 'wasm_bindgen', 'wasm_bindgen_futures', 'implicit_clone', 'futures', 'futures_util',
    'futures_channel', 'futures_core', 'slab', 'indexmap', 'hashbrown', 'tracing', 'pinned', 'prokio', 'bincode', 'console_error_panic_hook'],
};
const crateOf = new Map(Object.entries(PARTS).flatMap(([part, crates]) => crates.map((c) => [c, part])));
function partOf(name) {
  for (const m of name.matchAll(/([a-z_][a-z0-9_]*)::/g)) {
    const part = crateOf.get(m[1]);
    if (part) return part;
  }
  return 'runtime';
}
const bytes = { ui: 0, engine: 0, runtime: 0, data: 0, other: 0 };
const top = { ui: [], engine: [], runtime: [] };
for (const item of items.items || items) {
  const name = item.name || '';
  const size = item.shallow_size;
  if (/^data\[|^data segment/.test(name)) { bytes.data += size; continue; }
  // Debug and name sections exist only in this named build, not in the shipped wasm.
  if (/^custom section|subsection$/.test(name)) continue;
  if (/^code\[|::|^[a-zA-Z_<]/.test(name) && !/^(wasm-bindgen|type\[|import|export|elem|table|global|"|custom section|\.)/.test(name)) {
    const part = partOf(name);
    bytes[part] += size;
    top[part].push({ name, size });
  } else {
    bytes.other += size;
  }
}

// 4. Data files compiled in.
const wasmBytes = fs.readFileSync(named);
const DATA = [
  ['model', ['crates/engine/data/model.txt', 'crates/engine/data/model.bin']],
  ['universe', ['crates/engine/data/universe.tsv', 'crates/engine/data/sec.tsv', 'crates/engine/data/universe.bin']],
  ['ui', ['www/articles/default.json', 'www/styles/widget.css']],
];
const dataParts = {};
for (const [part, candidates] of DATA) {
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    const content = fs.readFileSync(file);
    if (content.length < 64 || wasmBytes.indexOf(content) < 0) continue;
    dataParts[part] ??= { raw: 0, gzip: 0, files: [] };
    dataParts[part].raw += content.length;
    dataParts[part].gzip += gz(content);
    dataParts[part].files.push(file);
  }
}
const dataKnown = Object.values(dataParts).reduce((s, d) => s + d.raw, 0);

// 5. Shares of the shipped wasm's gzip size.
const codeRaw = bytes.ui + bytes.engine + bytes.runtime + bytes.other + Math.max(0, bytes.data - dataKnown);
const codeGzip = wasmFile.gzip - Object.values(dataParts).reduce((s, d) => s + d.gzip, 0);
const share = (n) => Math.round((codeGzip * n) / codeRaw);
const rows = [];
const page = files.filter((f) => !f.file.endsWith('.wasm'));
const ui = page.filter((f) => /\.(html|css)$|\/$/.test(f.file));
const glue = page.filter((f) => !ui.includes(f));
rows.push({ part: 'UI: page html + css', gzip: ui.reduce((s, f) => s + f.gzip, 0), raw: ui.reduce((s, f) => s + f.raw, 0), what: ui.map((f) => f.file).join(' ') });
rows.push({ part: 'UI: wasm code (app, yew, web-sys, wasm-bindgen)', gzip: share(bytes.ui), raw: bytes.ui, what: 'functions' });
if (dataParts.ui) rows.push({ part: 'UI: wasm data (default article, widget css)', gzip: dataParts.ui.gzip, raw: dataParts.ui.raw, what: dataParts.ui.files.join(' ') });
rows.push({ part: 'engine: wasm code (engine, unicode-segmentation, rustc-hash)', gzip: share(bytes.engine), raw: bytes.engine, what: 'functions' });
rows.push({ part: 'model: wasm data', gzip: dataParts.model?.gzip || 0, raw: dataParts.model?.raw || 0, what: dataParts.model?.files.join(' ') || 'not found in the wasm' });
rows.push({ part: 'universe: wasm data', gzip: dataParts.universe?.gzip || 0, raw: dataParts.universe?.raw || 0, what: dataParts.universe?.files.join(' ') || 'not found in the wasm' });
rows.push({ part: 'shared Rust runtime: std, alloc, serde, serde_json (wasm code)', gzip: share(bytes.runtime), raw: bytes.runtime, what: 'functions' });
rows.push({ part: 'other wasm: other data, tables, names of imports/exports', gzip: share(bytes.other + Math.max(0, bytes.data - dataKnown)), raw: bytes.other + Math.max(0, bytes.data - dataKnown), what: 'sections' });
rows.push({ part: 'glue: JS (boot, embedding module, wasm-bindgen glue)', gzip: glue.reduce((s, f) => s + f.gzip, 0), raw: glue.reduce((s, f) => s + f.raw, 0), what: glue.map((f) => f.file).join(' ') });
const total = files.reduce((s, f) => s + f.gzip, 0);
const kb = (n) => (n / 1024).toFixed(1);
const table = ['| part | KB gzip | raw bytes | what |', '|---|---:|---:|---|',
  ...rows.map((r) => `| ${r.part} | ${kb(r.gzip)} | ${r.raw} | ${r.what} |`),
  `| **total the default page loads** | **${kb(total)}** | ${files.reduce((s, f) => s + f.raw, 0)} | budget 350 KB |`,
  `| (of which the shipped wasm) | ${kb(wasmFile.gzip)} | ${wasmFile.raw} | ${wasmFile.file} |`].join('\n');
console.log(table);
const biggest = (part) => top[part].sort((a, b) => b.size - a.size).slice(0, 8).map((t) => `  ${String(t.size).padStart(7)}  ${t.name.slice(0, 110)}`).join('\n');
console.log(`\nlargest engine functions:\n${biggest('engine')}\nlargest UI functions:\n${biggest('ui')}\nlargest runtime functions:\n${biggest('runtime')}`);
fs.writeFileSync(path.join(OUT, 'size.json'), `${JSON.stringify({ total, wasm: { raw: wasmFile.raw, gzip: wasmFile.gzip }, rows, files: files.map(({ body, ...f }) => f) }, null, 2)}\n`);
fs.writeFileSync(path.join(OUT, 'size.md'), `${table}\n`);
